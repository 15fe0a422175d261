import { defineRule, type RuleContext } from '../../judgement/define.js';
import { isModernError } from '../../protocol/eras.js';
import { succeeded } from '../../protocol/mcp-rpc.js';
import { audienceList } from '../../judgement/signed-in.js';
import type { LoginFacts, McpExchange, McpServerFacts } from '../../types.js';

const NO_TOKEN = 'needs a token: pass `--login` to sign in as Claude Code does, or set CONNECTOR_ACCESS_TOKEN to a token the IdP issued';

/** One request sent with the token, and what its answer must be. */
interface Sent {
  label: string;
  exchange: McpExchange;
  /**
   * `result`: a JSON-RPC result is the only acceptance (2025-11-25, where the session must open and
   * list tools). `not-refused`: only a refusal of the token counts (2026-07-28, whose other answers
   * say whether the era is served, which `modern-era-served` judges).
   */
  expect: 'result' | 'not-refused';
}

function sentWithToken(mcp: McpServerFacts, authenticated: McpExchange | undefined): Sent[] {
  const sent: Sent[] = [];
  if (mcp.session?.authenticated) {
    sent.push({ label: '`initialize` (2025-11-25)', exchange: mcp.session.initialize, expect: 'result' });
    if (mcp.session.toolsList) sent.push({ label: '`tools/list` (2025-11-25)', exchange: mcp.session.toolsList, expect: 'result' });
  }
  if (authenticated) sent.push({ label: '`server/discover` (2026-07-28)', exchange: authenticated, expect: 'not-refused' });
  return sent;
}

function what(x: McpExchange): string {
  const status = x.status ?? 0;
  if (status >= 500) return `${status} (a server error)`;
  if (status >= 300 && status < 400) return `${status} (a redirect${x.location ? ` to \`${x.location}\`` : ''})`;
  if (status >= 200 && status < 300) return `${status} without a JSON-RPC result${x.reply.message?.error ? ` (error \`${x.reply.message.error.code ?? '?'}\`)` : ''}`;
  return String(status);
}

function judge(sent: Sent, mcpUrl: string, login: LoginFacts | undefined, ctx: RuleContext): void {
  const x = sent.exchange;
  const signedIn = login?.outcome.status === 'completed';
  // A token pasted into CONNECTOR_ACCESS_TOKEN may simply have expired: only a token just issued proves the server wrong.
  const source = signedIn ? 'the token `--login` obtained' : 'CONNECTOR_ACCESS_TOKEN (if it has expired, get a fresh one or use `--login`)';
  if (x.failure) {
    ctx.inconclusive(`${sent.label} with ${source} got no answer: ${x.failure.detail}`);
    return;
  }
  const status = x.status ?? 0;
  const refused = status === 401 || status === 403;
  // A server that serves only 2026-07-28 answers `initialize` so, token or not: the era rules judge that.
  const otherEra = sent.expect === 'result' && isModernError(x.rpcError ?? x.reply.message?.error);
  const accepted = sent.expect === 'result' ? succeeded(x) || otherEra : !refused && status < 500;
  if (accepted) return;
  const audience = refused && login?.token?.audience ? `; the token's \`aud\` is ${audienceList(login.token.audience)}` : '';
  ctx.report({
    ...(refused && !signedIn ? { severity: 'warning' as const } : {}),
    message: `The server answered ${sent.label} with ${source} ${what(x)}${audience}; expected ${sent.expect === 'result' ? 'a JSON-RPC result' : 'anything but a refusal'}: Claude signs in, gets this token, and then ${refused ? 'gets "401 after re-authentication" forever' : 'cannot use the connector'}.`,
    data: { status, era: sent.label },
    where: { url: mcpUrl },
    evidence: [x.exchangeId],
    ...(refused ? {} : { fix: 'A valid token must not crash, redirect or fail the request behind the token check: read the server log for this request.' }),
  });
}

export default defineRule({
  id: 'token-accepted',
  meta: {
    description: 'The server accepts a token its own IdP issued, on both protocol eras',
    subject: 'mcp',
    severity: 'error',
    spec: ["MCP 2025-11-25 / 2026-07-28 Authorization: Access Token Usage and Token Handling (audience validation against the server's canonical URI)", 'RFC 8707 (resource indicators)'],
    fix: "Make the server's token check accept what the IdP issues for this server: the `aud` it requires must be the MCP URL the IdP puts in the token (RFC 8707 `resource`), or the API identifier the IdP uses (Auth0 API identifier, Entra Application ID URI) configured on both sides; the issuer and signing keys must be the IdP's.",
  },
  requires: ['mcpServer'],
  check({ mcpServer: mcp, mcpModern: modern, login }, ctx) {
    if (mcp.observedMode !== 'oauth') {
      ctx.notApplicable('the server does not ask for sign-in');
      return;
    }
    const sent = sentWithToken(mcp, modern?.authenticated);
    if (sent.length === 0) {
      ctx.skip(NO_TOKEN);
      return;
    }
    for (const one of sent) judge(one, mcp.url, login, ctx);
  },
});
