/**
 * Factories for the recorded facts of the callback and registration probes: authorization-request
 * hop chains in the shapes real IdPs produce, so tests can state a scenario in one line.
 */
import type { CallbackRole } from '../../../src/lint/judgement/callbacks.js';
import { CLAUDE_AI_CALLBACK, CLAUDE_COM_CALLBACK } from '../../../src/lint/judgement/claude.js';
import type { CallbackProbes } from '../../../src/lint/judgement/redirect-judgement.js';
import type {
  CandidateProbe,
  CandidateRole,
  Hop,
  HttpFailureCause,
  JsonObject,
  ProbeState,
  ProbeStates,
  RedirectProbeFacts,
  RegistrationFacts,
} from '../../../src/lint/types.js';
import { asFacts, statesFor } from './rule-tester.js';

export const IDP = 'https://idp.example.com';
export const AUTHZ = `${IDP}/authorize`;
export const CLIENT_ID = 'client-123';
/** The unregistered siblings of the two callbacks, each on its callback's host, as the probe makes them. */
export const AI_CONTROL_URI = `${CLAUDE_AI_CALLBACK}-connector-lint-0a1b2c3d`;
export const COM_CONTROL_URI = `${CLAUDE_COM_CALLBACK}-connector-lint-4e5f6a7b`;

/** Claude Code's loopback callbacks with the ports a probe might have chosen, and their controls. */
export const LOCALHOST_URI = 'http://localhost:51234/callback';
export const LOOPBACK_127_URI = 'http://127.0.0.1:61234/callback';

export const URI_OF: Record<CandidateRole, string | undefined> = {
  'claude-ai': CLAUDE_AI_CALLBACK,
  'claude-com': CLAUDE_COM_CALLBACK,
  'claude-ai-control': AI_CONTROL_URI,
  'claude-com-control': COM_CONTROL_URI,
  'loopback-localhost': LOCALHOST_URI,
  'loopback-localhost-control': `${LOCALHOST_URI}-connector-lint-8c9d0e1f`,
  'loopback-127': LOOPBACK_127_URI,
  'loopback-127-control': `${LOOPBACK_127_URI}-connector-lint-2a3b4c5d`,
  'client-default': undefined,
};

/** Every role, in the order the probe sends them. */
export const ROLES: CandidateRole[] = [
  'claude-ai-control',
  'claude-com-control',
  'loopback-localhost-control',
  'loopback-127-control',
  'claude-ai',
  'claude-com',
  'loopback-localhost',
  'loopback-127',
  'client-default',
];

/** A valid metadata document for the IdP the chains talk to. */
export const IDP_METADATA: JsonObject = {
  issuer: IDP,
  authorization_endpoint: AUTHZ,
  token_endpoint: `${IDP}/token`,
  registration_endpoint: `${IDP}/reg`,
  response_types_supported: ['code'],
  grant_types_supported: ['authorization_code', 'refresh_token'],
  code_challenge_methods_supported: ['S256'],
};

export type HopSpec = Omit<Hop, 'exchangeId' | 'url' | 'bodyCodes' | 'bodyMentions'> & Partial<Pick<Hop, 'url' | 'bodyCodes' | 'bodyMentions'>>;
export interface ChainSpec {
  hops: HopSpec[];
  stop?: CandidateProbe['stop'];
}
/** How the IdP answers an authorization request with the given redirect_uri. */
export type Chain = (redirectUri: string | undefined) => ChainSpec;

export function authorizeUrl(redirectUri: string | undefined): string {
  const uri = redirectUri ? `&redirect_uri=${encodeURIComponent(redirectUri)}` : '';
  return `${AUTHZ}?response_type=code&client_id=${CLIENT_ID}${uri}&code_challenge_method=S256`;
}

/** The `bodyDigest` of an empty body. */
export const EMPTY_BODY_DIGEST = 'e3b0c44298fc1c14';

