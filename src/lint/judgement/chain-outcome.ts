import { sanitize } from '../../shared/sanitize.js';
import type { CandidateProbe, Hop } from '../types.js';

/**
 * What one authorization request led to, in protocol terms:
 * - `to-redirect-uri`: the IdP redirected to the `redirect_uri` it was given. RFC 6749 §4.1.2.1
 *   forbids that for an unvalidated URI, so it proves the URI was accepted (even with `error=`),
 *   unless the error itself says the redirect URI does not match (then it is `refused`).
 * - `refused`: an error status, or an OAuth `error` in a JSON body or an on-IdP redirect.
 * - `page`: the chain ended on a page of the IdP (login, consent, or a 2xx error page).
 * - `left-idp`: a redirect to another host, not followed.
 * - `unavailable`: rate limiting, a server error, or a redirect loop.
 * - `failed`: no HTTP answer.
 */
export type OutcomeKind = 'to-redirect-uri' | 'refused' | 'page' | 'left-idp' | 'unavailable' | 'failed';

export interface Outcome {
  kind: OutcomeKind;
  /** The OAuth error the protocol channel carried (JSON body or `Location` query), if any. */
  error?: string;
  /** OAuth error codes seen anywhere in the chain (protocol channel and page text). */
  codes: string[];
  /** Human summary for evidence, e.g. "400 `invalid_redirect_uri`". */
  summary: string;
  /** The hop that redirected to the `redirect_uri` sent, when one did (even with a refusal). */
  redirect?: Hop;
}

/** Error codes whose only meaning is "this redirect_uri is not registered" (`redirect_mismatch`: Cognito). */
export const REDIRECT_CODES = new Set(['invalid_redirect_uri', 'redirect_uri_mismatch', 'redirect_mismatch']);

/** Codes that say the IdP could not answer now: a verdict of nothing. */
export const UNAVAILABLE_CODES = new Set(['server_error', 'temporarily_unavailable', 'slow_down']);

/** Codes that refuse the request for something other than the redirect URI or the client. */
const OTHER_REASON_CODES = new Set(['invalid_scope', 'invalid_target']);

/** Codes that refuse the client the authorization-code flow itself: the client, not the callback, is at fault. */
export const CREDENTIALS_ONLY_CODES = new Set(['unauthorized_client', 'unsupported_response_type']);

/** Codes that blame the client: unknown to the IdP, or one that may not use this flow. */
export const CLIENT_CODES = new Set(['invalid_client', ...CREDENTIALS_ONLY_CODES]);

/** Codes that, named on the page Claude's request lands on, mean sign-in stops there (RFC 6749 §4.1.2.1, RFC 8707). */
export const SIGN_IN_ERRORS = new Set(['invalid_request', 'unauthorized_client', 'access_denied', 'unsupported_response_type', 'invalid_scope', 'invalid_client', 'invalid_target']);

/** Request parameters other than the redirect URI that an `invalid_request` description may blame. */
const OTHER_PARAMETERS = /\b(state|nonce|scope|code_challenge(_method)?|resource|prompt|audience|response_mode|max_age|acr_values|claims|request_uri)\b/i;

/** Prose that blames the redirect URI (Auth0: "Callback URL mismatch"). */
const BLAMES_REDIRECT = /redirect|callback/i;

/** Whether prose blames the redirect URI; URLs it quotes do not count (every Claude callback's path says "callback"). */
function blamesRedirect(text: string): boolean {
  return BLAMES_REDIRECT.test(text.replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, ''));
}

function sameEndpoint(location: string, redirectUri: string): boolean {
  try {
    const a = new URL(location);
    const b = new URL(redirectUri);
    return a.origin === b.origin && a.pathname === b.pathname;
  } catch {
    return false;
  }
}

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return url;
  }
}

function codesOf(hops: Hop[]): string[] {
  const all = new Set<string>();
  for (const hop of hops) {
    if (hop.error) all.add(hop.error);
    for (const code of hop.bodyCodes) all.add(code);
  }
  return [...all].sort();
}

function describeHop(hop: Hop): string {
  const named = hop.bodyCodes.length > 0 ? ` (page names ${hop.bodyCodes.slice(0, 2).map((c) => `\`${c}\``).join(', ')})` : '';
  const error = hop.error ? ` \`${sanitize(hop.error, 60)}\`` : named;
  if (hop.status === undefined) return hop.failure ? `no answer (${hop.failure.cause})` : 'no answer';
  return hop.location ? `${hop.status}${error} → ${sanitize(pathOf(hop.location), 120)}` : `${hop.status}${error}`;
}

