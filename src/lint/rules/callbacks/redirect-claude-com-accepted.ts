import { defineRule } from '../../judgement/define.js';
import { checkCallbackRule } from '../../judgement/callback-rule.js';

export default defineRule({
  id: 'redirect-claude-com-accepted',
  meta: {
    description: 'The IdP accepts `https://claude.com/api/mcp/auth_callback` as a redirect URI for the client',
    subject: 'idp',
    severity: 'error',
    required: true,
    spec: ['Claude help center: Building custom connectors (allowlist the claude.com callback as well)', 'MCP 2025-11-25 Authorization: exact redirect URI matching'],
    fix: 'Add `https://claude.com/api/mcp/auth_callback` exactly (https, no trailing slash) next to the claude.ai callback in the allowed redirect URIs of the client Claude uses; Claude may send either.',
  },
  requires: ['redirectUris'],
  check({ redirectUris }, ctx) {
    checkCallbackRule(redirectUris, 'claude-com', ctx);
  },
  unavailable(_probe, state, ctx) {
    if (state.status === 'not-run' && state.cause === 'missing-input') ctx.inconclusive(state.reason);
    else ctx.skip(state.reason);
  },
});