/** Named chains; each mirrors what one kind of IdP answers. */
export const chains = {
  /** oidc-provider, registered: 303 to its interaction page, then the login page. */
  interaction: (): ChainSpec => ({
    hops: [{ status: 303, location: `${IDP}/interaction/uid-1` }, { url: `${IDP}/interaction/uid-1`, status: 200, contentType: 'text/html' }],
  }),
  /** oidc-provider, unregistered: a 400 error page naming `invalid_redirect_uri`. */
  invalidRedirectUri: (): ChainSpec => ({
    hops: [{ status: 400, contentType: 'text/html', bodyCodes: ['invalid_redirect_uri'], bodyMentions: ['redirect_uri'] }],
  }),
  /** Google: a redirect to a 200 page on the IdP that may name codes (`redirect_uri_mismatch`). */
  googlePage:
    (bodyCodes: string[] = []): Chain =>
    () => ({
      hops: [
        { status: 302, location: `${IDP}/signin/page` },
        { url: `${IDP}/signin/page`, status: 200, contentType: 'text/html', bodyCodes },
      ],
    }),
  /** Entra: the sign-in page, whatever the redirect_uri; redirect URIs are checked after sign-in. */
  entraPage: (): ChainSpec => ({ hops: [{ status: 200, contentType: 'text/html' }] }),
  /**
   * The IdP redirects to the redirect_uri itself (with a code, or with `error=`), with the RFC 9207
   * `iss` when given.
   */
  toRedirectUri:
    (error?: string, iss?: string): Chain =>
    (uri) => ({
      hops: [
        {
          status: 302,
          location: `${uri}?${error ? `error=${error}` : 'code=abc'}&state=s${iss ? `&iss=${encodeURIComponent(iss)}` : ''}`,
          ...(error ? { error } : {}),
          ...(iss ? { iss } : {}),
        },
      ],
      stop: 'left-idp',
    }),
  /**
   * An error redirect that stays on the IdP (Cognito: `/error?error=redirect_mismatch`), to an error
   * page whose prose may name parameters (`pageMentions`).
   */
  onIdpError:
    (error: string, errorDescription?: string, pageMentions: string[] = []): Chain =>
    () => ({
      hops: [
        { status: 302, location: `${IDP}/error?error=${error}`, error, ...(errorDescription ? { errorDescription } : {}) },
        { url: `${IDP}/error?error=${error}`, status: 200, contentType: 'text/html', bodyMentions: pageMentions },
      ],
    }),
  /** A bare HTTP status without OAuth error (429, 503, 403...). */
  status:
    (status: number): Chain =>
    () => ({ hops: [{ status, contentType: 'text/html' }] }),
  /** A JSON OAuth error, as in `{"error": "unauthorized_client"}`. */
  jsonError:
    (error: string, status = 400, bodyMentions: string[] = [], errorDescription?: string): Chain =>
    () => ({
      hops: [{ status, contentType: 'application/json', error, bodyCodes: [error], bodyMentions, ...(errorDescription ? { errorDescription } : {}) }],
    }),
  /**
   * A bare status with an empty body (a gateway, WAF or IdP that refuses without an OAuth error):
   * every such answer has the digest of the empty body.
   */
  empty:
    (status: number): Chain =>
    () => ({ hops: [{ status, bodyDigest: EMPTY_BODY_DIGEST }] }),
  /** A login page rendered by JavaScript: 200, a fixed HTML shell, no codes, no prose. */
  jsLoginPage: (): ChainSpec => ({ hops: [{ status: 200, contentType: 'text/html', bodyDigest: 'spa-shell-digest' }] }),
  /** No HTTP answer. */
  failure:
    (cause: HttpFailureCause = 'timeout'): Chain =>
    () => ({ hops: [{ failure: { cause, detail: `${cause} after 10000 ms` } }], stop: 'failed' }),
} satisfies Record<string, Chain | ((...args: never[]) => Chain)>;

/** How a candidate was sent: its control sample, or the OIDC `prompt=none` variant. */
export interface CandidateVariant {
  sample?: 1 | 2;
  prompt?: 'none';
}

/**
 * One candidate probe: the role's redirect_uri, the chain's hops numbered `<role>-<n>` (with
 * `-after` for a control's second sample and `-silent` for a `prompt=none` request).
 */
export function candidate(role: CandidateRole, chain: Chain, variant: CandidateVariant = {}): CandidateProbe {
  const redirectUri = URI_OF[role];
  const spec = chain(redirectUri);
  const suffix = `${variant.sample === 2 ? '-after' : ''}${variant.prompt ? '-silent' : ''}`;
  const hops: Hop[] = spec.hops.map((h, i) => ({
    exchangeId: `${role}${suffix}-${i + 1}`,
    url: authorizeUrl(redirectUri),
    bodyCodes: [],
    bodyMentions: [],
    ...h,
  }));
  return { role, ...variant, ...(redirectUri ? { redirectUri } : {}), hops, stop: spec.stop ?? 'end' };
}

/**
 * What the IdP answers each role. Controls are sampled twice (before and after the callbacks) with
 * the same chain unless `after` gives the second answer; `silent` gives the answers to the
 * `prompt=none` requests of the roles it names.
 */
export type Scenario = Partial<Record<CandidateRole, Chain>> & {
  after?: Partial<Record<CandidateRole, Chain>>;
  silent?: Partial<Record<CandidateRole, Chain>>;
};

