import { sanitize } from '../../../shared/sanitize.js';
import { defineRule } from '../../judgement/define.js';
import { isSameResource } from '../../transport/url.js';

export default defineRule({
  id: 'prm-resource-exact-match',
  meta: {
    description: 'The protected-resource metadata `resource` equals the MCP URL exactly as typed, path included',
    subject: 'mcp',
    severity: 'error',
    spec: [
      'RFC 9728 §3.3 (resource must equal the URL the client used)',
      'RFC 3986 §6.2.3 (an empty http(s) path is `/`)',
      'MCP TypeScript SDK client: `checkResourceAllowed`',
      'Claude docs: Authentication for connectors ("Make resource match your MCP server URL exactly")',
    ],
    fix: 'Set `resource` to the exact URL users paste into Claude (scheme, host, port, path, trailing slash or not), and publish that URL, not a variant.',
  },
  requires: ['mcpServer', 'protectedResource'],
  check({ mcpServer: mcp, protectedResource: prm }, ctx) {
    const resource = prm.metadata.resource;
    const where = { url: prm.documentUrl, pointer: '/resource' };
    if (typeof resource !== 'string') {
      ctx.report({ message: 'The protected-resource metadata has no `resource` string.', where });
      return;
    }
    if (isSameResource(resource, mcp.url)) return;
    const slash = resource.replace(/\/$/, '') === mcp.url.replace(/\/$/, '');
    ctx.report({
      message: `\`resource\` is \`${sanitize(resource, 200)}\` but the URL is \`${mcp.url}\`${slash ? ' (they differ by a trailing slash)' : ''}; clients must not use metadata for another resource.`,
      data: { resource: sanitize(resource, 200), url: mcp.url },
      where,
    });
  },
});
