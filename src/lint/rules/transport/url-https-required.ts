import { defineRule } from '../../judgement/define.js';
import { isLoopbackHost, isPrivateHost, parseUrl } from '../../transport/url.js';

export default defineRule({
  id: 'url-https-required',
  meta: {
    description: 'The MCP server URL is public and https (loopback is reported as info, for local development)',
    subject: 'mcp',
    severity: 'error',
    spec: ['Claude docs: Submitting to the Connectors Directory ("reachable over HTTPS")', 'MCP 2025-11-25 Authorization: Communication Security'],
    fix: 'Serve the MCP endpoint over https with a certificate from a public CA (a tunnel such as cloudflared or ngrok works for testing) and give Claude the https URL.',
  },
  requires: ['mcpServer'],
  check({ mcpServer: mcp }, ctx) {
    const url = parseUrl(mcp.url);
    if (!url) return;
    const where = { url: mcp.url };
    if (isLoopbackHost(url.hostname)) {
      ctx.report({
        severity: 'info',
        message: `\`${mcp.url}\` is on loopback: fine for local development; Claude needs a public https URL.`,
        where,
      });
      return;
    }
    if (isPrivateHost(url.hostname)) {
      ctx.report({ message: `\`${mcp.url}\` is a private address; Claude connects from the internet and cannot reach it.`, where });
      return;
    }
    if (url.protocol !== 'https:') ctx.report({ message: `\`${mcp.url}\` is not https; Claude only connects to https URLs.`, where });
  },
});
