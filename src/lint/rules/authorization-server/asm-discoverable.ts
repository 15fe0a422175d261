import { sanitize } from '../../../shared/sanitize.js';
import { defineRule } from '../../judgement/define.js';
import type { DiscoveryAttempt, DiscoveryProblem } from '../../types.js';

interface DiscoveryPartial {
  problem: DiscoveryProblem;
  attempts: DiscoveryAttempt[];
  requestedIssuer?: string;
}

function tried(attempts: DiscoveryAttempt[]): string {
  return attempts.map((a) => `\`${a.url}\` (${a.status ?? a.failure?.cause ?? 'no answer'})`).join(', ');
}

export default defineRule({
  id: 'asm-discoverable',
  meta: {
    description: 'Authorization-server metadata is found at a well-known URL, as a JSON object served as JSON',
    subject: 'idp',
    severity: 'error',
    spec: ['MCP 2025-11-25 Authorization: Authorization Server Metadata Discovery', 'RFC 8414 §3', 'OpenID Connect Discovery 1.0 §4'],
    fix: 'Serve the metadata at `/.well-known/oauth-authorization-server` or `/.well-known/openid-configuration` (with the issuer path inserted or appended for issuers that have one), answer 404 for the URLs you do not serve, and send it as `application/json`.',
  },
  requires: ['authorizationServer'],
  check({ authorizationServer: as }, ctx) {
    if (as.source === 'network' && !/^application\/([\w.+-]*\+)?json\b/i.test(as.contentType ?? '')) {
      ctx.report({
        severity: 'warning',
        message: `\`${as.documentUrl}\` serves the metadata as \`${sanitize(as.contentType ?? 'no content type', 80)}\`; expected \`application/json\`.`,
        where: { url: as.documentUrl },
      });
    }
  },
  unavailable(_probe, state, ctx) {
    if (state.status === 'not-run') {
      ctx.skip(state.reason);
      return;
    }
    const partial = state.status === 'failed' ? (state.partial as DiscoveryPartial | undefined) : undefined;
    if (!partial) {
      ctx.report({ message: `Could not read the metadata: ${state.reason}.` });
      return;
    }
    const { problem, attempts } = partial;
    const evidence = attempts.flatMap((a) => a.exchangeIds);
    switch (problem.cause) {
      case 'unreachable':
        ctx.report({
          message: `Could not fetch \`${problem.url}\`: ${problem.failure.detail}.`,
          data: { cause: problem.failure.cause },
          where: { url: problem.url },
          evidence,
        });
        return;
      case 'not-found':
        ctx.report({
          message: `No authorization-server metadata at any well-known URL of \`${partial.requestedIssuer ?? ''}\`: tried ${tried(attempts)}.`,
          data: { cause: 'not-found' },
          evidence,
        });
        return;
      case 'server-error':
        ctx.report({
          message: `\`${problem.url}\` answered HTTP ${problem.status}; expected the metadata (200) or a 4xx. MCP clients stop discovery at such an answer.`,
          data: { cause: 'server-error', status: problem.status },
          where: { url: problem.url },
          evidence,
        });
        return;
      case 'not-json':
        ctx.report({
          message: `\`${problem.url}\` answered ${problem.status} \`${sanitize(problem.contentType || 'no content type', 80)}\` that is not JSON (a web-app fallback page?); expected the metadata or a 404. MCP clients stop discovery there.`,
          data: { cause: 'not-json' },
          where: { url: problem.url },
          evidence,
        });
        return;
      case 'not-object':
        ctx.report({
          message: `\`${problem.url}\` holds ${problem.found}; expected a JSON object.`,
          data: { cause: 'not-object' },
          where: { url: problem.url },
          evidence,
        });
        return;
      case 'unreadable-file':
        ctx.report({ message: `Could not read \`${problem.path}\`: ${problem.detail}.`, data: { cause: 'unreadable-file' } });
    }
  },
});
