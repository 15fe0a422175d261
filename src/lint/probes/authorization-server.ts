import { readFile, stat } from 'node:fs/promises';
import { sanitize } from '../../shared/sanitize.js';
import type { HttpClient } from '../transport/http.js';
import { parseJsonObject } from '../protocol/json.js';
import { authorizationServerMetadataUrls } from '../protocol/well-known.js';
import { discoverDocument, METADATA_MAX_BYTES } from './discover-document.js';
import type { AuthorizationServerFacts, DiscoveryAttempt, DiscoveryProblem, ProbeState } from '../types.js';

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

/** Discovers the authorization server's metadata at the well-known URLs, in MCP's order. */
export async function probeAuthorizationServer(http: HttpClient, issuer: string): Promise<ProbeState<AuthorizationServerFacts>> {
  const result = await discoverDocument(http, 'authorizationServer', authorizationServerMetadataUrls(new URL(issuer)));
  if (!result.ok) return failed(result.problem, result.attempts, issuer);
  return {
    status: 'ok',
    value: {
      source: 'network',
      requestedIssuer: issuer,
      attempts: result.attempts,
      documentUrl: result.found.url,
      documentKind: result.found.kind === 'oidc' ? 'oidc' : 'oauth',
      contentType: result.found.contentType,
      durationMs: result.found.durationMs,
      metadata: result.metadata,
    },
  };
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
