import { defineRule } from '../../judgement/define.js';

export default defineRule({
  id: 'no-cross-host-redirect',
  meta: {
    description: 'The MCP URL answers itself: no redirect to another origin, none that turns a POST into a GET, no chain past 5',
    subject: 'mcp',
    severity: 'error',
    spec: ['Claude docs: Troubleshooting ("the Authorization header is dropped on the redirect")', 'RFC 9110 §15.4'],
    fix: 'Give Claude the final URL (the one that answers without redirecting: right host, `www` or not, trailing slash or not), or serve the MCP endpoint at the URL you publish.',
  },
  requires: ['mcpServer'],
  check({ mcpServer: mcp }, ctx) {
    const last = mcp.redirects[mcp.redirects.length - 1];
    if (!last) return;
    const where = { url: mcp.url };
    const evidence = mcp.redirects.map((r) => r.exchangeId);
    const data = { status: last.status, location: last.location };
    if (!last.followed) {
      const why = last.crossOrigin
        ? 'another origin: clients drop the `Authorization` header there and do not follow it'
        : last.status === 307 || last.status === 308
          ? `a redirect past the ${mcp.redirects.length - 1} that clients follow`
          : `a ${last.status}, which turns the POST into a GET, so the MCP request is lost`;
      ctx.report({ message: `\`POST ${mcp.url}\` ends in ${last.status} to \`${last.location}\`, ${why}.`, data, where, evidence });
      return;
    }
    ctx.report({
      severity: 'warning',
      message: `\`POST ${mcp.url}\` redirects (${mcp.redirects.map((r) => r.status).join(', ')}) to \`${last.location}\`; clients follow this within the origin, but give Claude the final URL.`,
      data,
      where,
      evidence,
    });
  },
});
