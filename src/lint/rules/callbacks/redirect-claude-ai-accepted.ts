import { defineRule } from '../../judgement/define.js';
import { checkCallbackRule } from '../../judgement/callback-rule.js';

export default defineRule({
  id: 'redirect-claude-ai-accepted',
  meta: {
    description: 'The IdP accepts `https://claude.ai/api/mcp/auth_callback` as a redirect URI for the client',
    subject: 'idp',
    severity: 'error',
    required: true,
    spec: ['Claude docs: Authentication for connectors (redirect URI)', 'MCP 2025-11-25 Authorization: exact redirect URI matching', 'RFC 6749 §3.1.2'],
    fix: 'Add `https://claude.ai/api/mcp/auth_callback` exactly (https, no trailing slash) to the allowed redirect URIs (callback URLs) of the client Claude uses; the README lists the console path for each IdP.',
  },
  requires: ['redirectUris'],
  check({ redirectUris }, ctx) {
    checkCallbackRule(redirectUris, 'claude-ai', ctx);
  },
  unavailable(_probe, state, ctx) {
    if (state.status === 'not-run' && state.cause === 'missing-input') {
      ctx.inconclusive(state.reason);
      ctx.report({
        severity: 'warning',
        message: `Claude's callbacks were not probed: ${state.reason}.`,
      });
      return;
    }
    ctx.skip(state.reason);
  },
});
