import { sanitize } from '../../../shared/sanitize.js';
import { defineRule } from '../../judgement/define.js';
import type { LoginFacts, LoginFailure } from '../../types.js';

type Failed = Extract<LoginFacts['outcome'], { status: 'failed' }>;

/** What each way of ending means, and what to change for it. */
const EXPLAINED: Record<Exclude<LoginFailure, 'no-client' | 'registration'>, { what: string; fix: string }> = {
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
    if (login.outcome.status === 'completed') return;
    const outcome: Failed = login.outcome;
    if (outcome.failure === 'no-client' || outcome.failure === 'registration') {
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
  },
});
