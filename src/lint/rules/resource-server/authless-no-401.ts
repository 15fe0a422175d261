import { defineRule } from '../../judgement/define.js';
import { isOauthTarget } from '../../judgement/mcp-mode.js';

export default defineRule({
  id: 'authless-no-401',
  meta: {
    description: 'A server without per-user auth answers `initialize` and `tools/list` without any Authorization header',
    subject: 'mcp',
    severity: 'error',
    spec: ['Claude docs: Authentication for connectors (no authentication: "Supported by default")'],
    fix: 'Let `initialize`, `tools/list` and `tools/call` through without an `Authorization` header (keep any upstream credential on the server), or implement OAuth and declare `auth: "oauth"`.',
  },
  requires: ['mcpServer'],
  check({ mcpServer: mcp }, ctx) {
    if (mcp.initialize.failure) {
      ctx.skip('the server did not answer');
      return;
    }
    if (isOauthTarget(mcp, ctx.target)) {
      ctx.notApplicable('applies to servers without per-user auth');
      return;
    }
    const session = mcp.session;
    if (!session) return; // initialize itself failed: transport-streamable-http and auth-mode-consistent say how.
    const list = session.toolsList;
    if (list && (list.failure || list.status !== 200 || !list.reply.message?.result)) {
      const answer = list.failure ? `no answer (${list.failure.detail})` : String(list.status);
      ctx.report({
        message: `\`initialize\` worked without credentials but \`tools/list\` answered ${answer}${list.reply.message?.error ? ` (JSON-RPC error ${list.reply.message.error.code ?? ''})` : ''}; Claude cannot list the tools.`,
        data: { status: list.status ?? 0 },
        where: { url: mcp.url },
        evidence: [list.exchangeId],
      });
    }
  },
});