/** Reduces a recorded chain to its protocol meaning. Pure. */
export function classifyChain(probe: CandidateProbe): Outcome {
  const hops = probe.hops;
  const last = hops[hops.length - 1];
  const codes = codesOf(hops);
  const chain = hops.map(describeHop).join(', ');
  if (!last || probe.stop === 'failed') {
    return { kind: 'failed', codes, summary: last?.failure ? `no answer: ${last.failure.detail}` : 'no answer' };
  }
  if (probe.redirectUri) {
    const hit = hops.find((h) => h.location && sameEndpoint(h.location, probe.redirectUri as string));
    if (hit) {
      const refusal = hit.error !== undefined && (REDIRECT_CODES.has(hit.error) || blamesRedirect(hit.errorDescription ?? ''));
      const kind = refusal ? 'refused' : 'to-redirect-uri';
      return { kind, error: hit.error, codes, summary: chain, redirect: hit };
    }
  }
  const protocolError = hops.find((h) => h.error)?.error;
  const status = last.status ?? 0;
  if (status === 408 || status === 429 || status >= 500) {
    return { kind: 'unavailable', error: protocolError, codes, summary: chain };
  }
  if (protocolError && UNAVAILABLE_CODES.has(protocolError)) return { kind: 'unavailable', error: protocolError, codes, summary: chain };
  if (status >= 400 || protocolError) {
    const bare = !protocolError && codes.length === 0 ? ' (no OAuth error)' : '';
    return { kind: 'refused', error: protocolError, codes, summary: `${chain}${bare}` };
  }
  if (probe.stop === 'left-idp') return { kind: 'left-idp', codes, summary: chain };
  if (probe.stop === 'hop-limit') return { kind: 'unavailable', codes, summary: `${chain} (still redirecting)` };
  return { kind: 'page', codes, summary: chain };
}

/**
 * What a refusal blames:
 * - `redirect`: the redirect URI (a redirect-URI code, or prose naming the redirect URI or callback);
 * - `other`: another parameter (`invalid_scope`, `invalid_target`, `invalid_request` naming `state`…);
 * - `client`: the client (`invalid_client`, `unauthorized_client`, `unsupported_response_type`);
 * - `unexplained`: nothing it names (a bare 400/403, `access_denied`): only a differential can tell.
 */
export type RefusalReason = 'redirect' | 'other' | 'client' | 'unexplained';

/**
 * Reads what a refused chain blames. The protocol channel's `error` names the code when there is
 * one (error pages often list many); its description and the page's prose say what it is about.
 */
export function refusalReason(probe: CandidateProbe, outcome: Outcome): RefusalReason {
  const descriptions = probe.hops.map((h) => h.errorDescription ?? '').join(' ');
  const mentions = (name: string) => probe.hops.some((h) => h.bodyMentions.includes(name));
  const error = outcome.error;
  if (error) {
    if (REDIRECT_CODES.has(error) || blamesRedirect(descriptions) || mentions('redirect_uri')) return 'redirect';
    if (OTHER_REASON_CODES.has(error)) return 'other';
    if (CLIENT_CODES.has(error)) return 'client';
    if (error === 'invalid_request') {
      if (/response_type|response type|client_id/i.test(descriptions) || mentions('response_type')) return 'client';
      if (OTHER_PARAMETERS.test(descriptions)) return 'other';
    }
    return 'unexplained';
  }
  const codes = outcome.codes;
  if (codes.some((c) => REDIRECT_CODES.has(c)) || mentions('redirect_uri')) return 'redirect';
  if (codes.length > 0 && codes.every((c) => OTHER_REASON_CODES.has(c))) return 'other';
  if (codes.length > 0 && codes.every((c) => CLIENT_CODES.has(c))) return 'client';
  if (codes.includes('invalid_request') && mentions('response_type')) return 'client';
  return 'unexplained';
}

/** Path segments that look generated (ids, hashes, long numbers) are masked when answers are compared. */
function maskPath(path: string): string {
  return path
    .split('/')
    .map((segment) => (/^[A-Za-z0-9_-]{16,}$/.test(segment) || /\d{4,}/.test(segment) ? '*' : segment))
    .join('/');
}

/** A `Location` reduced to what the IdP chose: where it points, which parameters, and any `error`. */
function normalizedLocation(location: string | undefined, redirectUri: string | undefined): string {
  if (!location) return '';
  try {
    const url = new URL(location);
    const where = redirectUri && sameEndpoint(location, redirectUri) ? '<redirect_uri>' : `${url.origin}${maskPath(url.pathname)}`;
    const names = [...new Set(url.searchParams.keys())].sort().join(',');
    return `${where}?${names} ${url.searchParams.get('error') ?? ''}`;
  } catch {
    return '<unparseable>';
  }
}

/**
 * The answer a chain got, as a comparable key: each hop's status, normalised `Location`, OAuth
 * error and masked body digest. Headers that differ per request (ids, dates) do not enter it.
 */
export function answerKey(probe: CandidateProbe): string {
  return probe.hops
    .map((h) => [h.status ?? h.failure?.cause ?? '-', normalizedLocation(h.location, probe.redirectUri), h.error ?? '', h.bodyDigest ?? h.bodyCodes.join(',')].join(' '))
    .join(' | ');
}

/**
 * Where a chain ended, coarsely (status, host and path, where its redirect points, codes named):
 * comparable across callback hosts, since the redirect URI sent is masked.
 */
export function landing(probe: CandidateProbe): string {
  const last = probe.hops[probe.hops.length - 1];
  const to = normalizedLocation(last?.location, probe.redirectUri).split('?')[0];
  return `${last?.status ?? '-'} ${maskPath(pathOf(last?.url ?? ''))} ${to} ${last?.bodyCodes.join(',') ?? ''}`;
}
