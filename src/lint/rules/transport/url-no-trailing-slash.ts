import { defineRule } from '../../judgement/define.js';
import type { McpExchange } from '../../types.js';

/** The endpoint answered as an MCP server does: a JSON-RPC result, or a 401 to start sign-in. */
const answers = (x: McpExchange | undefined) => x !== undefined && !x.failure && (x.status === 401 || (x.status !== undefined && x.status < 300 && x.reply.message !== undefined));

const describe = (x: McpExchange | undefined) => (x === undefined ? 'was not asked' : x.failure ? `got no answer (${x.failure.detail})` : `answered ${x.status}`);

export default defineRule({
  id: 'url-no-trailing-slash',
  meta: {
    description: "The MCP URL does not end in `/` (Claude's connector dialog strips it)",
    subject: 'mcp',
    severity: 'warning',
    spec: ["Claude's custom-connector dialog drops a trailing slash from the URL it saves"],
    fix: 'Publish the MCP URL without a trailing slash (`https://example.com/mcp`, not `https://example.com/mcp/`) and serve the endpoint at that path; a framework that redirects `/mcp` to `/mcp/` must answer `/mcp` itself, since MCP clients follow only 307/308 within the origin.',
  },
  requires: ['mcpServer'],
  check({ mcpServer: mcp }, ctx) {
    const stripped = mcp.withoutTrailingSlash;
    if (!stripped) return;
    const withSlash = answers(mcp.initialize);
    const without = answers(stripped);
    const state = withSlash && without ? 'both forms answer' : withSlash ? `only this form answers: \`${stripped.url}\` ${describe(stripped)}` : without ? `only \`${stripped.url}\` answers` : `neither form answers (\`${stripped.url}\` ${describe(stripped)})`;
    ctx.report({
      severity: withSlash && !without ? 'error' : 'warning',
      message: `\`${mcp.url}\` ends in \`/\`; Claude's connector dialog strips it and connects to \`${stripped.url}\`: ${state}.`,
      data: { withSlash: withSlash ? 'answers' : 'no', withoutSlash: without ? 'answers' : 'no' },
      where: { url: mcp.url },
      evidence: [mcp.initialize.exchangeId, stripped.exchangeId],
    });
  },
});
