import type { HttpClient } from '../transport/http.js';
import { resourceMetadataPointer } from '../judgement/mcp-mode.js';
import { privateLinkFrom } from '../transport/url.js';
import type { McpServerFacts, ProbeState, ProtectedResourceFacts } from '../types.js';
import { protectedResourceMetadataUrls } from '../protocol/well-known.js';
import { describeProblem } from './authorization-server.js';
import { discoverDocument } from './discover-document.js';

/**
 * Finds the protected-resource metadata (RFC 9728) as MCP clients do: the challenge's
 * `resource_metadata` alone when it is given; otherwise the path-suffixed well-known URL, then the
 * root one.
 */
export async function probeProtectedResource(http: HttpClient, mcp: McpServerFacts): Promise<ProbeState<ProtectedResourceFacts>> {
  const pointer = resourceMetadataPointer(mcp);
  if (pointer && privateLinkFrom(mcp.url, pointer)) {
    return { status: 'failed', reason: `\`resource_metadata\` points at a private address (\`${pointer}\`), which Claude cannot reach; not fetched`, partial: { attempts: [] } };
  }
  const candidates = pointer ? [{ url: pointer, kind: 'prm' as const }] : protectedResourceMetadataUrls(new URL(mcp.url));
  const result = await discoverDocument(http, 'protectedResource', candidates);
  if (!result.ok) {
    return { status: 'failed', reason: describeProblem(result.problem), partial: { problem: result.problem, attempts: result.attempts } };
  }
  const index = result.attempts.length - 1;
  return {
    status: 'ok',
    value: {
      via: pointer ? 'resource_metadata' : index === 0 && candidates.length > 1 ? 'path' : 'root',
      attempts: result.attempts,
      documentUrl: result.found.url,
      contentType: result.found.contentType,
      durationMs: result.found.durationMs,
      metadata: result.metadata,
    },
  };
}
