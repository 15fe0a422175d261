import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { judgeRole } from '../../../src/lint/judgement/callbacks.js';
import { answerKey, classifyChain, REDIRECT_CODES } from '../../../src/lint/judgement/chain-outcome.js';
import { judgeCallback, type CallbackProbes } from '../../../src/lint/judgement/redirect-judgement.js';
import type { CallbackRole, CallbackVerdict, CandidateProbe, CandidateRole, RedirectProbeFacts } from '../../../src/lint/types.js';
import { candidate, chains as c, EMPTY_BODY_DIGEST, IDP, pair, redirectFacts, ROLES, type Chain, type HopSpec, type Scenario } from '../../helpers/facts/chains.js';

/**
 * An answer of the IdP to one authorization request, with a label: fast-check prints the label of a
 * counterexample instead of the chain's function source.
 */
interface Answer {
  label: string;
  chain: Chain;
  /** Whether any request with this answer is sent back to the `redirect_uri` it carried. */
  redirects: boolean;
}

function answer(label: string, chain: Chain, redirects = false): Answer {
  return Object.assign({ label, chain, redirects }, { [fc.toStringMethod]: () => label });
}

const CALLBACK_ROLES: CallbackRole[] = ['claude-ai', 'claude-com', 'loopback-localhost', 'loopback-127'];
const HOSTED: CallbackRole[] = ['claude-ai', 'claude-com'];

const STATUSES = [200, 302, 303, 400, 401, 403, 404, 408, 429, 500, 503];
const PATHS = ['/authorize', '/login', '/signin/page', '/interaction/Ab3dEf5gHi7jKl9mNo1p', '/error', '/consent'];
/** Codes that do not name the redirect URI, and those that do. */
const QUIET_CODES = [
  'invalid_request',
  'unauthorized_client',
  'access_denied',
  'unsupported_response_type',
  'invalid_scope',
  'invalid_target',
  'server_error',
  'temporarily_unavailable',
  'slow_down',
  'invalid_client',
  'login_required',
  'vendor_specific_error',
];
const ALL_CODES = [...QUIET_CODES, ...REDIRECT_CODES];
const QUIET_DESCRIPTIONS = ['Invalid state', 'nonce is required', 'scope must contain openid', 'response_type not allowed', 'Something went wrong'];
const ALL_DESCRIPTIONS = [...QUIET_DESCRIPTIONS, 'Callback URL mismatch.', 'redirect_uri is not registered'];
const DIGESTS = ['digest-a', 'digest-b', EMPTY_BODY_DIGEST];

/** One hop on the IdP; `quiet` hops never name the redirect URI (no redirect code, description or prose). */
function hopArb(quiet: boolean): fc.Arbitrary<HopSpec> {
  const codes = quiet ? QUIET_CODES : ALL_CODES;
  return fc
    .record({
      status: fc.constantFrom(...STATUSES),
      path: fc.constantFrom(...PATHS),
      error: fc.option(fc.constantFrom(...codes), { nil: undefined }),
      errorDescription: fc.option(fc.constantFrom(...(quiet ? QUIET_DESCRIPTIONS : ALL_DESCRIPTIONS)), { nil: undefined }),
      bodyCodes: fc.subarray(codes, { maxLength: 2 }),
      bodyMentions: fc.subarray(quiet ? ['response_type'] : ['redirect_uri', 'response_type']),
      bodyDigest: fc.option(fc.constantFrom(...DIGESTS), { nil: undefined }),
    })
    .map(({ status, path, error, errorDescription, bodyCodes, bodyMentions, bodyDigest }) => {
      const hop: HopSpec = { status, bodyCodes, bodyMentions };
      if (status >= 300 && status < 400) hop.location = `${IDP}${path}${error ? `?error=${error}` : ''}`;
      if (error) hop.error = error;
      if (error && errorDescription) hop.errorDescription = errorDescription;
      if (bodyDigest) hop.bodyDigest = bodyDigest;
      return hop;
    });
}

/**
 * A chain of arbitrary hops that stays on the IdP, ends on another host, or ends back at the
 * `redirect_uri` sent (with an `error` or a code) when `toSent` is drawn.
 */
