import { defineRule } from '../../judgement/define.js';
import type { DiscoveryAttempt, DiscoveryProblem } from '../../types.js';

export default defineRule({
  id: 'prm-discoverable',
  meta: {
    description: 'Protected-resource metadata (RFC 9728) is found where MCP clients look: `resource_metadata`, else the path-suffixed, then the root well-known URL',
    subject: 'mcp',
    severity: 'error',
    spec: ['MCP 2025-11-25 Authorization: Protected Resource Metadata Discovery Requirements', 'RFC 9728 §3'],
    fix: 'Serve the metadata as JSON at `/.well-known/oauth-protected-resource/<mcp path>` and at `/.well-known/oauth-protected-resource`, and point to it from the 401 challenge (`resource_metadata`).',
  },
  requires: ['protectedResource'],
  check({ protectedResource: prm }, ctx) {
    if (!/^application\/([\w.+-]*\+)?json\b/i.test(prm.contentType ?? '')) {
      ctx.report({
        severity: 'warning',
        message: `\`${prm.documentUrl}\` serves the metadata as \`${prm.contentType ?? 'no content type'}\`; expected \`application/json\`.`,
        where: { url: prm.documentUrl },
      });
    }
  },
  unavailable(_probe, state, ctx) {
    if (state.status === 'not-run') {
      ctx.skip(state.reason);
      return;
    }
    const partial = state.partial as { problem?: DiscoveryProblem; attempts?: DiscoveryAttempt[] } | undefined;
    const attempts = partial?.attempts ?? [];
    ctx.report({
      message: `No protected-resource metadata: ${state.reason}${attempts.length > 0 ? `; tried ${attempts.map((a) => `\`${a.url}\` (${a.status ?? a.failure?.cause ?? 'no answer'})`).join(', ')}` : ''}. Claude cannot find the authorization server.`,
      data: { cause: partial?.problem?.cause ?? 'unusable' },
      evidence: attempts.flatMap((a) => a.exchangeIds),
    });
  },
});
