import { defineRule } from '../define.js';

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
  check({ mcpServer: mcp }, ctx) {
    const tools = mcp.session?.tools;
    if (!tools) {
      ctx.skip(mcp.observedMode === 'oauth' && !mcp.session ? 'tools/list needs a token: set CONNECTOR_ACCESS_TOKEN' : 'tools/list was not answered');
      return;
    }
    const missing = tools.filter(
      (t) => !(t.title || t.annotations?.title) || (t.annotations?.readOnlyHint === undefined && t.annotations?.destructiveHint === undefined),
    );
    for (const tool of missing) {
      const lacks = [!(tool.title || tool.annotations?.title) ? 'a title' : undefined, tool.annotations?.readOnlyHint === undefined && tool.annotations?.destructiveHint === undefined ? '`readOnlyHint` or `destructiveHint`' : undefined].filter(Boolean);
      ctx.report({
        message: `Tool \`${tool.name}\` lacks ${lacks.join(' and ')}.`,
        data: { tool: tool.name },
        where: { url: mcp.url },
        evidence: mcp.session?.toolsList ? [mcp.session.toolsList.exchangeId] : [],
      });
    }
  },
});