function hopsArb(quiet: boolean, mayRedirect: boolean): fc.Arbitrary<Answer> {
  const ending = fc.constantFrom<'end' | 'left-idp' | 'to-sent'>(...(mayRedirect ? (['end', 'left-idp', 'to-sent'] as const) : (['end', 'left-idp'] as const)));
  const sentError = fc.option(fc.constantFrom(...(quiet ? QUIET_CODES : ALL_CODES)), { nil: undefined });
  return fc.tuple(fc.array(hopArb(quiet), { minLength: 1, maxLength: 3 }), ending, sentError).map(([hops, end, error]) => {
    // Every hop after the first is where the previous one pointed.
    const onIdp = hops.map((h, i) => (i > 0 && hops[i - 1]?.location ? { ...h, url: hops[i - 1]?.location?.split('?')[0] } : h));
    const last = onIdp[onIdp.length - 1];
    const stillRedirecting = last?.location !== undefined;
    const label = `hops ${JSON.stringify(onIdp)} ${end}${end === 'to-sent' ? ` error=${error ?? '-'}` : ''}`;
    if (end === 'left-idp') {
      const spec = { hops: [...onIdp, { status: 302, location: 'https://login.other.example/sso' }], stop: 'left-idp' as const };
      return answer(label, () => spec);
    }
    if (end === 'to-sent') {
      return answer(
        label,
        (uri) => ({ hops: [...onIdp, { status: 302, location: `${uri}?${error ? `error=${error}` : 'code=abc'}&state=s`, ...(error ? { error } : {}) }], stop: 'left-idp' }),
        true,
      );
    }
    const spec = { hops: onIdp, stop: stillRedirecting ? ('hop-limit' as const) : ('end' as const) };
    return answer(label, () => spec);
  });
}

const auth0 = c.onIdpError('unauthorized_client', 'Callback URL mismatch.');
/** Named answers real IdPs give; `names` marks those that name the redirect URI. */
const NAMED: { answer: Answer; names: boolean }[] = [
  { answer: answer('interaction', c.interaction), names: false },
  { answer: answer('entraPage', c.entraPage), names: false },
  { answer: answer('jsLoginPage', c.jsLoginPage), names: false },
  { answer: answer('googlePage()', c.googlePage()), names: false },
  { answer: answer('googlePage(access_denied)', c.googlePage(['access_denied'])), names: false },
  { answer: answer('empty(403)', c.empty(403)), names: false },
  { answer: answer('empty(400)', c.empty(400)), names: false },
  { answer: answer('status(403)', c.status(403)), names: false },
  { answer: answer('status(401)', c.status(401)), names: false },
  { answer: answer('status(429)', c.status(429)), names: false },
  { answer: answer('status(503)', c.status(503)), names: false },
  { answer: answer('jsonError(access_denied)', c.jsonError('access_denied')), names: false },
  { answer: answer('jsonError(invalid_request)', c.jsonError('invalid_request')), names: false },
  { answer: answer('jsonError(unauthorized_client)', c.jsonError('unauthorized_client')), names: false },
  { answer: answer('jsonError(invalid_scope)', c.jsonError('invalid_scope')), names: false },
  { answer: answer('onIdpError(access_denied)', c.onIdpError('access_denied')), names: false },
  { answer: answer('failure', c.failure()), names: false },
  { answer: answer('offIdp', () => ({ hops: [{ status: 302, location: 'https://login.live.com/oauth20' }], stop: 'left-idp' })), names: false },
  { answer: answer('toRedirectUri()', c.toRedirectUri(), true), names: false },
  { answer: answer('toRedirectUri(access_denied)', c.toRedirectUri('access_denied'), true), names: false },
  { answer: answer('toRedirectUri(login_required)', c.toRedirectUri('login_required'), true), names: false },
  { answer: answer('invalidRedirectUri', c.invalidRedirectUri), names: true },
  { answer: answer('googlePage(redirect_uri_mismatch)', c.googlePage(['redirect_uri_mismatch'])), names: true },
  { answer: answer('onIdpError(redirect_mismatch)', c.onIdpError('redirect_mismatch')), names: true },
  { answer: answer('auth0 Callback URL mismatch', auth0), names: true },
  { answer: answer('toRedirectUri(redirect_uri_mismatch)', c.toRedirectUri('redirect_uri_mismatch'), true), names: true },
];

