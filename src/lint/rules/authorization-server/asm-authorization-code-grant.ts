import { defineRule } from '../../judgement/define.js';

export default defineRule({
  id: 'asm-authorization-code-grant',
  meta: {
    description: 'The authorization server supports the authorization-code grant, not only client credentials',
    subject: 'idp',
    severity: 'error',
    spec: ['RFC 8414 §2 (`grant_types_supported` defaults to authorization_code and implicit)', 'Claude docs: Authentication for connectors'],
    fix: 'Enable the authorization-code grant (with PKCE) for the client Claude uses and list `authorization_code` in `grant_types_supported`; Claude signs users in interactively and does not support machine-to-machine `client_credentials`.',
  },
  requires: ['authorizationServer'],
  check({ authorizationServer: as }, ctx) {
    const grants = as.metadata.grant_types_supported;
    const where = { url: as.documentUrl, pointer: '/grant_types_supported' };
    if (grants === undefined) return;
    if (!Array.isArray(grants)) {
      ctx.report({ message: '`grant_types_supported` is not an array.', where });
      return;
    }
    if (grants.includes('authorization_code')) return;
    const credentialsOnly = grants.length > 0 && grants.every((g) => g === 'client_credentials');
    ctx.report({
      message: credentialsOnly
        ? 'The authorization server is client-credentials-only: `grant_types_supported` is `["client_credentials"]`. Claude only runs the interactive authorization-code flow with user consent.'
        : `\`grant_types_supported\` (${grants.map((g) => `\`${String(g)}\``).join(', ') || 'empty'}) lacks \`authorization_code\`, the only grant Claude uses to sign users in.`,
      data: { grants: grants.join(',') },
      where,
    });
  },
});
