import { defineRule } from '../../judgement/define.js';
import { isLocalHttp, parseUrl, privateLinkFrom } from '../../transport/url.js';

const ENDPOINTS = [
  'authorization_endpoint',
  'token_endpoint',
  'registration_endpoint',
  'revocation_endpoint',
  'introspection_endpoint',
  'pushed_authorization_request_endpoint',
  'userinfo_endpoint',
  'jwks_uri',
];

export default defineRule({
  id: 'asm-endpoints-https',
  meta: {
    description: 'Every endpoint in the metadata is https (http on loopback is reported as info)',
    subject: 'idp',
    severity: 'error',
    spec: ['MCP 2025-11-25 Authorization: Communication Security', 'OAuth 2.1 §1.5'],
    fix: 'Serve every authorization-server endpoint over https with a certificate from a public CA, and publish the https URLs in the metadata.',
  },
  requires: ['authorizationServer'],
  check({ authorizationServer: as }, ctx) {
    const local: string[] = [];
    const issuer = typeof as.metadata.issuer === 'string' ? as.metadata.issuer : as.requestedIssuer;
    for (const field of ENDPOINTS) {
      const url = parseUrl(as.metadata[field]);
      if (url && issuer && privateLinkFrom(issuer, url.href)) {
        ctx.report({
          message: `\`${field}\` is \`${url.href}\`, a private or loopback address, while the issuer is public: Claude cannot reach it.`,
          data: { field },
          where: { url: as.documentUrl, pointer: `/${field}` },
        });
        continue;
      }
      if (!url || url.protocol === 'https:') continue;
      if (isLocalHttp(url.href)) {
        local.push(field);
        continue;
      }
      ctx.report({
        message: `\`${field}\` is \`${url.protocol.replace(':', '')}\`, not https: \`${url.href}\`.`,
        data: { field },
        where: { url: as.documentUrl, pointer: `/${field}` },
      });
    }
    if (local.length > 0) {
      ctx.report({
        severity: 'info',
        message: `${local.map((f) => `\`${f}\``).join(', ')} use http on loopback: fine for local development, not for Claude.`,
        data: { field: local.join(',') },
        where: { url: as.documentUrl },
      });
    }
  },
});
