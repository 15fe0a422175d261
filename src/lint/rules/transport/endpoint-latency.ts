import { defineRule } from '../../judgement/define.js';

const WARN_MS = 3000;
/** Claude gives discovery, registration and token endpoints 10 s to answer. */
const ERROR_MS = 10000;

export default defineRule({
  id: 'endpoint-latency',
  meta: {
    description: 'The MCP endpoint, metadata discovery and registration answer well within Claude\'s 10-second limit',
    subject: 'idp',
    severity: 'warning',
    spec: ['Claude docs: Authentication for connectors (Endpoint latency: 10 s for discovery, registration and token requests)'],
    fix: 'Serve metadata from a cache or CDN and keep registration fast; Claude abandons the flow when an OAuth endpoint takes more than 10 seconds.',
  },
  requires: [],
  check({ authorizationServer: as, registration, mcpServer, protectedResource }, ctx) {
    const timings: { what: string; url: string; ms: number }[] = [];
    if (mcpServer && !mcpServer.initialize.failure) timings.push({ what: 'The first MCP request', url: mcpServer.url, ms: mcpServer.initialize.durationMs });
    if (protectedResource) timings.push({ what: 'Protected-resource metadata', url: protectedResource.documentUrl, ms: protectedResource.durationMs });
    if (as?.source === 'network' && as.durationMs !== undefined) timings.push({ what: 'Metadata discovery', url: as.documentUrl, ms: as.durationMs });
    if (registration?.status !== undefined) timings.push({ what: 'Client registration', url: registration.endpoint, ms: registration.durationMs });
    for (const t of timings) {
      if (t.ms <= WARN_MS) continue;
      ctx.report({
        severity: t.ms > ERROR_MS ? 'error' : 'warning',
        message: `${t.what} at \`${t.url}\` took ${(t.ms / 1000).toFixed(1)} s; Claude waits at most 10 s${t.ms > ERROR_MS ? '' : ' and slow answers risk that limit'}.`,
        data: { ms: t.ms },
        where: { url: t.url },
      });
    }
  },
});
