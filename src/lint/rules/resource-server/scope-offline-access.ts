import { sanitize } from '../../../shared/sanitize.js';
import { defineRule } from '../../judgement/define.js';
import { bearerChallenge } from '../../judgement/mcp-mode.js';

const OFFLINE_ACCESS = 'offline_access';

export default defineRule({
  id: 'scope-offline-access',
  meta: {
    description: 'Neither the 401 challenge `scope` nor the protected-resource `scopes_supported` names `offline_access`',
    subject: 'mcp',
    severity: 'warning',
    spec: [
      'MCP 2026-07-28 Authorization: Refresh Tokens (SEP-2207: servers SHOULD NOT include `offline_access` in the `WWW-Authenticate` scope or in `scopes_supported`)',
      'Claude docs: Authentication for connectors (Claude appends `offline_access` when the authorization server lists it)',
    ],
    fix: 'Remove `offline_access` from the challenge `scope` and from `scopes_supported` of the protected-resource metadata; list only the scopes your tools need there. Whether to ask for a refresh token is the client\'s choice: Claude adds `offline_access` itself when the authorization server lists it in its own `scopes_supported`.',
  },
  requires: ['mcpServer'],
  check({ mcpServer: mcp, protectedResource }, ctx) {
    if (mcp.initialize.status !== 401) {
      ctx.notApplicable('the server did not answer 401');
      return;
    }
    // RFC 6749 §3.3: space-delimited, case-sensitive scope tokens.
    const scope = bearerChallenge(mcp)?.params.scope;
    if (scope?.split(' ').includes(OFFLINE_ACCESS)) {
      ctx.report({
        message: `The 401 challenge asks for \`scope="${sanitize(scope, 200)}"\`, which names \`offline_access\`; a resource server should name only the scopes its tools need.`,
        data: { advertisedIn: 'WWW-Authenticate' },
        where: { url: mcp.url },
        evidence: [mcp.initialize.exchangeId],
      });
    }
    const supported = protectedResource?.metadata.scopes_supported;
    if (protectedResource && Array.isArray(supported) && supported.includes(OFFLINE_ACCESS)) {
      ctx.report({
        message: 'The protected-resource metadata lists `offline_access` in `scopes_supported`; a resource server should list only the scopes its tools need.',
        data: { advertisedIn: 'scopes_supported' },
        where: { url: protectedResource.documentUrl, pointer: '/scopes_supported' },
      });
    }
  },
});
