import { cimdUsable } from '../../judgement/claude.js';
import { defineRule } from '../../judgement/define.js';
import { parseHttpUrl } from '../../transport/url.js';

export default defineRule({
  id: 'registration-path-available',
  meta: {
    description: 'Claude has a way to get a client: CIMD, a pre-registered client id, or DCR (deprecated)',
    subject: 'idp',
    severity: 'error',
    spec: [
      'MCP 2026-07-28 Authorization: Client Registration (Client ID Metadata Documents; Dynamic Client Registration, deprecated)',
      'Claude docs: Troubleshooting ("No way to register a client")',
    ],
    fix: 'Offer Client ID Metadata Documents (`"client_id_metadata_document_supported": true` and `"none"` in `token_endpoint_auth_methods_supported`), the way MCP 2026-07-28 prefers; or create a client by hand with both Claude callbacks and enter its client id (and secret) in Claude under Add custom connector → Advanced settings, then lint it with `--client-id`. Dynamic client registration (`registration_endpoint`, RFC 7591) still works with Claude but is deprecated in MCP 2026-07-28.',
  },
  requires: ['authorizationServer'],
  check({ authorizationServer: as }, ctx) {
    const md = as.metadata;
    // `new URL` alone takes `urn:x` or `host:8080/register` for absolute URLs; Claude can POST to neither.
    const dcr = parseHttpUrl(md.registration_endpoint);
    const badDcr = md.registration_endpoint !== undefined && !dcr;
    const where = { url: as.documentUrl, pointer: '/registration_endpoint' };
    if (dcr || cimdUsable(md) || ctx.target.clientId) {
      if (badDcr) ctx.report({ severity: 'warning', message: '`registration_endpoint` is not an absolute http(s) URL, so dynamic client registration cannot be used.', where });
      return;
    }
    ctx.report({
      message: `Claude has no way to get a client: no usable Client ID Metadata Document support, no pre-registered client (\`--client-id\`), and ${badDcr ? '`registration_endpoint` (deprecated DCR) is not an absolute http(s) URL' : 'no `registration_endpoint` (DCR, deprecated)'}.`,
      where: badDcr ? where : { url: as.documentUrl },
    });
  },
});
