import { defineRule } from '../../judgement/define.js';
import type { McpExchange } from '../../types.js';

const NO_TOKEN = 'needs a token: pass `--login` to sign in as Claude Code does, or set CONNECTOR_ACCESS_TOKEN to a token the IdP issued';

export default defineRule({
  id: 'token-accepted',
  meta: {
    description: "The server accepts a token its own IdP issued, on both protocol eras",
    subject: 'mcp',
    severity: 'error',
    spec: ['MCP 2025-11-25 / 2026-07-28 Authorization: Access Token Usage and Token Handling (audience validation against the server\'s canonical URI)', 'RFC 8707 (resource indicators)'],
    fix: "Make the server's token check accept what the IdP issues for this server: the `aud` it requires must be the MCP URL the IdP puts in the token (RFC 8707 `resource`), or the API identifier the IdP uses (Auth0 API identifier, Entra Application ID URI) configured on both sides; the issuer and signing keys must be the IdP's. A 5xx is a bug in the token check.",
  },
  requires: ['mcpServer'],
  check({ mcpServer: mcp, mcpModern: modern, login }, ctx) {
    if (mcp.observedMode !== 'oauth') {
      ctx.notApplicable('the server does not ask for sign-in');
      return;
    }
    const eras: [string, McpExchange | undefined][] = [
      ['`initialize` (2025-11-25)', mcp.session?.authenticated ? mcp.session.initialize : undefined],
      ['`server/discover` (2026-07-28)', modern?.authenticated],
    ];
    const sent = eras.filter((era): era is [string, McpExchange] => era[1] !== undefined);
    if (sent.length === 0) {
      ctx.skip(NO_TOKEN);
      return;
    }
    const signedIn = login?.outcome.status === 'completed';
    // A token pasted into CONNECTOR_ACCESS_TOKEN may simply have expired: only a token just issued proves the server wrong.
    const source = signedIn ? 'the token `--login` obtained' : 'CONNECTOR_ACCESS_TOKEN (if it has expired, get a fresh one or use `--login`)';
    const audience = login?.token?.audience ? `; the token's \`aud\` is ${login.token.audience.map((a) => `\`${a}\``).join(', ')}` : '';
    for (const [label, x] of sent) {
      const status = x.status ?? 0;
      if (x.failure) {
        ctx.inconclusive(`${label} with ${source} got no answer: ${x.failure.detail}`);
        continue;
      }
      // A modern server without the 2026-07-28 era answers `server/discover` with an error that is no refusal of the token.
      if (status === 401 || status === 403) {
        ctx.report({
          ...(signedIn ? {} : { severity: 'warning' as const }),
          message: `The server answered ${label} with ${source} ${status}${audience}; expected success: Claude signs in, gets this token and then "401 after re-authentication" forever.`,
          data: { status, era: label },
          where: { url: mcp.url },
          evidence: [x.exchangeId],
        });
      } else if (status >= 500) {
        ctx.report({
          message: `The server answered ${label} with ${source} ${status} (a server error); expected success.`,
          data: { status, era: label },
          where: { url: mcp.url },
          evidence: [x.exchangeId],
          fix: 'A valid token must not crash the token check or the handler behind it: read the server log for this request.',
        });
      }
    }
  },
});
