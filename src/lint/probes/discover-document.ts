import { getFollowing, type HttpClient } from '../transport/http.js';
import { parseJsonObject } from '../protocol/json.js';
import { PROTOCOL_VERSION } from '../protocol/mcp-rpc.js';
import type { DiscoveryAttempt, DiscoveryProblem, JsonObject, ProbeId } from '../types.js';

/** Metadata documents are a few KB; anything past this is not one. */
export const METADATA_MAX_BYTES = 1024 * 1024;

export interface Candidate {
  url: string;
  kind: DiscoveryAttempt['kind'];
}

export type DiscoveryResult =
  | { ok: true; attempts: DiscoveryAttempt[]; found: DiscoveryAttempt; metadata: JsonObject }
  | { ok: false; attempts: DiscoveryAttempt[]; problem: DiscoveryProblem };

/**
 * Fetches metadata the way the MCP TypeScript SDK's client does: each candidate URL in order,
 * following redirects like `fetch`, moving on only after a 4xx; any other answer ends discovery.
 */
export async function discoverDocument(http: HttpClient, probe: ProbeId, candidates: Candidate[]): Promise<DiscoveryResult> {
  const attempts: DiscoveryAttempt[] = [];
  const statuses: number[] = [];
  const fail = (problem: DiscoveryProblem): DiscoveryResult => ({ ok: false, attempts, problem });
  for (const candidate of candidates) {
    const started = performance.now();
    const { results, final, failure } = await getFollowing(http, {
      probe,
      url: candidate.url,
      headers: { accept: 'application/json', 'mcp-protocol-version': PROTOCOL_VERSION },
      maxBytes: METADATA_MAX_BYTES + 1,
    });
    const attempt: DiscoveryAttempt = {
      url: candidate.url,
      kind: candidate.kind,
      exchangeIds: results.map((r) => r.exchange.id),
      status: final.status,
      contentType: final.headers['content-type'],
      durationMs: Math.round(performance.now() - started),
      failure,
    };
    attempts.push(attempt);
    if (failure) return fail({ cause: 'unreachable', failure, url: candidate.url });
    if (final.truncated) {
      attempt.failure = { cause: 'too-large', detail: `body larger than ${METADATA_MAX_BYTES / 1024} KiB` };
      return fail({ cause: 'unreachable', failure: attempt.failure, url: candidate.url });
    }
    const status = final.status ?? 0;
    // A redirect to another origin is not followed (as in the SDK's client): this URL has nothing.
    if (status >= 400 && status < 500 || (status >= 300 && status < 400)) {
      statuses.push(status);
      continue;
    }
    if (status < 200 || status >= 300) return fail({ cause: 'server-error', status, url: candidate.url });
    const parsed = parseJsonObject(final.body.toString('utf8'));
    if (!parsed.ok) {
      return fail(
        parsed.notJson
          ? { cause: 'not-json', url: candidate.url, contentType: attempt.contentType ?? '', status }
          : { cause: 'not-object', url: candidate.url, found: parsed.found },
      );
    }
    return { ok: true, attempts, found: attempt, metadata: parsed.value };
  }
  return fail({ cause: 'not-found', statuses });
}
