import { defineRule } from '../../judgement/define.js';
import { erasOf } from '../../protocol/eras.js';

export default defineRule({
  id: 'modern-era-served',
  meta: {
    description: 'The server also serves MCP 2026-07-28, the revision Claude Code speaks first',
    subject: 'mcp',
    severity: 'warning',
    spec: [
      'MCP 2026-07-28 Versioning: modern, legacy and dual-era servers',
      'Claude Code docs: MCP client runtimes (v2.1.232+ uses 2026-07-28 with servers that offer it)',
      'MCP TypeScript SDK README (v1 gets fixes for at least 6 months after v2, to about January 2027)',
    ],
    fix: 'Move the server to the TypeScript SDK v2 (`@modelcontextprotocol/server` + `@modelcontextprotocol/node`; `npx @modelcontextprotocol/codemod v1-to-v2` rewrites the imports) and serve the endpoint with `createMcpHandler(factory)` in its default mode, which answers both `initialize` (hosted Claude) and 2026-07-28 requests (Claude Code) on one URL, statelessly.',
  },
  requires: ['mcpModern', 'mcpServer'],
  check({ mcpModern: modern, mcpServer: legacy }, ctx) {
    const eras = erasOf(legacy, modern);
    if (eras.modern.status === 'unknown') return ctx.skip(eras.modern.reason ?? 'the 2026-07-28 answers decide nothing');
    if (eras.modern.status === 'served') return;
    const what = eras.legacy.status === 'served' ? `serves only the legacy era (\`${eras.legacy.version ?? '2025-11-25'}\`)` : 'does not serve 2026-07-28';
    ctx.report({
      message: `The server ${what}: ${eras.modern.reason ?? '`server/discover` was not served'}. Claude Code falls back to \`initialize\` today; SDK v1 gets fixes for at least six months after v2's release (July 2026), so to about January 2027.`,
      where: { url: modern.url },
      evidence: [(modern.authenticated ?? modern.discover).exchangeId],
    });
  },
});
