import { sanitize } from '../../shared/sanitize.js';
import type { CandidateProbe, CallbackVerdict, Hop } from '../types.js';

/**
 * What one authorization request led to, in protocol terms:
 * - `to-redirect-uri`: the IdP redirected to the `redirect_uri` it was given. RFC 6749 §4.1.2.1
 *   forbids that for an unvalidated URI, so it proves the URI was accepted (even with `error=`).
 * - `refused`: an error status, or an OAuth `error` in a JSON body or an on-IdP redirect.
 * - `page`: the chain ended on a page of the IdP (login, consent, or a 2xx error page).
 * - `left-idp`: a redirect to another host, not followed.
 * - `unavailable`: rate limiting, a server error, a block without an OAuth error, or a redirect loop.
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
}

/** Error codes whose only meaning is "this redirect_uri is not registered" (`redirect_mismatch`: Cognito). */
export const REDIRECT_CODES = new Set(['invalid_redirect_uri', 'redirect_uri_mismatch', 'redirect_mismatch']);

/** Codes that say the IdP could not answer now: a verdict of nothing. */
const UNAVAILABLE_CODES = new Set(['server_error', 'temporarily_unavailable', 'slow_down']);

/** Codes that refuse the request for something other than the redirect URI or the client. */
const OTHER_REASON_CODES = new Set(['invalid_scope', 'invalid_target']);

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
    if (hit) return { kind: 'to-redirect-uri', error: hit.error, codes, summary: chain };
  }
  const protocolError = hops.find((h) => h.error)?.error;
  const status = last.status ?? 0;
  if (status === 408 || status === 429 || status >= 500) {
    return { kind: 'unavailable', error: protocolError, codes, summary: chain };
  }
  if ((status === 401 || status === 403) && !protocolError && codes.length === 0) {
    return { kind: 'unavailable', codes, summary: `${chain} (blocked without an OAuth error)` };
  }
  if (protocolError && UNAVAILABLE_CODES.has(protocolError)) return { kind: 'unavailable', error: protocolError, codes, summary: chain };
  if (status >= 400 || protocolError) return { kind: 'refused', error: protocolError, codes, summary: chain };
  if (probe.stop === 'left-idp') return { kind: 'left-idp', codes, summary: chain };
  if (probe.stop === 'hop-limit') return { kind: 'unavailable', codes, summary: `${chain} (still redirecting)` };
  return { kind: 'page', codes, summary: chain };
}

/**
 * The OAuth error of a refusal that names a reason other than the redirect URI (`invalid_scope`,
 * `invalid_target`) and does not mention `redirect_uri`: the IdP judged something else first.
 */
function refusedForOtherReason(probe: CandidateProbe, outcome: Outcome): string | undefined {
  // The protocol channel's error speaks for the refusal; page text counts only when it names
  // nothing but such codes (error pages often list many).
  const other = outcome.error
    ? OTHER_REASON_CODES.has(outcome.error) ? outcome.error : undefined
    : outcome.codes.length > 0 && outcome.codes.every((c) => OTHER_REASON_CODES.has(c)) ? outcome.codes[0] : undefined;
  if (!other) return undefined;
  const mentionsRedirect = probe.hops.some((h) => h.bodyMentions.includes('redirect_uri') || /redirect|callback/i.test(h.errorDescription ?? ''));
  return mentionsRedirect ? undefined : other;
}

/** Where a chain ended: status, host and path of the last answer, and the codes its page named. */
function landing(probe: CandidateProbe): string {
  const last = probe.hops[probe.hops.length - 1];
  return `${last?.status ?? '-'} ${pathOf(last?.url ?? '')} ${last?.bodyCodes.join(',') ?? ''}`;
}

export interface CallbackJudgement {
  verdict: Exclude<CallbackVerdict, 'not-probed'>;
  /** One line of evidence comparing the callback with its control. */
  evidence: string;
  callback: Outcome;
  control: Outcome;
}

/** A Claude callback's request and the control request on the same host. */
export interface ProbePair {
  callback: CandidateProbe;
  control: CandidateProbe;
}

/**
 * Judges one Claude callback against its control (an unregistered sibling URI on the same host) by
 * differential evidence: only the `redirect_uri` differs between the two requests, so a difference
 * in how the IdP treats them is the IdP's verdict on the callback. Page text alone never decides;
 * "accepted" always needs positive evidence. `peers` are the other callbacks with their controls.
 */
