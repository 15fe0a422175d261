import { defineRule } from '../../judgement/define.js';
import { bearerChallenge } from '../../judgement/mcp-mode.js';

export default defineRule({
  id: 'www-authenticate-scope',
  meta: {
    description: 'The 401 challenge (or the protected-resource metadata) names the scopes Claude should request',
    subject: 'mcp',
    severity: 'warning',
    spec: ['MCP 2025-11-25 Authorization: Scope Selection Strategy', 'Claude docs: Authentication for connectors (scopes)'],
    fix: 'Add `scope="<the scopes your tools need>"` to the Bearer challenge, or list them in `scopes_supported` of the protected-resource metadata; otherwise Claude asks for every scope the authorization server advertises and may be refused with `invalid_scope`.',
  },
  requires: ['mcpServer'],
  check({ mcpServer: mcp, protectedResource }, ctx) {
    const bearer = bearerChallenge(mcp);
    if (mcp.initialize.status !== 401) {
      ctx.notApplicable('the server did not answer 401');
      return;
    }
    if (!bearer) {
      ctx.skip('no Bearer challenge to read (see www-authenticate-resource-metadata)');
      return;
    }
    if (bearer.params.scope) return;
    const prmScopes = protectedResource?.metadata.scopes_supported;
    if (Array.isArray(prmScopes) && prmScopes.length > 0) return;
    ctx.report({
      message: 'Neither the Bearer challenge (`scope`) nor the protected-resource metadata (`scopes_supported`) names a scope; Claude then requests every scope the authorization server lists.',
      where: { url: mcp.url },
      evidence: [mcp.initialize.exchangeId],
    });
  },
});
