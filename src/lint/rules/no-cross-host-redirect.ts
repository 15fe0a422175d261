import { defineRule } from '../define.js';

export default defineRule({
  id: 'no-cross-host-redirect',
  meta: {
    description: 'The MCP URL answers itself: no redirect to another host, and no redirect that turns a POST into a GET',
    subject: 'mcp',
    severity: 'error',
    spec: ['Claude docs: Troubleshooting ("the Authorization header is dropped on the redirect")', 'RFC 9110 §15.4'],
    fix: 'Give Claude the final URL (the one that answers without redirecting: right host, `www` or not, trailing slash or not), or serve the MCP endpoint at the URL you publish.',
  },
  requires: ['mcpServer'],
  check({ mcpServer: mcp }, ctx) {
    const redirect = mcp.redirect;
    if (!redirect) return;
    const evidence = [redirect.exchangeId];
    if (redirect.crossHost) {
      ctx.report({
        message: `\`POST ${mcp.url}\` answers ${redirect.status} to \`${redirect.location}\`, another host; clients drop the \`Authorization\` header across hosts, so every authenticated request would fail.`,
        data: { status: redirect.status, location: redirect.location },
        where: { url: mcp.url },
        evidence,
      });
    } else if (redirect.status !== 307 && redirect.status !== 308) {
      ctx.report({
        message: `\`POST ${mcp.url}\` answers ${redirect.status} to \`${redirect.location}\`; a ${redirect.status} turns the POST into a GET, so the MCP request is lost.`,
        data: { status: redirect.status, location: redirect.location },
        where: { url: mcp.url },
        evidence,
      });
    } else {
      ctx.report({
        severity: 'warning',
        message: `\`POST ${mcp.url}\` redirects (${redirect.status}) to \`${redirect.location}\`; it works, but give Claude the final URL to save a round trip on every request.`,
        data: { status: redirect.status, location: redirect.location },
        where: { url: mcp.url },
        evidence,
      });
    }
  },
});
