import { sanitize } from '../../../shared/sanitize.js';
import { defineRule } from '../../judgement/define.js';
import { isLocalHttp, parseUrl } from '../../transport/url.js';

export default defineRule({
  id: 'asm-issuer-valid',
  meta: {
    description: 'The metadata `issuer` is an https URL identical to the issuer it was fetched for',
    subject: 'idp',
    severity: 'error',
    spec: ['RFC 8414 §2 and §3.3', 'MCP 2025-11-25 Authorization: Authorization Server Metadata Discovery'],
    fix: 'Set `issuer` to exactly the URL the metadata is published for (same scheme, host, path and trailing slash), use https, and point MCP clients (`authorization_servers` in your protected-resource metadata, `--issuer` here) at that same string.',
  },
  requires: ['authorizationServer'],
  check({ authorizationServer: as }, ctx) {
    const where = { url: as.documentUrl, pointer: '/issuer' };
    const issuer = as.metadata.issuer;
    if (typeof issuer !== 'string' || issuer === '') {
      ctx.report({ message: 'The metadata has no `issuer` string.', where });
      return;
    }
    const shown = sanitize(issuer, 200);
    const url = parseUrl(issuer);
    if (!url) {
      ctx.report({ message: `\`issuer\` is \`${shown}\`, which is not a URL.`, where });
      return;
    }
    if (issuer.includes('?') || issuer.includes('#')) {
      ctx.report({ message: `\`issuer\` \`${shown}\` has a query or fragment; RFC 8414 allows neither.`, where });
    }
    if (as.requestedIssuer !== undefined && !as.issuerFromPrm && issuer !== as.requestedIssuer) {
      ctx.report({
        message: `\`issuer\` is \`${shown}\` but the metadata was fetched for \`${as.requestedIssuer}\`; they must be identical or MCP clients reject the document.`,
        data: { issuer: shown, expected: as.requestedIssuer },
        where,
      });
    }
    if (url.protocol !== 'https:') {
      const local = isLocalHttp(issuer);
      ctx.report({
        severity: local ? 'info' : 'error',
        message: local
          ? `\`issuer\` \`${shown}\` is http on loopback: fine for local development, not for Claude.`
          : `\`issuer\` \`${shown}\` is not https.`,
        where,
      });
    }
  },
});
