import { ANTHROPIC_EGRESS } from '../../judgement/claude.js';
import { defineRule } from '../../judgement/define.js';

export default defineRule({
  id: 'mcp-reachable',
  meta: {
    description: 'The MCP server answers an `initialize` POST at the URL as typed',
    subject: 'mcp',
    severity: 'error',
    spec: ['MCP 2025-11-25 Transports: Streamable HTTP', 'Claude docs: Troubleshooting ("Couldn\'t reach the MCP server")'],
    fix: `Make the URL reachable from the public internet over https (DNS, TLS certificate from a public CA, firewall open to Anthropic's egress range \`${ANTHROPIC_EGRESS}\`), and answer POST requests at exactly that path.`,
  },
  requires: ['mcpServer'],
  check({ mcpServer: mcp }, ctx) {
    const failure = mcp.initialize.failure;
    if (!failure) return;
    ctx.report({
      message: `Could not reach \`${mcp.url}\`: ${failure.detail}.`,
      data: { cause: failure.cause },
      where: { url: mcp.url },
      evidence: [mcp.initialize.exchangeId],
    });
  },
  unavailable(_probe, state, ctx) {
    if (state.status === 'failed') ctx.report({ message: `Could not probe the MCP server: ${state.reason}.` });
    else ctx.skip(state.reason);
  },
});
