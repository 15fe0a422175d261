import { ANTHROPIC_EGRESS } from '../../judgement/claude.js';
import { defineRule } from '../../judgement/define.js';

/** Anthropic's egress range for requests to connectors and their authorization servers. */

export default defineRule({
  id: 'waf-allows-anthropic-egress',
  meta: {
    description: 'No CDN or WAF blocks requests that identify as Claude (`User-Agent: Claude-User`)',
    subject: 'mcp',
    severity: 'warning',
    spec: ['Claude docs: Authentication for connectors (network: 160.79.104.0/21)', 'claude-ai-mcp#49, #968 (AI-bot rules block Claude-User)'],
    fix: `Allow the \`Claude-User\` user agent and Anthropic's egress range \`${ANTHROPIC_EGRESS}\` through your CDN/WAF (on Cloudflare, exempt it from "Block AI bots" / bot-fight rules) for the MCP server and the authorization server.`,
  },
  requires: ['mcpServer'],
  check({ mcpServer: mcp }, ctx) {
    const claude = mcp.initialize;
    const other = mcp.otherAgent;
    const edge = Object.keys(claude.edge).filter((h) => h !== 'server' || /cloudflare|akamai|cloudfront|fastly|sucuri/i.test(claude.edge.server ?? ''));
    if (other && !other.failure && claude.status !== other.status) {
      ctx.report({
        message: `With \`User-Agent: Claude-User\` the server answered ${claude.status}${claude.edge['cf-mitigated'] ? ' (a Cloudflare challenge)' : ''}; with another user agent it answered ${other.status}: something in front of the server blocks Claude.`,
        data: { claudeStatus: claude.status ?? 0, otherStatus: other.status ?? 0 },
        where: { url: mcp.url },
        evidence: [claude.exchangeId, other.exchangeId],
      });
      return;
    }
    if (edge.length > 0) {
      ctx.report({
        severity: 'info',
        message: `A CDN or WAF answers for this server (${edge.map((h) => `\`${h}\``).join(', ')}); it let this probe through, but requests from Anthropic come from \`${ANTHROPIC_EGRESS}\`, which this probe cannot imitate.`,
        where: { url: mcp.url },
      });
    }
  },
});
