import { defineRule } from '../../judgement/define.js';
import { erasOf } from '../../protocol/eras.js';

const list = (names: string[]) => names.slice(0, 8).map((n) => `\`${n}\``).join(', ') + (names.length > 8 ? `, and ${names.length - 8} more` : '');

export default defineRule({
  id: 'tools-consistent-across-eras',
  meta: {
    description: 'Both protocol eras list the same tools (hosted Claude and Claude Code see one connector)',
    subject: 'mcp',
    severity: 'warning',
    spec: ['MCP 2026-07-28 Versioning: a dual-era server serves both eras on one endpoint', 'Claude docs: hosted Claude opens with `initialize`; Claude Code with `server/discover`'],
    fix: 'Register the same tools whatever the era of the request (with the TypeScript SDK v2, build them in the `createMcpHandler` factory without branching on `ctx.era`).',
  },
  requires: ['mcpServer', 'mcpModern'],
  check({ mcpServer: legacy, mcpModern: modern }, ctx) {
    const old = legacy.session?.tools;
    const fresh = modern.tools?.first.tools;
    if (!old || !fresh) {
      const eras = erasOf(legacy, modern);
      const single = [eras.legacy, eras.modern].some((era) => era.status === 'not-served');
      return single ? ctx.notApplicable('the server serves one protocol era') : ctx.skip('tools were not listed on both eras');
    }
    const oldNames = new Set(old.map((t) => t.name));
    const freshNames = new Set(fresh.map((t) => t.name));
    const onlyLegacy = [...oldNames].filter((n) => !freshNames.has(n));
    const onlyModern = [...freshNames].filter((n) => !oldNames.has(n));
    if (onlyLegacy.length === 0 && onlyModern.length === 0) return;
    const parts = [
      onlyLegacy.length > 0 ? `only 2025-11-25 (hosted Claude) lists ${list(onlyLegacy)}` : undefined,
      onlyModern.length > 0 ? `only 2026-07-28 (Claude Code) lists ${list(onlyModern)}` : undefined,
    ].filter(Boolean);
    ctx.report({
      message: `The eras list different tools: ${parts.join('; ')}.`,
      data: { onlyLegacy: onlyLegacy.length, onlyModern: onlyModern.length },
      where: { url: modern.url },
      evidence: [legacy.session?.toolsList?.exchangeId, ...(modern.tools?.first.exchanges.map((x) => x.exchangeId) ?? [])].filter((id): id is string => id !== undefined),
    });
  },
});
