import { checkCallbackRule } from '../../judgement/callback-rule.js';
import { CALLBACKS } from '../../judgement/callbacks.js';
import { defineRule } from '../../judgement/define.js';
import { cimdUsable } from '../../judgement/claude.js';

export default defineRule({
  id: 'cimd-claude-client-accepted',
  meta: {
    description: "The IdP accepts Claude's own Client ID Metadata Document client with Claude's callbacks",
    subject: 'idp',
    severity: 'error',
    spec: ['MCP 2026-07-28 Authorization: Client ID Metadata Documents', 'Claude docs: Authentication for connectors (Client ID Metadata Documents)', 'draft-ietf-oauth-client-id-metadata-document'],
    fix: "Let the authorization server fetch `client_id` URLs (https, with a path) and accept the client they describe: allow Claude's metadata document host (`claude.ai`) in any domain allowlist, validate `redirect_uri` against the document's `redirect_uris`, and accept public clients (`token_endpoint_auth_method: none`).",
  },
  requires: ['cimd'],
  check({ cimd, authorizationServer, redirectUris }, ctx) {
    if (redirectUris === cimd) {
      ctx.skip('Claude uses its CIMD client here (no other client given): redirect-claude-ai-accepted and redirect-claude-com-accepted judge it');
      return;
    }
    // Claude picks CIMD only when the metadata also offers public-client authentication
    // (cimd-claude-gate); otherwise a refusal here does not break Claude's sign-in.
    const chosen = authorizationServer !== undefined && cimdUsable(authorizationServer.metadata);
    for (const { role } of CALLBACKS) checkCallbackRule(cimd, role, ctx, chosen ? undefined : 'warning');
  },
});
