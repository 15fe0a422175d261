import { defineRule } from '../../judgement/define.js';
import { listedTools, noToolsReason } from '../../judgement/tools.js';

const MAX = 64;

export default defineRule({
  id: 'tool-name-length',
  meta: {
    description: 'Tool names are at most 64 characters',
    subject: 'mcp',
    severity: 'error',
    spec: ['Claude docs: Connector pre-submission checklist ("Tool names must be 64 characters or fewer")', 'MCP 2025-11-25 Tools: tool names'],
    fix: 'Shorten the tool name to 64 characters or fewer (letters, digits, `_`, `-`, `.`).',
  },
  requires: ['mcpServer'],
  check({ mcpServer: mcp, mcpModern: modern }, ctx) {
    const listed = listedTools(mcp, modern);
    if (!listed) return ctx.skip(noToolsReason(mcp));
    for (const tool of listed.tools.filter((t) => t.name.length > MAX)) {
      ctx.report({
        message: `Tool \`${tool.name}\` has a ${tool.name.length}-character name; the limit is ${MAX}.`,
        data: { tool: tool.name, length: tool.name.length },
        where: { url: mcp.url },
        evidence: listed.evidence,
      });
    }
  },
});
