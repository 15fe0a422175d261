import { sanitize } from '../../../shared/sanitize.js';
import { defineRule } from '../../judgement/define.js';

export default defineRule({
  id: 'prm-issuer-identity',
  meta: {
    description: "The authorization server's metadata `issuer` equals the `authorization_servers` entry that led to it",
    subject: 'mcp',
    severity: 'error',
    spec: ['RFC 8414 §3.3', 'MCP 2025-11-25 Authorization Server Metadata Discovery', 'Claude Desktop: "Issuer mismatch in authorization server metadata (RFC 8414 §3.3)"'],
    fix: 'Make the `authorization_servers` entry byte-identical to the `issuer` in the authorization server\'s metadata, trailing slash included (Auth0 issuers end with `/`).',
  },
  requires: ['protectedResource', 'authorizationServer'],
  check({ protectedResource: prm, authorizationServer: as }, ctx) {
    const first = (prm.metadata.authorization_servers as unknown[] | undefined)?.[0];
    if (typeof first !== 'string' || !as.issuerFromPrm) {
      ctx.skip('the authorization server was not found through the protected-resource metadata');
      return;
    }
    const issuer = as.metadata.issuer;
    if (issuer === first) return;
    const said = typeof issuer === 'string' ? `says \`issuer\` is \`${sanitize(issuer, 200)}\`` : 'has no `issuer` string';
    ctx.report({
      message: `\`authorization_servers[0]\` is \`${sanitize(first, 200)}\` but the metadata found there ${said}; clients reject metadata whose issuer differs.`,
      data: { expected: sanitize(first, 200), issuer: typeof issuer === 'string' ? sanitize(issuer, 200) : '' },
      where: { url: as.documentUrl, pointer: '/issuer' },
    });
  },
});
