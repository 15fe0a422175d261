import { defineRule } from '../../judgement/define.js';
import { parseHttpUrl } from '../../transport/url.js';
import { cimdUsable } from '../../judgement/claude.js';

export default defineRule({
  id: 'dcr-deprecated',
  meta: {
    description: 'Claude can get a client without dynamic client registration, which MCP 2026-07-28 deprecates',
    subject: 'idp',
    severity: 'info',
    spec: [
      'MCP 2026-07-28 Authorization: Client Registration (Client ID Metadata Documents; Dynamic Client Registration, deprecated)',
      'Claude docs: Authentication for connectors (Client ID Metadata Documents)',
    ],
    fix: 'Add Client ID Metadata Document support: fetch and validate URL-shaped client ids, then publish `"client_id_metadata_document_supported": true` and `"none"` in `token_endpoint_auth_methods_supported`. Claude then uses CIMD instead of registering; keep DCR meanwhile for clients that still need it.',
  },
  requires: ['authorizationServer'],
  check({ authorizationServer: as }, ctx) {
    const md = as.metadata;
    // An unusable `registration_endpoint` is no path at all; registration-path-available reports it.
    if (!parseHttpUrl(md.registration_endpoint) || cimdUsable(md) || ctx.target.clientId) return;
    ctx.report({
      message:
        'Dynamic client registration (`registration_endpoint`) is the only way Claude can get a client here: no usable Client ID Metadata Document support and no pre-registered client (`--client-id`). DCR is deprecated in MCP 2026-07-28 (PR #2858; earliest removal in the first revision on or after 2027-07-28); Claude still supports it, but registers a new client on every fresh connection.',
      where: { url: as.documentUrl, pointer: '/registration_endpoint' },
    });
  },
});
