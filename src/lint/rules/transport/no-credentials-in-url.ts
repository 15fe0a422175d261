import { sanitize } from '../../../shared/sanitize.js';
import { defineRule } from '../../judgement/define.js';
import { CREDENTIAL_PARAM } from '../../transport/redact.js';
import { parseUrl } from '../../transport/url.js';

export default defineRule({
  id: 'no-credentials-in-url',
  meta: {
    description: 'The MCP server URL carries no credentials in its query string',
    subject: 'mcp',
    severity: 'error',
    spec: ['Claude docs: Authentication for connectors ("tokens or API keys passed in the connector URL … are not supported")', 'MCP 2025-11-25 Authorization: access tokens MUST NOT be in the query string'],
    fix: 'Remove the credential from the URL. For per-user access, implement OAuth (the `oauth` template); for one server-held credential, keep it on the server (the `shared` template).',
  },
  requires: ['mcpServer'],
  check({ mcpServer: mcp }, ctx) {
    const url = parseUrl(mcp.url);
    if (!url) return;
    const names = [...url.searchParams.keys()].filter((k) => CREDENTIAL_PARAM.test(k));
    if (names.length === 0) return;
    ctx.report({
      message: `The URL carries credentials (${names.map((n) => `\`${sanitize(n, 40)}\``).join(', ')}); Claude does not support credentials in the connector URL.`,
      data: { params: names.join(',') },
      where: { url: mcp.url },
    });
  },
});