/** Any answer: mostly the shapes real IdPs give, so that verdicts other than inconclusive come up often. */
const anyAnswer: fc.Arbitrary<Answer> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NAMED.map((n) => n.answer)) },
  { weight: 2, arbitrary: hopsArb(false, true) },
);
/** Answers that never name the redirect URI. */
const quietAnswer: fc.Arbitrary<Answer> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NAMED.filter((n) => !n.names).map((n) => n.answer)) },
  { weight: 2, arbitrary: hopsArb(true, true) },
);
/** Answers that never send a request back to the `redirect_uri` it carried. */
const nonRedirecting: fc.Arbitrary<Answer> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NAMED.filter((n) => !n.answer.redirects).map((n) => n.answer)) },
  { weight: 2, arbitrary: hopsArb(false, false) },
);

/** Whether a recorded answer names the redirect URI: a redirect-URI code, a description or prose naming it. */
function namesRedirectUri(probe: CandidateProbe): boolean {
  return probe.hops.some(
    (h) =>
      REDIRECT_CODES.has(h.error ?? '') ||
      h.bodyCodes.some((code) => REDIRECT_CODES.has(code)) ||
      h.bodyMentions.includes('redirect_uri') ||
      /redirect|callback/i.test(h.errorDescription ?? ''),
  );
}

function once(callback: Chain, control: Chain, role: CallbackRole): CallbackProbes {
  return { callback: candidate(role, callback), controls: [candidate(`${role}-control`, control, { sample: 1 })] };
}

const RUNS = { numRuns: 1000 };

describe('judgeCallback, property-based', () => {
  it('never accepts a callback that got exactly what its control got (one chain for the callback and every control sample)', () => {
    // With the same chain the callback and its control are treated alike, whatever that chain is
    // (a redirect to the URI sent included): nothing told them apart. Peers and prompt=none are left
    // out; they bring evidence of their own.
    fc.assert(
      fc.property(anyAnswer, fc.constantFrom(...CALLBACK_ROLES), fc.boolean(), (x, role, twice) => {
        const set = twice ? pair(x.chain, x.chain, role) : once(x.chain, x.chain, role);
        expect(judgeCallback(set).verdict).not.toBe('accepted');
      }),
      RUNS,
    );
  });

  it('never accepts a callback whose control answered differently before and after it, when nothing names the redirect URI', () => {
    // Rule (c) needs the same refusal twice; rules (b) and (e) need a control that names the redirect
    // URI, excluded here; (a) needs a redirect to the callback, excluded by precondition. Peers and
    // prompt=none are left out: they are evidence of their own, not of this control.
    fc.assert(
      fc.property(anyAnswer, quietAnswer, quietAnswer, fc.constantFrom(...CALLBACK_ROLES), (cb, before, after, role) => {
        const set = pair(cb.chain, before.chain, role, after.chain);
        fc.pre(classifyChain(set.callback).redirect === undefined);
        fc.pre(answerKey(set.controls[0] as CandidateProbe) !== answerKey(set.controls[1] as CandidateProbe));
        expect(set.controls.some(namesRedirectUri)).toBe(false);
        expect(judgeCallback(set).verdict).not.toBe('accepted');
      }),
      RUNS,
    );
  });
});

/** The probe's requests of the hosted callbacks, as a scenario; `swap` exchanges each control's two samples. */
interface HostedAnswers {
  callback: Record<'claude-ai' | 'claude-com', Answer>;
  before: Record<'claude-ai' | 'claude-com', Answer>;
  after: Record<'claude-ai' | 'claude-com', Answer>;
  silent?: { callback: Record<'claude-ai' | 'claude-com', Answer>; control: Record<'claude-ai' | 'claude-com', Answer> };
}

const perHosted = fc.record({ 'claude-ai': anyAnswer, 'claude-com': anyAnswer });
const hostedAnswers: fc.Arbitrary<HostedAnswers> = fc.record(
  {
    callback: perHosted,
    before: perHosted,
    after: perHosted,
    silent: fc.record({ callback: perHosted, control: perHosted }),
  },
  { requiredKeys: ['callback', 'before', 'after'] },
);

