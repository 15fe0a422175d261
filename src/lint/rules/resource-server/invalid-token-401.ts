import { sanitize } from '../../../shared/sanitize.js';
import { defineRule, type RuleContext } from '../../judgement/define.js';
import type { McpExchange } from '../../types.js';
import { bearerOf } from '../../protocol/www-authenticate.js';

export default defineRule({
  id: 'invalid-token-401',
  meta: {
    description: 'An invalid, tampered or expired token gets 401 with `error="invalid_token"`, never 500, 403 or data',
    subject: 'mcp',
    severity: 'error',
    spec: ['MCP 2025-11-25 Authorization: Token Handling ("Invalid or expired tokens MUST receive a HTTP 401")', 'RFC 6750 §3.1', 'Claude docs: Authentication for connectors ("Claude refreshes tokens reactively on a 401")'],
    fix: 'Treat every token that fails verification (signature, issuer, audience, expiry, malformed) as `401` with `WWW-Authenticate: Bearer error="invalid_token", resource_metadata="…"`; in the TypeScript SDK the verifier must throw `InvalidTokenError`, since any other exception becomes a 500.',
  },
  requires: ['mcpServer'],
  check({ mcpServer: mcp }, ctx) {
    if (!mcp.invalidToken) {
      ctx.notApplicable('sent only to servers that answer 401 without a token');
      return;
    }
    const sent: [string, McpExchange][] = [['A garbage bearer token', mcp.invalidToken]];
    if (mcp.tamperedToken) sent.push(['The signed-in token with one payload byte changed', mcp.tamperedToken]);
    for (const [what, x] of sent) judge(what, x, mcp.url, ctx);
  },
});

function judge(what: string, x: McpExchange, url: string, ctx: RuleContext): void {
  // A verifier that hangs or drops the connection on a bad token is what this rule looks for;
  // without an answer there is nothing to pass.
  if (x.failure) {
    ctx.inconclusive(`${what} got no answer: ${x.failure.detail}`);
    return;
  }
  const where = { url };
  const evidence = [x.exchangeId];
  const status = x.status ?? 0;
  if (status !== 401) {
    const accepted = status >= 200 && status < 300 ? 'success: the server accepted a token nobody issued' : `HTTP ${status}`;
    const kind = status >= 500 ? 'a server error' : status === 403 ? 'a 403, which Claude treats as final' : accepted;
    ctx.report({
      message: `${what} was answered ${status} (${kind}); expected 401 with \`error="invalid_token"\` so Claude refreshes or signs in again.`,
      data: { status },
      where,
      evidence,
    });
    return;
  }
  const error = bearerOf(x.challenges)?.params.error;
  if (error !== 'invalid_token') {
    ctx.report({
      severity: 'warning',
      message: `${what} got 401, but the Bearer challenge's \`error\` is ${error ? `\`${sanitize(error, 60)}\`` : 'absent'}; expected \`invalid_token\` (RFC 6750).`,
      data: { status },
      where,
      evidence,
    });
  }
}
