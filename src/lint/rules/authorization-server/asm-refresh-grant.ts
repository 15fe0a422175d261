import { defineRule } from '../../judgement/define.js';

export default defineRule({
  id: 'asm-refresh-grant',
  meta: {
    description: 'The authorization server advertises the refresh-token grant',
    subject: 'idp',
    severity: 'warning',
    spec: ['RFC 8414 §2', 'Claude docs: Authentication for connectors (token refresh)'],
    fix: 'Enable refresh tokens for the client Claude uses and list `refresh_token` in `grant_types_supported`; if refresh tokens are tied to `offline_access`, list that scope in `scopes_supported` so Claude requests it.',
  },
  requires: ['authorizationServer'],
  check({ authorizationServer: as }, ctx) {
    const grants = as.metadata.grant_types_supported;
    const where = { url: as.documentUrl, pointer: '/grant_types_supported' };
    if (grants === undefined) {
      ctx.report({
        severity: 'info',
        message: '`grant_types_supported` is absent, so by RFC 8414 the server does not advertise `refresh_token`; without refresh tokens users must reconnect whenever an access token expires.',
        where,
      });
      return;
    }
    if (Array.isArray(grants) && !grants.includes('refresh_token')) {
      ctx.report({
        message: '`grant_types_supported` lacks `refresh_token`; without refresh tokens users must reconnect whenever an access token expires.',
        where,
      });
    }
  },
});
