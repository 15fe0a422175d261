import { defineRule } from '../../judgement/define.js';
import { diagnose } from '../../judgement/diagnose.js';
import { bearerChallenge } from '../../judgement/mcp-mode.js';
import { modernProbeOutcome } from '../../protocol/eras.js';
import { bearerOf } from '../../protocol/www-authenticate.js';
import type { McpExchange } from '../../types.js';

const CONSEQUENCE = 'the SDK v2 client then neither speaks 2026-07-28 nor falls back to `initialize`, so Claude Code cannot connect';

function answered(x: McpExchange): string {
  return x.failure ? 'nothing' : String(x.status);
}

export default defineRule({
  id: 'modern-probe-safe',
  meta: {
    description: 'The 2026-07-28 `server/discover` request Claude Code sends first gets an answer it can use or fall back from (no 5xx, no silence)',
    subject: 'mcp',
    severity: 'error',
    spec: [
      'MCP 2026-07-28 Streamable HTTP: Backward Compatibility (fall back on a 4xx without a modern error)',
      'MCP TypeScript SDK v2 client: version negotiation (a 5xx or silence on the probe is an outage, not era evidence)',
      'Claude Code docs: MCP client runtimes (v2.1.232+ asks HTTP servers whether they support the newer revision)',
    ],
    fix: 'Answer a POST carrying `MCP-Protocol-Version: 2026-07-28` and `server/discover` with either a `DiscoverResult` (serve 2026-07-28: TypeScript SDK v2 `createMcpHandler`) or a prompt 4xx such as `400` with a JSON-RPC error (what SDK v1 does), never a 5xx, a hang or an HTML page; an OAuth server answers it `401` with the same challenge as `initialize`.',
  },
  requires: ['mcpModern'],
  check({ mcpModern: modern, mcpServer: legacy }, ctx) {
    const discover = modern.discover;
    const where = { url: modern.url };
    const outcome = modernProbeOutcome(discover);
    const init = legacy?.initialize;
    if (discover.failure && init?.failure) return ctx.skip('the server answered neither era; see `mcp-reachable`');
    if (outcome.kind === 'fails') {
      const diagnosis = diagnose(discover, { url: modern.url });
      ctx.report({
        message: `\`server/discover\` (2026-07-28, what Claude Code sends first) ${outcome.why}${diagnosis ? `: ${diagnosis.text}` : ''}; ${CONSEQUENCE}.`,
        data: { status: discover.status ?? 0 },
        where,
        evidence: [discover.exchangeId],
        ...(diagnosis ? { fix: diagnosis.fix } : {}),
      });
      return;
    }
    if (outcome.kind === 'auth' && outcome.status === 403) {
      // One block refusing both eras is reported once, by the legacy rules.
      if (init?.status === 403) return ctx.skip('both eras were refused with 403; see `transport-streamable-http` and `waf-allows-anthropic-egress`');
      const diagnosis = diagnose(discover, { url: modern.url });
      ctx.report({
        message: `\`server/discover\` was answered 403${diagnosis ? ` (${diagnosis.text})` : ''} while \`initialize\` got ${init ? answered(init) : 'no request'}; a 403 on the probe is an authorization failure to the SDK v2 client, never a fall-back, so Claude Code cannot connect.`,
        data: { status: 403 },
        where,
        evidence: [discover.exchangeId],
        ...(diagnosis ? { fix: diagnosis.fix } : {}),
      });
      return;
    }
    if (outcome.kind === 'auth') {
      if (init && !init.failure && init.status !== 401) {
        ctx.report({
          message: `\`server/discover\` was answered 401 while \`initialize\` without credentials got ${answered(init)}; Claude Code will start a sign-in this server does not offer on its other era.`,
          data: { status: 401 },
          where,
          evidence: [discover.exchangeId, init.exchangeId],
        });
        return;
      }
      const modernPointer = bearerOf(discover.challenges)?.params.resource_metadata;
      const legacyPointer = legacy ? bearerChallenge(legacy)?.params.resource_metadata : undefined;
      if (init?.status === 401 && modernPointer !== legacyPointer) {
        ctx.report({
          severity: 'warning',
          message: `The 401 to \`server/discover\` points \`resource_metadata\` at ${modernPointer ? `\`${modernPointer}\`` : 'nothing'}, the 401 to \`initialize\` at ${legacyPointer ? `\`${legacyPointer}\`` : 'nothing'}; Claude Code and hosted Claude would then sign in against different metadata.`,
          where,
          evidence: [discover.exchangeId, init.exchangeId],
        });
        return;
      }
      const authed = modern.authenticated;
      if (!authed) return;
      const withToken = modernProbeOutcome(authed);
      if (withToken.kind === 'fails') {
        ctx.report({
          message: `\`server/discover\` with the token ${withToken.why}; after signing in, ${CONSEQUENCE}.`,
          data: { status: authed.status ?? 0 },
          where,
          evidence: [authed.exchangeId],
        });
      } else if (withToken.kind === 'auth') {
        const legacyAccepted = legacy?.session?.authenticated && legacy.session.initialize.status !== undefined && legacy.session.initialize.status < 300;
        if (legacyAccepted) {
          ctx.report({
            message: `\`server/discover\` refused the token (${withToken.status}) although \`initialize\` accepted it; Claude Code would fail after signing in.`,
            data: { status: withToken.status },
            where,
            evidence: [authed.exchangeId, legacy.session!.initialize.exchangeId],
          });
        } else {
          ctx.inconclusive(`the server refused the token on both eras (${withToken.status}), so the answer after sign-in is unknown`);
        }
      }
    }
  },
  unavailable(_probe, state, ctx) {
    if (state.status === 'failed') ctx.report({ message: `Could not probe the 2026-07-28 path: ${state.reason}.` });
    else ctx.skip(state.reason);
  },
});
