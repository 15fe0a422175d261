import { defineRule } from '../../judgement/define.js';
import { cimdUsable } from '../../judgement/claude.js';

export default defineRule({
  id: 'cimd-claude-gate',
  meta: {
    description: 'CIMD support is advertised together with `none` token authentication, which Claude requires to use it',
    subject: 'idp',
    severity: 'warning',
    spec: ['Claude docs: Authentication for connectors (Client ID Metadata Documents)', 'MCP 2025-11-25 Authorization: Client ID Metadata Documents'],
    fix: 'Add `"none"` to `token_endpoint_auth_methods_supported` (Claude\'s CIMD client is a public client), or stop advertising `client_id_metadata_document_supported`.',
  },
  requires: ['authorizationServer'],
  check({ authorizationServer: as }, ctx) {
    const md = as.metadata;
    if (md.client_id_metadata_document_supported !== true || cimdUsable(md)) return;
    const methods = md.token_endpoint_auth_methods_supported;
    ctx.report({
      message:
        methods === undefined
          ? '`client_id_metadata_document_supported` is true but `token_endpoint_auth_methods_supported` is absent (default `client_secret_basic`); Claude then silently uses DCR instead of CIMD.'
          : '`client_id_metadata_document_supported` is true but `token_endpoint_auth_methods_supported` lacks `none`; Claude then silently uses DCR instead of CIMD.',
      where: { url: as.documentUrl, pointer: '/token_endpoint_auth_methods_supported' },
    });
  },
});
