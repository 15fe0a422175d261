import type { CandidateProbe, CallbackVerdict } from '../types.js';
import { isLoopbackRole } from './claude.js';
import { answerKey, classifyChain, CREDENTIALS_ONLY_CODES, landing, REDIRECT_CODES, refusalReason, type Outcome } from './chain-outcome.js';

export type Verdict = Exclude<CallbackVerdict, 'not-probed'>;

export interface CallbackJudgement {
  verdict: Verdict;
  /** One line of evidence comparing the callback with its control. */
  evidence: string;
  callback: Outcome;
  /** The first control sample's outcome. */
  control: Outcome;
  /** Set when the verdict rests on the IdP's own words about the redirect URI or the client. */
  blames?: 'redirect' | 'client';
}

/** A Claude callback's requests: the callback itself, its control samples, and the OIDC silent pair. */
export interface CallbackProbes {
  callback: CandidateProbe;
  /** The control's samples in the order sent: before the callback, then (when needed) after it. */
  controls: CandidateProbe[];
  /** The `prompt=none` requests with the callback and with its control (sampled like the control), when the provider answers them. */
  silent?: { callback?: CandidateProbe; controls: CandidateProbe[] };
}

const quote = (value: string | undefined) => `\`${value ?? ''}\``;

const loopback = (probe: CandidateProbe) => isLoopbackRole(probe.role);

/**
 * Whether every sample got the same answer: the IdP was consistent. Samples that all went on to a
 * page compare by where they landed, since sign-in pages carry per-request values (session ids,
 * nonces) no masking can know; refusals compare by the full answer.
 */
function consistent(samples: CandidateProbe[]): boolean {
  const outcomes = samples.map(classifyChain);
  const key = outcomes.every(went) ? landing : answerKey;
  return samples.every((s) => key(s) === key(samples[0] as CandidateProbe));
}

function went(outcome: Outcome): boolean {
  return outcome.kind === 'page' || outcome.kind === 'left-idp';
}

/** What a control's answers show, all samples taken together. */
function controlEvidence(set: CallbackProbes): { outcome: Outcome; consistent: boolean; bracketed: boolean } {
  const first = set.controls[0] as CandidateProbe;
  return { outcome: classifyChain(first), consistent: consistent(set.controls), bracketed: set.controls.length >= 2 };
}

/**
 * The IdP's answer to `prompt=none`: an OpenID provider redirects a registered URI straight back
 * (`login_required`), which proves registration when the control was not redirected.
 */
function silentVerdict(set: CallbackProbes): { verdict: Verdict; why: string } | undefined {
  const cb = set.silent?.callback;
  const controls = set.silent?.controls ?? [];
  if (!cb) return undefined;
  const outcome = classifyChain(cb);
  if (outcome.kind === 'refused' && refusalReason(cb, outcome) === 'redirect') {
    return { verdict: 'rejected', why: `with \`prompt=none\` the IdP refused it naming the redirect URI (${outcome.summary})` };
  }
  if (outcome.kind !== 'to-redirect-uri' || controls.length < 2) return undefined;
  // The control must have been answered, before and after, without a redirect: an IdP that sends
  // any URI back on prompt=none proves nothing, and an outage on the control hides that it does.
  const answers = controls.map(classifyChain);
  if (answers.some((c) => c.redirect || c.kind === 'failed' || c.kind === 'unavailable')) return undefined;
  const error = outcome.error ? ` with \`error=${outcome.error}\`` : '';
  return { verdict: 'accepted', why: `with \`prompt=none\` the IdP redirected to the callback${error} and not to the unregistered control (${answers[0]?.summary ?? ''})` };
}

/** The verdict from the callback and its own control alone. */
interface OwnVerdict {
  verdict: Verdict;
  why: string;
  blames?: CallbackJudgement['blames'];
  /**
   * The callback or its control got no usable answer, or the control's samples disagree: no other
   * callback's evidence may stand in for this pair's.
   */
  unstable?: true;
}

