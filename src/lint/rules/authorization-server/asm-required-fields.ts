import { defineRule } from '../../judgement/define.js';
import { parseUrl } from '../../transport/url.js';

/** Fields the MCP SDK's OpenID provider schema requires of documents served at openid-configuration. */
const OIDC_FIELDS = ['jwks_uri', 'subject_types_supported', 'id_token_signing_alg_values_supported'];

export default defineRule({
  id: 'asm-required-fields',
  meta: {
    description: 'The metadata names an authorization and a token endpoint and supports `response_type=code`',
    subject: 'idp',
    severity: 'error',
    spec: ['RFC 8414 §2', 'MCP 2025-11-25 Authorization', 'MCP TypeScript SDK `startAuthorization`'],
    fix: 'Publish absolute `authorization_endpoint` and `token_endpoint` URLs and include `"code"` in `response_types_supported`.',
  },
  requires: ['authorizationServer'],
  check({ authorizationServer: as }, ctx) {
    const md = as.metadata;
    for (const field of ['authorization_endpoint', 'token_endpoint']) {
      if (!parseUrl(md[field])) {
        ctx.report({
          message: md[field] === undefined ? `The metadata has no \`${field}\`.` : `\`${field}\` is not an absolute URL.`,
          data: { field },
          where: { url: as.documentUrl, pointer: `/${field}` },
        });
      }
    }
    const types = md.response_types_supported;
    if (!Array.isArray(types)) {
      ctx.report({
        message: 'The metadata has no `response_types_supported` array; MCP clients need it to contain `code`.',
        data: { field: 'response_types_supported' },
        where: { url: as.documentUrl, pointer: '/response_types_supported' },
      });
    } else if (!types.includes('code')) {
      ctx.report({
        message: '`response_types_supported` does not contain `code`; Claude uses only the authorization-code flow.',
        data: { field: 'response_types_supported' },
        where: { url: as.documentUrl, pointer: '/response_types_supported' },
      });
    }
    if (as.documentKind === 'oidc') {
      const missing = OIDC_FIELDS.filter((f) => md[f] === undefined);
      if (missing.length > 0) {
        ctx.report({
          severity: 'warning',
          message: `The OpenID configuration lacks ${missing.map((f) => `\`${f}\``).join(', ')}, which OpenID Connect Discovery requires; the MCP TypeScript SDK rejects such documents.`,
          data: { field: missing.join(',') },
          where: { url: as.documentUrl },
        });
      }
    }
  },
});
