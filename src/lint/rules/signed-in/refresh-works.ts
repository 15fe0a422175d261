import { sanitize } from '../../../shared/sanitize.js';
import { defineRule } from '../../judgement/define.js';
import { audienceList, signedInToken } from '../../judgement/signed-in.js';

export default defineRule({
  id: 'refresh-works',
  meta: {
    description: 'The IdP issues a refresh token when it says it does, and the refresh grant works',
    subject: 'idp',
    severity: 'warning',
    spec: ['RFC 6749 §6 (refresh)', 'OAuth 2.1 §4.3.1 (refresh token rotation for public clients)', 'Claude docs: Authentication for connectors (Claude refreshes tokens; `offline_access`)'],
    fix: 'Issue a refresh token to the authorization-code grant (allow the `refresh_token` grant for the client; Okta, Auth0 and Entra need `offline_access`), and let the refresh grant succeed with the same `resource`. Without it, Claude users sign in again every time the access token expires.',
  },
  requires: ['login'],
  check({ login }, ctx) {
    const refresh = login.refresh;
    const token = signedInToken(login, ctx);
    if (!token) return;
    if (!refresh) return ctx.skip('the refresh grant was not tried');
    const evidence = refresh.exchangeIds.length > 0 ? refresh.exchangeIds : login.exchangeIds;
    if (refresh.outcome === 'no-refresh-token') {
      if (!refresh.grantAdvertised) return;
      ctx.report({
        message: `The IdP lists \`refresh_token\` in \`grant_types_supported\`${refresh.offlineAccessRequested ? ' and `offline_access` was asked for' : ''}, yet the token response carried no refresh token; users will sign in again when the token expires.`,
        evidence,
      });
      return;
    }
    if (refresh.outcome === 'failed') {
      ctx.report({ message: `The refresh grant failed: ${sanitize(refresh.detail ?? 'no detail', 300)}; expected a new access token.`, evidence });
      return;
    }
    if (refresh.audience) {
      ctx.report({
        message: `The refreshed access token's \`aud\` is ${audienceList(refresh.audience)}, not the first token's ${audienceList(token.audience ?? [])}: the refresh grant ignores the \`resource\` sent with it, so the server may refuse every token after the first.`,
        data: { audience: refresh.audience.join(' ') },
        evidence,
        fix: 'Make the IdP honour the RFC 8707 `resource` parameter on the refresh grant as on the authorization code grant.',
      });
    }
    if (!refresh.rotated) {
      ctx.report({
        severity: 'info',
        message: 'The refresh answer carried no new refresh token: the same one is used again (no rotation; OAuth 2.1 asks rotation of public clients\' refresh tokens).',
        evidence,
      });
    } else if (refresh.oldStillWorks) {
      ctx.report({
        severity: 'info',
        message: 'The refresh answer carried a new refresh token, but the old one still worked afterwards: rotation without revoking the old token (a stolen refresh token stays usable).',
        evidence,
      });
    }
  },
});