function judgeOwn(set: CallbackProbes): OwnVerdict {
  const cb = classifyChain(set.callback);
  const ctl = controlEvidence(set);
  const samples = set.controls.map((c) => classifyChain(c).summary);
  if (cb.kind === 'failed' || cb.kind === 'unavailable') return { verdict: 'inconclusive', why: 'the callback request got no usable answer', unstable: true };
  if (cb.kind === 'refused') {
    const reason = refusalReason(set.callback, cb);
    if (reason === 'redirect') return { verdict: 'rejected', why: 'the IdP refused it naming the redirect URI', blames: 'redirect' };
    if (reason === 'client') return { verdict: 'rejected', why: 'the IdP refused the client', blames: 'client' };
    if (reason === 'other') {
      const code = cb.error ?? cb.codes[0];
      return { verdict: 'inconclusive', why: `it was refused with ${quote(code)}, which is not about the redirect URI${code === 'invalid_scope' ? ' (try `--scope`)' : ''}` };
    }
    const same = set.controls.every((c) => answerKey(c) === answerKey(set.callback));
    return {
      verdict: 'inconclusive',
      why: same
        ? 'the callback got the very answer its unregistered control got, without naming the redirect URI: a block that hits every request alike proves nothing'
        : 'it was refused without naming the redirect URI, and its control did not get the same answer',
    };
  }
  // A redirect to the callback is proof in itself (RFC 6749 §4.1.2.1), unless unregistered URIs get one too.
  if (cb.kind === 'to-redirect-uri') {
    if (set.controls.some((c) => classifyChain(c).redirect)) return { verdict: 'inconclusive', why: 'the unregistered control was redirected to as well, so a redirect proves nothing' };
    return { verdict: 'accepted', why: 'the IdP redirected to the callback' };
  }
  if (!ctl.consistent) {
    return {
      verdict: 'inconclusive',
      why: `the same unregistered control got different answers before and after the callback (${samples.join('; then ')}): a limit or an outage, not the redirect URI, decided`,
      unstable: true,
    };
  }
  if (ctl.outcome.kind === 'failed' || ctl.outcome.kind === 'unavailable') {
    return { verdict: 'inconclusive', why: 'the control request got no usable answer to compare with', unstable: true };
  }
  // The callback went on (a page of the IdP, or another host).
  if (ctl.outcome.kind === 'to-redirect-uri') {
    if (!ctl.bracketed) return { verdict: 'inconclusive', why: 'the control was redirected to, the callback went on' };
    return { verdict: 'accepted', why: `the IdP sends an unregistered URI back with ${ctl.outcome.error ? `\`error=${ctl.outcome.error}\`` : 'a redirect'} (before and after), and the callback on to sign-in` };
  }
  if (ctl.outcome.kind === 'refused') {
    const reason = refusalReason(set.controls[0] as CandidateProbe, ctl.outcome);
    if (reason === 'other') return { verdict: 'inconclusive', why: `the control was refused with ${quote(ctl.outcome.error ?? ctl.outcome.codes[0])}, not for its redirect URI` };
    const cbRedirectCodes = cb.codes.filter((c) => REDIRECT_CODES.has(c));
    if (cbRedirectCodes.length > 0) return { verdict: 'inconclusive', why: `the control was refused, but the callback's page names \`${cbRedirectCodes[0]}\`` };
    if (!ctl.bracketed) return { verdict: 'inconclusive', why: 'the control was refused, but not asked again after the callback' };
    if (reason === 'redirect') return { verdict: 'accepted', why: 'the control was refused for its redirect URI before and after the callback, and the callback went on' };
    return { verdict: 'accepted', why: 'the unregistered control got the same refusal before and after the callback, and the callback went on' };
  }
  // Both went on. A control page that names a redirect-URI code is a refusal page.
  const refusalPage = ctl.outcome.codes.find((c) => REDIRECT_CODES.has(c) && !cb.codes.includes(c));
  if (refusalPage && answerKey(set.callback) !== answerKey(set.controls[0] as CandidateProbe) && landing(set.callback) !== landing(set.controls[0] as CandidateProbe)) {
    return { verdict: 'accepted', why: `the control landed on a page naming \`${refusalPage}\` and the callback elsewhere` };
  }
  return { verdict: 'inconclusive', why: 'the callback and the control got the same kind of answer: this IdP checks redirect_uri only after sign-in' };
}

/**
 * What other callbacks settle that a pair cannot. When every control, on every callback host,
 * landed on one page naming a redirect-URI code, that page is how this IdP refuses. When another
 * Claude callback was accepted on its own evidence, its control's answer is how this IdP refuses
 * and its callback's how it accepts.
 */
function judgeByPeers(set: CallbackProbes, peers: CallbackProbes[]): { verdict: Verdict; why: string; wildcard?: true } | undefined {
  const others = peers.filter((p) => p.callback !== set.callback);
  const cb = classifyChain(set.callback);
  const mine = landing(set.callback);
  const controls = [set, ...others].flatMap((p) => p.controls);
  const refusalPage = landing(controls[0] as CandidateProbe);
  const code = classifyChain(controls[0] as CandidateProbe).codes.find((c) => REDIRECT_CODES.has(c));
  if (others.length > 0 && code && went(cb) && mine !== refusalPage && controls.every((c) => went(classifyChain(c)) && landing(c) === refusalPage)) {
    return { verdict: 'accepted', why: `every control, on every callback host, landed on the page naming \`${code}\`, and the callback elsewhere` };
  }
  for (const peer of others) {
    if (judgeOwn(peer).verdict !== 'accepted') continue;
    const refusedLanding = landing(peer.controls[0] as CandidateProbe);
    const acceptedLanding = landing(peer.callback);
    if (refusedLanding === acceptedLanding || peer.controls.some((c) => landing(c) !== refusedLanding)) continue;
    // The peer's control shows how this IdP refuses only when it was refused (or landed on a page
    // naming a redirect-URI code); a control that went on shows nothing of the kind.
    const peerControl = classifyChain(peer.controls[0] as CandidateProbe);
    const showsRefusal = peerControl.kind === 'refused' || peerControl.codes.some((c) => REDIRECT_CODES.has(c));
    const peerUri = quote(peer.callback.redirectUri);
    const likeOwnControl = set.controls.every((c) => answerKey(c) === answerKey(set.callback));
    if (showsRefusal && mine === refusedLanding && (cb.kind !== 'refused' || likeOwnControl)) {
      return { verdict: 'rejected', why: `it got the answer an unregistered URI gets, while ${peerUri} went on` };
    }
    // Going on like an accepted callback proves acceptance only for the same kind of redirect URI:
    // an IdP may match loopback redirects by a rule of their own.
    if (went(cb) && mine === acceptedLanding && loopback(peer.callback) === loopback(set.callback)) {
      const wildcard = set.controls.every((c) => went(classifyChain(c)) && landing(c) === mine);
      return { verdict: 'accepted', why: `it went on exactly as ${peerUri} did, whose control was refused`, ...(wildcard ? { wildcard: true as const } : {}) };
    }
  }
  return undefined;
}