export function judgeCallback(pair: ProbePair, peers: ProbePair[] = []): CallbackJudgement {
  const cb = classifyChain(pair.callback);
  const ctl = classifyChain(pair.control);
  const result = (verdict: CallbackJudgement['verdict'], why: string): CallbackJudgement => ({
    verdict,
    evidence: `${why}; callback: ${cb.summary}; control: ${ctl.summary}`,
    callback: cb,
    control: ctl,
  });

  if (ctl.kind === 'to-redirect-uri') {
    return result('inconclusive', 'the unregistered control was redirected to as well, so a redirect proves nothing');
  }
  if (cb.kind === 'to-redirect-uri') return result('accepted', 'the IdP redirected to the callback');
  if (cb.kind === 'refused') {
    const same = ctl.kind === 'refused' && ctl.error === cb.error && ctl.codes.join() === cb.codes.join();
    const other = refusedForOtherReason(pair.callback, cb);
    if (other) {
      const who = same ? 'both were' : 'the callback was';
      return result('inconclusive', `${who} refused with \`${other}\`, which is not about the redirect URI (try \`--scope\`)`);
    }
    return result('rejected', same ? 'refused with the same answer as the unregistered control' : 'refused');
  }
  if (cb.kind === 'failed' || cb.kind === 'unavailable') return result('inconclusive', 'the callback request got no usable answer');
  const cbRedirectCodes = cb.codes.filter((c) => REDIRECT_CODES.has(c));
  if (ctl.kind === 'refused') {
    const other = refusedForOtherReason(pair.control, ctl);
    if (other) return result('inconclusive', `the control was refused with \`${other}\`, not for its redirect URI`);
    if (cbRedirectCodes.length > 0) {
      return result('inconclusive', `the control was refused, but the callback's page names \`${cbRedirectCodes[0]}\``);
    }
    return result('accepted', 'the control was refused but the callback went on');
  }
  if (ctl.kind === 'failed' || ctl.kind === 'unavailable') {
    return result('inconclusive', 'the control request got no usable answer to compare with');
  }
  // Both reached a page (or left the IdP). A third party settles what the pair cannot: if another
  // Claude callback was accepted and landed elsewhere than its control, the IdP tells registered
  // from unregistered URIs apart, and this one landed with the unregistered control.
  const acceptedPeer = peers.find(
    (p) => p.callback !== pair.callback && landing(p.callback) !== landing(p.control) && judgeCallback(p).verdict === 'accepted',
  );
  if (acceptedPeer && landing(pair.callback) === landing(pair.control)) {
    return result('rejected', `landed on the same page as the unregistered control, while \`${acceptedPeer.callback.redirectUri ?? ''}\` went on`);
  }
  const controlOnly = ctl.codes.filter((c) => REDIRECT_CODES.has(c) && !cb.codes.includes(c));
  if (controlOnly.length > 0 && cbRedirectCodes.length === 0 && landing(pair.callback) !== landing(pair.control)) {
    return result('accepted', `the control landed on a page naming \`${controlOnly[0]}\` and the callback elsewhere`);
  }
  return result(
    'inconclusive',
    'the callback and the control got the same kind of answer: this IdP checks redirect_uri only after sign-in',
  );
}

/** A control's own verdict: `accepted` means the IdP redirects to an unregistered URI. */
export function judgeControl(controlProbe: CandidateProbe): { verdict: Exclude<CallbackVerdict, 'not-probed'>; outcome: Outcome } {
  const outcome = classifyChain(controlProbe);
  if (outcome.kind === 'to-redirect-uri') return { verdict: 'accepted', outcome };
  if (outcome.kind === 'refused' && !refusedForOtherReason(controlProbe, outcome)) return { verdict: 'rejected', outcome };
  return { verdict: 'inconclusive', outcome };
}

/** Codes that refuse the client the authorization-code flow itself: the client, not the callback, is at fault. */
export const CREDENTIALS_ONLY_CODES = new Set(['unauthorized_client', 'unsupported_response_type']);

/**
 * The error when an authorization request was refused because the client may not use the
 * authorization-code flow: `unauthorized_client` / `unsupported_response_type`, or
 * `invalid_request` whose prose names `response_type` and not the redirect URI.
 */
export function refusedForResponseType(probe: CandidateProbe): string | undefined {
  const outcome = classifyChain(probe);
  if (outcome.kind !== 'refused' && outcome.kind !== 'to-redirect-uri') return undefined;
  const code = outcome.codes.find((c) => CREDENTIALS_ONLY_CODES.has(c));
  if (code) return code;
  if (!outcome.codes.includes('invalid_request')) return undefined;
  const names = (pattern: RegExp, mention: string) =>
    probe.hops.some((h) => h.bodyMentions.includes(mention) || pattern.test(h.errorDescription ?? ''));
  return names(/response_type|response type/i, 'response_type') && !names(/redirect|callback/i, 'redirect_uri') ? 'invalid_request' : undefined;
}
