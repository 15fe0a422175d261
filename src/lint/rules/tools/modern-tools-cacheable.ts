import { defineRule } from '../../judgement/define.js';
import { diagnose } from '../../judgement/diagnose.js';
import type { ModernToolsListing } from '../../types.js';

const SCOPES = ['public', 'private'];

const validTtl = (value: unknown) => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

const names = (listing: ModernToolsListing) => (listing.tools ?? []).map((t) => t.name);

export default defineRule({
  id: 'modern-tools-cacheable',
  meta: {
    description: 'On 2026-07-28, `tools/list` carries the caching hints clients require (`ttlMs`, `cacheScope`), in a stable order, with valid `x-mcp-header` declarations',
    subject: 'mcp',
    severity: 'error',
    spec: [
      'MCP 2026-07-28 Caching ("Servers MUST include caching hints": `ttlMs` integer ≥ 0, `cacheScope` public or private)',
      'MCP 2026-07-28 Tools (list results SHOULD be in a deterministic order)',
      'MCP 2026-07-28 Streamable HTTP: Custom Headers (clients MUST reject tools with invalid `x-mcp-header`)',
    ],
    fix: 'Return `ttlMs` (an integer ≥ 0) and `cacheScope` (`"public"` or `"private"`) on every `tools/list` page (TypeScript SDK v2: `new McpServer(info, { cacheHints: { "tools/list": { ttlMs, cacheScope } } })`), list tools in a fixed order, and keep `x-mcp-header` to non-empty RFC 9110 tokens, unique regardless of case, on string, integer or boolean properties reached through `properties`.',
  },
  requires: ['mcpModern'],
  check({ mcpModern: modern }, ctx) {
    const listings = modern.tools;
    if (!listings) return ctx.skip('the server does not serve 2026-07-28 (or needs `--login` or `CONNECTOR_ACCESS_TOKEN` to show it); see `modern-era-served`');
    const { first, second } = listings;
    const where = { url: modern.url };
    if (first.failed) {
      const x = first.failed;
      const diagnosis = diagnose(x, { url: modern.url, withToken: modern.authenticated !== undefined });
      ctx.report({
        message: `\`tools/list\` on 2026-07-28 answered ${x.failure ? `nothing (${x.failure.detail})` : x.status}${diagnosis ? `: ${diagnosis.text}` : x.reply.problem ? ` (${x.reply.problem})` : ''}, after \`server/discover\` succeeded; Claude Code then shows no tools.`,
        data: { status: x.status ?? 0 },
        where,
        evidence: [x.exchangeId],
        ...(diagnosis ? { fix: diagnosis.fix } : {}),
      });
      return;
    }
    first.pages.forEach((page, index) => {
      const missing = [
        validTtl(page.ttlMs) ? undefined : `\`ttlMs\` ${page.ttlMs === undefined ? 'is missing' : `is \`${JSON.stringify(page.ttlMs)?.slice(0, 40)}\`, not an integer ≥ 0`}`,
        SCOPES.includes(page.cacheScope as string) ? undefined : `\`cacheScope\` ${page.cacheScope === undefined ? 'is missing' : `is \`${JSON.stringify(page.cacheScope)?.slice(0, 40)}\`, not \`public\` or \`private\``}`,
      ].filter(Boolean);
      if (missing.length === 0) return;
      ctx.report({
        message: `\`tools/list\` on 2026-07-28${first.pages.length > 1 ? ` (page ${index + 1})` : ''}: ${missing.join(' and ')}; the SDK v2 client refuses the result, so Claude Code shows no tools.`,
        data: { page: index + 1 },
        where,
        evidence: [first.exchanges[index]?.exchangeId ?? ''].filter(Boolean),
      });
    });
    for (const tool of (first.tools ?? []).filter((t) => t.xMcpHeaderProblem)) {
      ctx.report({
        severity: 'warning',
        message: `Tool \`${tool.name}\`: ${tool.xMcpHeaderProblem}; 2026-07-28 clients drop the tool from the list.`,
        data: { tool: tool.name },
        where,
        evidence: first.exchanges.map((x) => x.exchangeId),
      });
    }
    if (second?.tools) {
      const a = names(first);
      const b = names(second);
      const sameSet = a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
      if (a.join('\n') !== b.join('\n')) {
        ctx.report({
          severity: 'warning',
          message: sameSet
            ? `Two \`tools/list\` calls returned the same tools in different orders (\`${a.slice(0, 5).join('`, `')}\` then \`${b.slice(0, 5).join('`, `')}\`); list them in a fixed order so clients' caches and prompt caches hold.`
            : `Two \`tools/list\` calls returned different tools (${a.length} then ${b.length}); on 2026-07-28 the list must not vary between calls of one client.`,
          where,
          evidence: [...first.exchanges, ...second.exchanges].map((x) => x.exchangeId),
        });
      }
    }
  },
});
