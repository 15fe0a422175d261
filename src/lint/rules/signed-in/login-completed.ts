import { sanitize } from '../../../shared/sanitize.js';
import { defineRule, type RuleContext } from '../../judgement/define.js';
import type { LoginFacts, LoginFailure } from '../../types.js';

type Failed = Extract<LoginFacts['outcome'], { status: 'failed' }>;

/** What each way of ending means, and what to change for it. */
const EXPLAINED: Record<Exclude<LoginFailure, 'no-client'>, { what: string; fix: string }> = {
  registration: {
    what: 'the IdP refused to register a client the way Claude Code does (a native client with a loopback redirect URI)',
    fix: 'Let dynamic client registration accept `application_type: "native"` with `http://localhost:<port>/callback` (any port, RFC 8252 §7.3), or offer Client ID Metadata Documents; or pass `--client-id` of a client that allows the loopback callbacks.',
  },
  denied: {
    what: 'the sign-in was refused (`access_denied`): consent was declined, or the IdP does not let this user or client in',
    fix: 'Sign in again and approve the consent screen; if the IdP refuses the user, assign them to the application (Okta, Entra) or allow the client to request the scopes it asks for.',
  },
  'idp-error': {
    what: 'the IdP sent the browser back with an error',
    fix: 'Read the IdP\'s error: most often the scope (`invalid_scope`), the `resource` (`invalid_target`: register the MCP URL as an API/resource at the IdP) or the client (`unauthorized_client`).',
  },
  timeout: {
    what: 'no sign-in came back to the loopback callback in time',
    fix: 'Finish the sign-in in the browser within `--login-timeout` seconds (default 300); if the browser showed an IdP error page instead of coming back, the IdP refused the redirect URI or the request: see the callback rules.',
  },
  'state-mismatch': {
    what: 'the callback\'s `state` did not match the request (CSRF protection); Claude rejects such a callback',
    fix: 'The IdP must return `state` exactly as sent; a proxy or login page that drops or rewrites it breaks every client.',
  },
  'iss-mismatch': {
    what: 'the callback\'s RFC 9207 `iss` did not match the issuer; Claude Code rejects it ("Issuer mismatch in authorization response")',
    fix: 'Make the IdP send `iss` equal to its metadata `issuer` byte for byte (scheme, host, path, trailing slash), or stop advertising `authorization_response_iss_parameter_supported` if it sends none.',
  },
  exchange: {
    what: 'the code could not be exchanged for a token',
    fix: 'Read the token endpoint\'s error: PKCE (`invalid_grant`), client authentication (`invalid_client`: a confidential client needs CONNECTOR_CLIENT_SECRET; Claude itself uses public clients) or `resource` (`invalid_target`).',
  },
};

export default defineRule({
  id: 'login-completed',
  meta: {
    description: 'A person can sign in as Claude Code does and get a token (`--login`)',
    subject: 'idp',
    severity: 'error',
    spec: ['MCP 2025-11-25 / 2026-07-28 Authorization: Authorization Code flow with PKCE, `state`', 'RFC 8252 (loopback redirect)', 'RFC 9207 (`iss`)', 'RFC 8707 (`resource`)'],
    fix: 'Follow the fix of the failure reported: consent, an IdP error, the timeout, `state`, `iss` or the token request.',
  },
  requires: ['login'],
  check({ login }, ctx) {
    if (login.outcome.status === 'completed') return leftovers(login, ctx);
    const outcome: Failed = login.outcome;
    // A private registration endpoint was never asked: nothing is known about what it would do.
    if (outcome.failure === 'no-client' || (outcome.failure === 'registration' && outcome.detail.includes('private address'))) {
      ctx.inconclusive(`no client to sign in with: ${outcome.detail}; pass \`--client-id <id>\` (with CONNECTOR_CLIENT_SECRET for a confidential client)`);
      return;
    }
    const explained = EXPLAINED[outcome.failure];
    ctx.report({
      message: `The sign-in did not complete: ${explained.what} (${sanitize(outcome.detail, 300)}); expected a code at \`${login.redirectUri ?? 'the loopback callback'}\` and a token for it.`,
      data: { failure: outcome.failure, ...(outcome.error ? { error: sanitize(outcome.error, 60) } : {}), ...(login.client.clientId ? { clientId: login.client.clientId } : {}) },
      evidence: login.exchangeIds,
      fix: explained.fix,
    });
    leftovers(login, ctx);
  },
  unavailable(_probe, state, ctx) {
    // `--login` was asked for and the sign-in broke down: never a silent skip.
    if (state.status === 'failed') {
      ctx.report({ message: `The sign-in stopped: ${sanitize(state.reason, 300)}; expected a token.` });
      return;
    }
    ctx.skip(`sign-in (--login): ${state.reason}`);
  },
});

/** What the sign-in may have left at the IdP: a registered client not deleted, tokens not revoked. */
function leftovers(login: LoginFacts, ctx: RuleContext): void {
  const cleanup = login.client.cleanup;
  if (login.client.source === 'registration' && cleanup && cleanup.status !== 'deleted') {
    ctx.report({
      severity: 'info',
      message: `The client registered for the sign-in (\`${login.client.clientId ?? '?'}\`) was not deleted (${cleanup.status === 'not-offered' ? 'the registration offered no RFC 7592 management' : `deletion failed${cleanup.httpStatus ? `: HTTP ${cleanup.httpStatus}` : ''}`}); delete it in the IdP's console.`,
      evidence: login.exchangeIds,
      fix: 'Delete the client named in the message at the IdP; it is safe to delete.',
    });
  }
  if (login.revocation?.status === 'failed') {
    ctx.report({
      severity: 'info',
      message: `Revoking the sign-in's tokens failed (${sanitize(login.revocation.detail ?? '', 200)}); they stay valid until they expire.`,
      evidence: login.exchangeIds,
      fix: 'Nothing is required: the tokens expire. To end them now, revoke the grant of the signed-in user at the IdP.',
    });
  }
}
