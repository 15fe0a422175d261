import { defineRule } from '../judgement/define.js';
import { parseHttpUrl } from '../transport/url.js';

/** CIMD is usable by Claude only together with public-client (`none`) token authentication. */
export function cimdUsable(metadata: Record<string, unknown>): boolean {
  const methods = metadata.token_endpoint_auth_methods_supported;
  return metadata.client_id_metadata_document_supported === true && Array.isArray(methods) && methods.includes('none');
}

export default defineRule({
  id: 'registration-path-available',
  meta: {
    description: 'Claude has a way to get a client: DCR, CIMD, or a pre-registered client id',
    subject: 'idp',
    severity: 'error',
    spec: ['MCP 2025-11-25 Authorization: Client Registration Approaches', 'Claude docs: Troubleshooting ("No way to register a client")'],
    fix: 'Offer one of: dynamic client registration (`registration_endpoint`, RFC 7591); Client ID Metadata Documents (`"client_id_metadata_document_supported": true` and `"none"` in `token_endpoint_auth_methods_supported`); or create a client by hand with both Claude callbacks and enter its client id (and secret) in Claude under Add custom connector → Advanced settings, then lint it with `--client-id`.',
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
      message: `Claude has no way to get a client: ${badDcr ? '`registration_endpoint` is not an absolute http(s) URL' : 'no `registration_endpoint` (DCR)'}, no usable Client ID Metadata Document support, and no pre-registered client (\`--client-id\`).`,
      where: badDcr ? where : { url: as.documentUrl },
    });
  },
});