function candidatesOf(scenario: Scenario): CandidateProbe[] {
  const isControl = (role: CandidateRole) => role.endsWith('-control');
  const sent = (role: CandidateRole): CandidateProbe[] => {
    const chain = scenario[role];
    if (!chain) return [];
    if (!isControl(role)) return [candidate(role, chain)];
    return [candidate(role, chain, { sample: 1 }), candidate(role, scenario.after?.[role] ?? chain, { sample: 2 })];
  };
  const silent = ROLES.flatMap((role) => {
    const chain = scenario.silent?.[role];
    if (!chain) return [];
    if (!isControl(role)) return [candidate(role, chain, { prompt: 'none' })];
    return [candidate(role, chain, { prompt: 'none', sample: 1 }), candidate(role, chain, { prompt: 'none', sample: 2 })];
  });
  return [...ROLES.flatMap(sent), ...silent];
}

/** Callback-probe facts; roles left out of the scenario are not part of the probe. */
export function redirectFacts(scenario: Scenario, overrides: Partial<RedirectProbeFacts> = {}): RedirectProbeFacts {
  return {
    clientId: CLIENT_ID,
    clientSource: 'flag',
    authorizationEndpoint: AUTHZ,
    idpHosts: ['idp.example.com'],
    candidates: candidatesOf(scenario),
    ...overrides,
  };
}

/** The same chain for both Claude callbacks, another for both controls, and the client default. */
export function scenario(callbacks: Chain, control: Chain, clientDefault: Chain = chains.interaction): Scenario {
  return perHost([callbacks, control], [callbacks, control], clientDefault);
}

/** Each callback with its own control: `[callback, control]` on claude.ai, then on claude.com. */
export function perHost(ai: [Chain, Chain], com: [Chain, Chain], clientDefault: Chain = chains.interaction): Scenario {
  return { 'claude-ai': ai[0], 'claude-ai-control': ai[1], 'claude-com': com[0], 'claude-com-control': com[1], 'client-default': clientDefault };
}

/**
 * One callback and its control, as `judgeCallback` takes them: the control sampled before and after
 * the callback (with `after` as the second answer when given).
 */
export function pair(callback: Chain, control: Chain, role: CallbackRole = 'claude-ai', after: Chain = control): CallbackProbes {
  return {
    callback: candidate(role, callback),
    controls: [candidate(`${role}-control`, control, { sample: 1 }), candidate(`${role}-control`, after, { sample: 2 })],
  };
}

/**
 * The OIDC `prompt=none` requests added to a pair: with the callback, and (when given) with its
 * control, sampled before and after as the probe does (`after` for a second answer).
 */
export function withSilent(set: CallbackProbes, callback: Chain, control?: Chain, after: Chain | undefined = control): CallbackProbes {
  const role = set.callback.role as CallbackRole;
  const silentControl = (chain: Chain, sample: 1 | 2) => candidate(`${role}-control`, chain, { prompt: 'none', sample });
  return {
    ...set,
    silent: {
      callback: candidate(role, callback, { prompt: 'none' }),
      controls: control && after ? [silentControl(control, 1), silentControl(after, 2)] : [],
    },
  };
}

/** What else the callback-probe states hold: the probe with Claude's CIMD client, when it ran. */
export interface RedirectStatesOptions {
  /** The `cimd` probe's facts (`ok`), or its state when it did not run or failed. */
  cimd?: RedirectProbeFacts | ProbeState<RedirectProbeFacts>;
}

/** Probe states where discovery and the callback probe both produced facts. */
export function redirectStates(facts: RedirectProbeFacts, metadata: JsonObject = IDP_METADATA, options: RedirectStatesOptions = {}): ProbeStates {
  const cimd = options.cimd && ('status' in options.cimd ? options.cimd : { status: 'ok' as const, value: options.cimd });
  return statesFor(asFacts(metadata), { redirectUris: { status: 'ok', value: facts }, ...(cimd ? { cimd } : {}) });
}

/** Probe states where only the probe with Claude's CIMD client ran (no `--client-id`, no `--register`). */
export function cimdStates(facts: RedirectProbeFacts | ProbeState<RedirectProbeFacts>, metadata: JsonObject = IDP_METADATA): ProbeStates {
  const cimd = 'status' in facts ? facts : { status: 'ok' as const, value: facts };
  return statesFor(asFacts(metadata), { cimd });
}

/** Facts of a registration that went well: 201, both callbacks kept, public client, deleted. */
export function registrationFacts(overrides: Partial<RegistrationFacts> = {}): RegistrationFacts {
  return {
    endpoint: `${IDP}/reg`,
    requested: {},
    exchangeId: 'reg-1',
    status: 201,
    contentType: 'application/json',
    durationMs: 120,
    response: {
      client_id: 'dyn-1',
      redirect_uris: [CLAUDE_AI_CALLBACK, CLAUDE_COM_CALLBACK],
      token_endpoint_auth_method: 'none',
    },
    clientId: 'dyn-1',
    cleanup: { status: 'deleted', httpStatus: 204 },
    ...overrides,
  };
}

export function registrationStates(facts: RegistrationFacts, metadata: JsonObject = IDP_METADATA): ProbeStates {
  return statesFor(asFacts(metadata), { registration: { status: 'ok', value: facts } });
}
