import { defineRule } from '../../judgement/define.js';
import { listedTools, noToolsReason } from '../../judgement/tools.js';

export default defineRule({
  id: 'tool-annotations-title-hints',
  meta: {
    description: 'Every tool has a title and a `readOnlyHint` or `destructiveHint` annotation (a Connectors Directory requirement)',
    subject: 'mcp',
    severity: 'error',
    spec: ['Claude docs: Submitting to the Connectors Directory ("every tool includes a title and the applicable readOnlyHint or destructiveHint")', 'Anthropic Software Directory Policy 5.E', 'MCP 2025-11-25 schema: ToolAnnotations'],
    fix: 'Give every tool a `title` and set `annotations.readOnlyHint: true` for tools that only read, or `annotations.destructiveHint: true` for tools that change or delete data.',
  },
  requires: ['mcpServer'],
  check({ mcpServer: mcp, mcpModern: modern }, ctx) {
    const listed = listedTools(mcp, modern);
    if (!listed) return ctx.skip(noToolsReason(mcp));
    const { tools } = listed;
    const missing = tools.filter(
      (t) => !(t.title || t.annotations?.title) || (t.annotations?.readOnlyHint === undefined && t.annotations?.destructiveHint === undefined),
    );
    for (const tool of missing) {
      const lacks = [!(tool.title || tool.annotations?.title) ? 'a title' : undefined, tool.annotations?.readOnlyHint === undefined && tool.annotations?.destructiveHint === undefined ? '`readOnlyHint` or `destructiveHint`' : undefined].filter(Boolean);
      ctx.report({
        message: `Tool \`${tool.name}\` lacks ${lacks.join(' and ')}.`,
        data: { tool: tool.name },
        where: { url: mcp.url },
        evidence: listed.evidence,
      });
    }
  },
});