/**
 * Judges one Claude callback by differential evidence: only the `redirect_uri` differs between a
 * callback and its control, so a difference in how the IdP treats them is the IdP's verdict on the
 * callback. "Accepted" always needs positive evidence: a redirect to the callback, a control refused
 * for its redirect URI (or alike before and after the callback) while the callback went on, or the
 * answers of another callback the IdP demonstrably told apart. Order never decides: a control
 * answered differently before and after its callback makes the pair inconclusive. `peers` are the
 * other callbacks of the same client.
 */
export function judgeCallback(set: CallbackProbes, peers: CallbackProbes[] = []): CallbackJudgement {
  const own = judgeOwn(set);
  const result = (verdict: Verdict, why: string, blames?: CallbackJudgement['blames']): CallbackJudgement => ({
    verdict,
    evidence: `${why}; callback: ${classifyChain(set.callback).summary}; control: ${set.controls.map((c) => classifyChain(c).summary).join(', then ')}`,
    callback: classifyChain(set.callback),
    control: classifyChain(set.controls[0] as CandidateProbe),
    ...(blames ? { blames } : {}),
  });
  if (own.verdict !== 'inconclusive') return result(own.verdict, own.why, own.blames);
  const silent = silentVerdict(set);
  if (silent) return result(silent.verdict, silent.why, silent.verdict === 'rejected' ? 'redirect' : undefined);
  const byPeers = own.unstable ? undefined : judgeByPeers(set, peers);
  if (byPeers) return result(byPeers.verdict, byPeers.why);
  return result('inconclusive', own.why);
}

/**
 * A control's own verdict: `accepted` means the IdP takes an unregistered URI — it redirected to it
 * (even with an error), or let it go on to sign-in exactly as the accepted callback did while the
 * IdP refused the control of another callback (a wildcard on this host).
 */
export function judgeControl(set: CallbackProbes, peers: CallbackProbes[] = []): { verdict: Verdict; summary: string } {
  const samples = [...set.controls, ...(set.silent?.controls ?? [])];
  const redirected = samples.find((c) => classifyChain(c).redirect);
  if (redirected) return { verdict: 'accepted', summary: classifyChain(redirected).summary };
  const summary = [...new Set(set.controls.map((c) => classifyChain(c).summary))].join(', then ');
  if (!judgeOwn(set).unstable && judgeByPeers(set, peers)?.wildcard) return { verdict: 'accepted', summary: `${summary}, the same as the accepted callback` };
  // Refused only when every sample was refused, for no reason that is about something else.
  const refused = set.controls.every((c) => {
    const outcome = classifyChain(c);
    return outcome.kind === 'refused' && refusalReason(c, outcome) !== 'other';
  });
  return { verdict: refused ? 'rejected' : 'inconclusive', summary };
}

/**
 * The error when an authorization request was refused because the client may not use the
 * authorization-code flow: `unauthorized_client` / `unsupported_response_type` that do not blame
 * the redirect URI (Auth0 answers a missing callback with `unauthorized_client` and "Callback URL
 * mismatch"), or `invalid_request` whose prose names `response_type`.
 */
export function refusedForResponseType(probe: CandidateProbe): string | undefined {
  const outcome = classifyChain(probe);
  if (outcome.kind !== 'refused' && outcome.kind !== 'to-redirect-uri') return undefined;
  if (outcome.kind === 'refused' && refusalReason(probe, outcome) !== 'client') return undefined;
  const blamesRedirect = probe.hops.some((h) => /redirect|callback/i.test(h.errorDescription ?? '') || h.bodyMentions.includes('redirect_uri'));
  if (blamesRedirect) return undefined;
  const code = outcome.codes.find((c) => CREDENTIALS_ONLY_CODES.has(c));
  if (code) return code;
  if (!outcome.codes.includes('invalid_request')) return undefined;
  const namesResponseType = probe.hops.some((h) => h.bodyMentions.includes('response_type') || /response_type|response type/i.test(h.errorDescription ?? ''));
  return namesResponseType ? 'invalid_request' : undefined;
}
