/**
 * Factories for the recorded facts of the callback and registration probes: authorization-request
 * hop chains in the shapes real IdPs produce, so tests can state a scenario in one line.
 */
import type { CallbackRole } from '../../src/lint/judgement/callbacks.js';
import { CLAUDE_AI_CALLBACK, CLAUDE_COM_CALLBACK } from '../../src/lint/judgement/claude.js';
import type { ProbePair } from '../../src/lint/judgement/redirect-judgement.js';
import type {
  CandidateProbe,
  CandidateRole,
  Hop,
  HttpFailureCause,
  JsonObject,
  ProbeStates,
  RedirectProbeFacts,
  RegistrationFacts,
} from '../../src/lint/types.js';
import { asFacts, statesFor } from './rule-tester.js';

export const IDP = 'https://idp.example.com';
export const AUTHZ = `${IDP}/authorize`;
export const CLIENT_ID = 'client-123';
/** The unregistered siblings of the two callbacks, each on its callback's host, as the probe makes them. */
export const AI_CONTROL_URI = `${CLAUDE_AI_CALLBACK}-connector-lint-0a1b2c3d`;
export const COM_CONTROL_URI = `${CLAUDE_COM_CALLBACK}-connector-lint-4e5f6a7b`;

export const URI_OF: Record<CandidateRole, string | undefined> = {
  'claude-ai': CLAUDE_AI_CALLBACK,
  'claude-com': CLAUDE_COM_CALLBACK,
  'claude-ai-control': AI_CONTROL_URI,
  'claude-com-control': COM_CONTROL_URI,
  'client-default': undefined,
};

/** Every role, in the order the probe sends them. */
export const ROLES: CandidateRole[] = ['claude-ai', 'claude-com', 'claude-ai-control', 'claude-com-control', 'client-default'];

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
  /** The IdP redirects to the redirect_uri itself (with a code, or with `error=`). */
  toRedirectUri:
    (error?: string): Chain =>
    (uri) => ({
      hops: [{ status: 302, location: `${uri}?${error ? `error=${error}` : 'code=abc'}&state=s`, ...(error ? { error } : {}) }],
      stop: 'left-idp',
    }),
  /** An error redirect that stays on the IdP (Cognito: `/error?error=redirect_mismatch`). */
  onIdpError:
    (error: string, errorDescription?: string): Chain =>
    () => ({
      hops: [
        { status: 302, location: `${IDP}/error?error=${error}`, error, ...(errorDescription ? { errorDescription } : {}) },
        { url: `${IDP}/error?error=${error}`, status: 200, contentType: 'text/html' },
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
  /** No HTTP answer. */
  failure:
    (cause: HttpFailureCause = 'timeout'): Chain =>
    () => ({ hops: [{ failure: { cause, detail: `${cause} after 10000 ms` } }], stop: 'failed' }),
} satisfies Record<string, Chain | ((...args: never[]) => Chain)>;

/** One candidate probe: the role's redirect_uri, the chain's hops numbered `<role>-<n>`. */
export function candidate(role: CandidateRole, chain: Chain): CandidateProbe {
  const redirectUri = URI_OF[role];
  const spec = chain(redirectUri);
  const hops: Hop[] = spec.hops.map((h, i) => ({
    exchangeId: `${role}-${i + 1}`,
    url: authorizeUrl(redirectUri),
    bodyCodes: [],
    bodyMentions: [],
    ...h,
  }));
  return { role, ...(redirectUri ? { redirectUri } : {}), hops, stop: spec.stop ?? 'end' };
}

export type Scenario = Partial<Record<CandidateRole, Chain>>;

/** Callback-probe facts; roles left out of the scenario are not part of the probe. */
export function redirectFacts(scenario: Scenario, overrides: Partial<RedirectProbeFacts> = {}): RedirectProbeFacts {
  return {
    clientId: CLIENT_ID,
    clientSource: 'flag',
    authorizationEndpoint: AUTHZ,
    idpHosts: ['idp.example.com'],
    candidates: ROLES.flatMap((role) => (scenario[role] ? [candidate(role, scenario[role])] : [])),
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

/** One callback and its control, as `judgeCallback` takes them. */
export function pair(callback: Chain, control: Chain, role: CallbackRole = 'claude-ai'): ProbePair {
  return { callback: candidate(role, callback), control: candidate(`${role}-control`, control) };
}

/** Probe states where discovery and the callback probe both produced facts. */
export function redirectStates(facts: RedirectProbeFacts, metadata: JsonObject = IDP_METADATA): ProbeStates {
  return statesFor(asFacts(metadata), { redirectUris: { status: 'ok', value: facts } });
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
