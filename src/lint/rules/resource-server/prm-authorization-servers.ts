import { sanitize } from '../../../shared/sanitize.js';
import { defineRule } from '../../judgement/define.js';
import { parseHttpUrl, privateLinkFrom } from '../../transport/url.js';

export default defineRule({
  id: 'prm-authorization-servers',
  meta: {
    description: '`authorization_servers` is a non-empty list of URLs; Claude uses only the first',
    subject: 'mcp',
    severity: 'error',
    spec: ['MCP 2025-11-25 Authorization: Authorization Server Location', 'RFC 9728 §2', 'Claude docs: Authentication for connectors ("Claude uses the first entry")'],
    fix: 'List your authorization server\'s issuer URL, exactly as its metadata states `issuer`, as the first (ideally only) entry of `authorization_servers`.',
  },
  requires: ['protectedResource'],
  check({ protectedResource: prm, mcpServer }, ctx) {
    const servers = prm.metadata.authorization_servers;
    const where = { url: prm.documentUrl, pointer: '/authorization_servers' };
    if (!Array.isArray(servers) || servers.length === 0) {
      ctx.report({ message: '`authorization_servers` is missing or empty; Claude has no authorization server to sign users in with.', where });
      return;
    }
    const first = servers[0];
    if (typeof first !== 'string' || !parseHttpUrl(first)) {
      ctx.report({ message: `The first entry of \`authorization_servers\` is not an http(s) URL: \`${sanitize(String(first), 120)}\`.`, where });
      return;
    }
    if (mcpServer && privateLinkFrom(mcpServer.url, first)) {
      ctx.report({
        message: `The first entry of \`authorization_servers\` is \`${sanitize(first, 120)}\`, a private or loopback address, while the MCP server is public: Claude cannot reach it.`,
        where,
      });
      return;
    }
    const declared = ctx.target.issuer;
    if (declared !== undefined && declared !== first) {
      ctx.report({
        message: `The issuer given to the linter (\`--issuer\` or connector.json) is \`${declared}\`, but the server's metadata names \`${sanitize(first, 120)}\`; Claude follows the server's metadata.`,
        data: { declared, first: sanitize(first, 120) },
        where,
      });
    }
    if (servers.length > 1) {
      ctx.report({
        severity: 'info',
        message: `\`authorization_servers\` lists ${servers.length} servers; Claude uses \`${sanitize(first, 120)}\` and never falls back to the others.`,
        where,
      });
    }
  },
});
