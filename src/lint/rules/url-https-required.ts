import { defineRule } from '../define.js';
import { isLocalHttp, parseUrl } from '../url.js';

export default defineRule({
  id: 'url-https-required',
  meta: {
    description: 'The MCP server URL is https (http on loopback is reported as info)',
    subject: 'mcp',
    severity: 'error',
    spec: ['Claude docs: Submitting to the Connectors Directory ("reachable over HTTPS")', 'MCP 2025-11-25 Authorization: Communication Security'],
    fix: 'Serve the MCP endpoint over https with a certificate from a public CA (a tunnel such as cloudflared or ngrok works for testing) and give Claude the https URL.',
  },
  requires: ['mcpServer'],
  check({ mcpServer: mcp }, ctx) {
    const url = parseUrl(mcp.url);
    if (!url) return;
    if (url.protocol === 'https:') return;
    const local = isLocalHttp(mcp.url);
    ctx.report({
      severity: local ? 'info' : 'error',
      message: local
        ? `\`${mcp.url}\` is http on loopback: fine for local development; Claude needs a public https URL.`
        : `\`${mcp.url}\` is not https; Claude only connects to https URLs.`,
      where: { url: mcp.url },
    });
  },
});