/** A named answer, for the examples every run checks. */
function named(label: string): Answer {
  const found = NAMED.find((n) => n.answer.label === label);
  if (!found) throw new Error(`no named answer ${label}`);
  return found.answer;
}

/**
 * Checked on every run, before the random ones: claude.com went to another host, its control first
 * to a page then answered `temporarily_unavailable`; claude.ai was sent back to itself.
 */
const ORDER_EXAMPLES: [HostedAnswers][] = [
  [
    {
      callback: { 'claude-ai': named('toRedirectUri()'), 'claude-com': named('offIdp') },
      before: { 'claude-ai': named('interaction'), 'claude-com': named('interaction') },
      after: {
        'claude-ai': named('interaction'),
        'claude-com': answer('200 temporarily_unavailable', () => ({ hops: [{ status: 200, error: 'temporarily_unavailable' }] })),
      },
    },
  ],
];

function hostedScenario(a: HostedAnswers, swap: boolean): Scenario {
  const first = swap ? a.after : a.before;
  const second = swap ? a.before : a.after;
  return {
    'claude-ai': a.callback['claude-ai'].chain,
    'claude-com': a.callback['claude-com'].chain,
    'claude-ai-control': first['claude-ai'].chain,
    'claude-com-control': first['claude-com'].chain,
    after: { 'claude-ai-control': second['claude-ai'].chain, 'claude-com-control': second['claude-com'].chain },
    ...(a.silent
      ? {
          silent: {
            'claude-ai': a.silent.callback['claude-ai'].chain,
            'claude-com': a.silent.callback['claude-com'].chain,
            'claude-ai-control': a.silent.control['claude-ai'].chain,
            'claude-com-control': a.silent.control['claude-com'].chain,
          },
        }
      : {}),
  };
}

/** A role's verdict; a role the facts do not hold fails the property rather than pass it vacuously. */
function verdictOf(facts: RedirectProbeFacts, role: CallbackRole): CallbackVerdict {
  const judgement = judgeRole(facts, role);
  expect(judgement, role).toBeDefined();
  return (judgement as NonNullable<typeof judgement>).verdict;
}

describe('judgeRole, property-based', () => {
  it('never turns an inconclusive callback into an accepted one when the control samples are swapped', () => {
    fc.assert(
      fc.property(hostedAnswers, (answers) => {
        const sent = redirectFacts(hostedScenario(answers, false));
        const swapped = redirectFacts(hostedScenario(answers, true));
        for (const role of HOSTED) {
          const verdicts = [verdictOf(sent, role), verdictOf(swapped, role)];
          // Swapping is its own inverse, so both directions are one property.
          expect(verdicts).not.toEqual(['inconclusive', 'accepted']);
          expect(verdicts).not.toEqual(['accepted', 'inconclusive']);
        }
      }),
      { ...RUNS, examples: ORDER_EXAMPLES },
    );
  });

  it('gives every callback the same verdict whichever control sample came first (order never decides)', () => {
    fc.assert(
      fc.property(hostedAnswers, (answers) => {
        const sent = redirectFacts(hostedScenario(answers, false));
        const swapped = redirectFacts(hostedScenario(answers, true));
        for (const role of HOSTED) expect(verdictOf(swapped, role)).toBe(verdictOf(sent, role));
      }),
      { ...RUNS, examples: ORDER_EXAMPLES },
    );
  });

  it('never accepts any callback when one non-redirecting answer hits every request of every role alike', () => {
    fc.assert(
      fc.property(nonRedirecting, (block) => {
        const scenario: Scenario = {
          ...Object.fromEntries(ROLES.map((role) => [role, block.chain])),
          after: Object.fromEntries(ROLES.filter((r) => r.endsWith('-control')).map((role) => [role, block.chain])),
          silent: Object.fromEntries(HOSTED.flatMap((role): [CandidateRole, Chain][] => [[role, block.chain], [`${role}-control`, block.chain]])),
        };
        const facts = redirectFacts(scenario);
        for (const role of CALLBACK_ROLES) expect(verdictOf(facts, role)).not.toBe('accepted');
      }),
      RUNS,
    );
  });
});
