import { checkCallbackRule } from '../../judgement/callback-rule.js';
import { probedRoles } from '../../judgement/callbacks.js';
import { isLoopbackRole } from '../../judgement/claude.js';
import { defineRule } from '../../judgement/define.js';

export default defineRule({
  id: 'redirect-claude-code-loopback',
  meta: {
    description: "The IdP accepts Claude Code's loopback callbacks (`http://localhost:<port>/callback`, `http://127.0.0.1:<port>/callback`) on any port",
    subject: 'idp',
    severity: 'warning',
    spec: ['Claude docs: Authentication for connectors (Callback URLs: Claude Code)', 'RFC 8252 §7.3 (loopback redirects: any port)', 'RFC 9700 §2.1 (port-agnostic loopback matching)'],
    fix: 'Allow `http://localhost/callback` and `http://127.0.0.1/callback` for the client and match loopback redirect URIs without their port (RFC 8252 §7.3): Claude Code listens on a new ephemeral port at every sign-in (oidc-provider, Keycloak, Okta: a native/public client; Entra: "Mobile and desktop applications" with `http://localhost`).',
  },
  requires: ['redirectUris'],
  check({ redirectUris }, ctx) {
    const loopback = probedRoles(redirectUris).filter(isLoopbackRole);
    if (loopback.length === 0) {
      ctx.notApplicable('loopback callbacks are probed with the client given by `--client-id` (a registered client declares the hosted callbacks only)');
      return;
    }
    for (const role of loopback) checkCallbackRule(redirectUris, role, ctx, 'warning');
  },
});
