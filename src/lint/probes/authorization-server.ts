import { readFile, stat } from 'node:fs/promises';
import { sanitize } from '../../shared/sanitize.js';
import { getFollowing, type HttpClient } from '../http.js';
import { parseJsonObject } from '../json.js';
import { authorizationServerMetadataUrls } from '../well-known.js';
import type { AuthorizationServerFacts, DiscoveryAttempt, DiscoveryProblem, ProbeState } from '../types.js';

/** Metadata documents are a few KB; anything past this is not one. */
export const METADATA_MAX_BYTES = 1024 * 1024;

function failed(problem: DiscoveryProblem, attempts: DiscoveryAttempt[], requestedIssuer?: string): ProbeState<AuthorizationServerFacts> {
  return { status: 'failed', reason: describeProblem(problem), partial: { problem, attempts, requestedIssuer } };
}

/** One line naming why discovery failed; used as the skip reason of dependent rules. */
export function describeProblem(problem: DiscoveryProblem): string {
  switch (problem.cause) {
    case 'unreachable':
      return `${problem.url}: ${problem.failure.detail}`;
    case 'not-found':
      return `no metadata at any well-known URL (answers: ${problem.statuses.join(', ')})`;
    case 'server-error':
      return `${problem.url} answered ${problem.status}`;
    case 'not-json':
      return `${problem.url} answered ${problem.status} ${sanitize(problem.contentType || 'without a content type', 60)}, not JSON`;
    case 'not-object':
      return `${problem.url} holds ${problem.found}, not a JSON object`;
    case 'unreadable-file':
      return `${problem.path}: ${problem.detail}`;
  }
}

/**
 * Discovers the authorization server's metadata the way MCP clients do: each well-known URL in
 * order, moving on only after a 4xx (the SDK stops at any other answer, and so would Claude).
 */
export async function probeAuthorizationServer(http: HttpClient, issuer: string): Promise<ProbeState<AuthorizationServerFacts>> {
  const attempts: DiscoveryAttempt[] = [];
  const statuses: number[] = [];
  for (const candidate of authorizationServerMetadataUrls(new URL(issuer))) {
    const started = performance.now();
    const { results, final, failure } = await getFollowing(http, {
      probe: 'authorizationServer',
      url: candidate.url,
      headers: { accept: 'application/json', 'mcp-protocol-version': '2025-11-25' },
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
    if (failure) return failed({ cause: 'unreachable', failure, url: candidate.url }, attempts, issuer);
    if (final.truncated) {
      const tooLarge = { cause: 'too-large' as const, detail: `body larger than ${METADATA_MAX_BYTES / 1024} KiB` };
      attempt.failure = tooLarge;
      return failed({ cause: 'unreachable', failure: tooLarge, url: candidate.url }, attempts, issuer);
    }
    const status = final.status ?? 0;
    if (status >= 400 && status < 500) {
      statuses.push(status);
      continue;
    }
    if (status < 200 || status >= 300) return failed({ cause: 'server-error', status, url: candidate.url }, attempts, issuer);
    const parsed = parseJsonObject(final.body.toString('utf8'));
    if (!parsed.ok) {
      const problem: DiscoveryProblem = parsed.notJson
        ? { cause: 'not-json', url: candidate.url, contentType: attempt.contentType ?? '', status }
        : { cause: 'not-object', url: candidate.url, found: parsed.found };
      return failed(problem, attempts, issuer);
    }
    return {
      status: 'ok',
      value: {
        source: 'network',
        requestedIssuer: issuer,
        attempts,
        documentUrl: candidate.url,
        documentKind: candidate.kind,
        contentType: attempt.contentType,
        durationMs: attempt.durationMs,
        metadata: parsed.value,
      },
    };
  }
  return failed({ cause: 'not-found', statuses }, attempts, issuer);
}

/** Reads a saved metadata document for offline linting (`--metadata <file>`). */
export async function readMetadataFile(path: string, requestedIssuer?: string): Promise<ProbeState<AuthorizationServerFacts>> {
  const unreadable = (detail: string) => failed({ cause: 'unreadable-file', path, detail }, [], requestedIssuer);
  let text: string;
  try {
    const info = await stat(path);
    if (!info.isFile()) return unreadable('not a regular file');
    if (info.size > METADATA_MAX_BYTES) return unreadable(`larger than ${METADATA_MAX_BYTES / 1024} KiB`);
    text = await readFile(path, 'utf8');
  } catch (error) {
    return unreadable((error as NodeJS.ErrnoException).code ?? 'cannot be read');
  }
  const parsed = parseJsonObject(text);
  if (!parsed.ok) return failed({ cause: 'not-object', url: path, found: parsed.found }, [], requestedIssuer);
  return {
    status: 'ok',
    value: { source: 'file', requestedIssuer, attempts: [], documentUrl: path, metadata: parsed.value },
  };
}
