import type { Challenge } from './protocol/www-authenticate.js';

/** How bad a finding is: `error` means Claude's flow (or a MUST of the spec) will fail. */
export type Severity = 'error' | 'warning' | 'info';

/** What a rule is about: the MCP server, the identity provider, or the linter's own input. */
export type Subject = 'mcp' | 'idp' | 'config';

export type RuleStatus = 'passed' | 'failed' | 'skipped' | 'inconclusive' | 'off';

export type CallbackVerdict = 'accepted' | 'rejected' | 'inconclusive' | 'not-probed';

/** Why a request produced no HTTP answer. */
export type HttpFailureCause =
  | 'dns'
  | 'refused'
  | 'tls'
  | 'timeout'
  | 'reset'
  | 'too-large'
  | 'redirect-loop'
  | 'bad-redirect'
  | 'network';

export interface HttpFailure {
  cause: HttpFailureCause;
  /** One line, sanitised, secrets redacted. */
  detail: string;
}

/** A redacted summary of one HTTP request and its answer; findings cite them by id. */
export interface Exchange {
  id: string;
  probe: ProbeId;
  method: string;
  url: string;
  status?: number;
  location?: string;
  contentType?: string;
  bytes?: number;
  durationMs: number;
  failure?: HttpFailure;
}

export type JsonObject = Record<string, unknown>;

/** One metadata URL tried during discovery. */
export interface DiscoveryAttempt {
  url: string;
  /** RFC 8414 (`oauth`), OpenID Connect Discovery (`oidc`) or RFC 9728 protected resource (`prm`). */
  kind: 'oauth' | 'oidc' | 'prm';
  exchangeIds: string[];
  status?: number;
  contentType?: string;
  durationMs: number;
  failure?: HttpFailure;
}

/** Why no usable metadata document came back. */
export type DiscoveryProblem =
  | { cause: 'unreachable'; failure: HttpFailure; url: string }
  | { cause: 'not-found'; statuses: number[] }
  | { cause: 'server-error'; status: number; url: string }
  | { cause: 'not-json'; url: string; contentType: string; status: number }
  | { cause: 'not-object'; url: string; found: string }
  | { cause: 'unreadable-file'; path: string; detail: string };

/** Facts of the `authorizationServer` probe. */
export interface AuthorizationServerFacts {
  source: 'network' | 'file';
  /** The issuer asked for: `--issuer`, or `authorization_servers[0]` of the protected-resource metadata. */
  requestedIssuer?: string;
  /** Set when the issuer came from the protected-resource metadata (prm-issuer-identity then owns the comparison). */
  issuerFromPrm?: boolean;
  attempts: DiscoveryAttempt[];
  /** The URL (or file path) whose document was used. */
  documentUrl: string;
  documentKind?: 'oauth' | 'oidc';
  contentType?: string;
  durationMs?: number;
  metadata: JsonObject;
}

/** What one hop of an authorization-request chain showed. */
export interface Hop {
  exchangeId: string;
  url: string;
  status?: number;
  location?: string;
  contentType?: string;
  /** `error` from a JSON body or from the `Location` query. */
  error?: string;
  errorDescription?: string;
  /** OAuth error codes that appear in the body text (any format). */
  bodyCodes: string[];
  /** Request parameters the body text names (e.g. `redirect_uri`). */
  bodyMentions: string[];
  /**
   * A digest of the body with what differs per request masked (the values the probe sent, long
   * ids, numbers): two hops with the same digest gave the same answer.
   */
  bodyDigest?: string;
  /** The RFC 9207 `iss` of a redirect's `Location`, when it has one. */
  iss?: string;
  failure?: HttpFailure;
}

/**
 * The callbacks Claude signs in through: the hosted apps' two, and Claude Code's RFC 8252 loopback
 * redirects on `localhost` and `127.0.0.1`.
 */
export type CallbackRole = 'claude-ai' | 'claude-com' | 'loopback-localhost' | 'loopback-127';

/** Each Claude callback has a control: an unregistered sibling URI on the same host. */
export type CandidateRole = CallbackRole | `${CallbackRole}-control` | 'client-default';

/** One authorization request and the chain of answers it got, as far as it was followed. */
export interface CandidateProbe {
  role: CandidateRole;
  /**
   * Controls are sent before their callback (`1`) and, when that first answer does not settle it,
   * again after (`2`): a verdict never rests on the order requests reached the IdP.
   */
  sample?: 1 | 2;
  /** `none` for the OpenID Connect silent request, which a provider answers by redirecting to a registered URI. */
  prompt?: 'none';
  /** Absent for the `client-default` probe, which omits `redirect_uri`. */
  redirectUri?: string;
  hops: Hop[];
  /** Why following stopped: the hop limit, a redirect off the IdP's hosts, or the end of the chain. */
  stop: 'end' | 'hop-limit' | 'left-idp' | 'failed';
}

/**
 * Where the probed client came from: `--client-id`, a `--register` registration, or the URL of
 * Claude's hosted Client ID Metadata Document (CIMD).
 */
export type ClientSource = 'flag' | 'registration' | 'cimd';

/** Facts of the authorization-request probe for one client. */
export interface RedirectProbeFacts {
  clientId: string;
  clientSource: ClientSource;
  authorizationEndpoint: string;
  idpHosts: string[];
  scope?: string;
  /** The RFC 8707 `resource` sent, when one was given (`--resource`). */
  resource?: string;
  candidates: CandidateProbe[];
}

/** Facts of the `registration` probe (`--register`). */
export interface RegistrationFacts {
  endpoint: string;
  requested: JsonObject;
  exchangeId: string;
  status?: number;
  contentType?: string;
  durationMs: number;
  failure?: HttpFailure;
  /** The response body when it was a JSON object, secrets redacted. */
  response?: JsonObject;
  clientId?: string;
  /** The authorization requests sent with the new client. */
  authorization?: RedirectProbeFacts;
  cleanup: { status: 'deleted' | 'failed' | 'not-offered'; httpStatus?: number; detail?: string };
}

/** How a connector authenticates its users: the three templates of create-connector. */
export type AuthMode = 'none' | 'shared' | 'oauth';

/** The JSON-RPC message an MCP POST answered with, read from JSON or from an SSE stream. */
export interface RpcReply {
  kind: 'json' | 'sse' | 'empty' | 'other';
  /** The response to the request's id, when one came back. */
  message?: { result?: JsonObject; error?: { code?: number; message?: string; data?: unknown } };
  /** The SSE stream was cut short (size or time), or the JSON did not parse. */
  problem?: string;
}

/** One HTTP request to the MCP endpoint and what it showed. */
export interface McpExchange {
  exchangeId: string;
  status?: number;
  contentType?: string;
  /** Absolute `Location` of a redirect. */
  location?: string;
  wwwAuthenticate?: string;
  /** Parsed `WWW-Authenticate`; `null` when the header does not follow RFC 9110. */
  challenges?: Challenge[] | null;
  sessionId?: string;
  reply: RpcReply;
  durationMs: number;
  failure?: HttpFailure;
  /** Edge headers that tell a CDN or WAF answered (`server`, `cf-ray`, `cf-mitigated`). */
  edge: Record<string, string>;
  /**
   * For an answer other than 2xx: the JSON-RPC error its body holds, whatever its content type or
   * id, read as a dual-era client reads it to tell the eras apart.
   */
  rpcError?: { code: number; message?: string; data?: unknown };
  /** For an answer other than 2xx: the start of its body, sanitised and redacted, for diagnoses. */
  bodySnippet?: string;
}

/** A tool as `tools/list` described it, reduced to what the directory checks. */
export interface ToolInfo {
  name: string;
  title?: string;
  annotations?: { title?: string; readOnlyHint?: boolean; destructiveHint?: boolean };
  /** Why the tool's `x-mcp-header` declarations are invalid (2026-07-28 clients then drop the tool). */
  xMcpHeaderProblem?: string;
}

/** One complete `tools/list` read on the 2026-07-28 era: every page, with its caching hints. */
export interface ModernToolsListing {
  exchanges: McpExchange[];
  /** `ttlMs` and `cacheScope` of each page, as sent (any JSON type). */
  pages: { ttlMs?: unknown; cacheScope?: unknown }[];
  /** Absent when a page failed; `failed` is then that page's exchange. */
  tools?: ToolInfo[];
  failed?: McpExchange;
}

/** Facts of the `mcpModern` probe: the 2026-07-28 path Claude Code takes first (`server/discover`). */
export interface ModernFacts {
  url: string;
  /** `server/discover` without credentials, exactly as the SDK v2 client in `auto` mode sends it first. */
  discover: McpExchange;
  /** Same-origin 307/308 followed, as for `initialize`. */
  redirects: McpServerFacts['redirects'];
  /** `server/discover` with `CONNECTOR_ACCESS_TOKEN`, sent when the first got 401 and a token is set. */
  authenticated?: McpExchange;
  /** `tools/list` on this era, read twice (the order must not change), when `server/discover` was served. */
  tools?: { first: ModernToolsListing; second?: ModernToolsListing };
}

/** Whether the server serves a protocol era: proven, refused, or not decidable from what it answered. */
export type EraStatus = 'served' | 'not-served' | 'unknown';

/** The verdict on one era. */
export interface EraVerdict {
  status: EraStatus;
  /** The protocol version negotiated on this era. */
  version?: string;
  /** Why, in one line, when the status is not plain `served`. */
  reason?: string;
}

/** Which MCP protocol eras the server serves: `legacy` (2025-11-25, `initialize`) and `modern` (2026-07-28). */
export interface ProtocolEras {
  legacy: EraVerdict;
  modern: EraVerdict;
}

/** Facts of the `mcpServer` probe: the path Claude walks from the URL the user typed. */
export interface McpServerFacts {
  url: string;
  /** The first request, as Claude sends it: `initialize`, no credentials, `User-Agent: Claude-User`. */
  initialize: McpExchange;
  /**
   * Redirects of the first request, in order. Only 307/308 within the origin are followed (as the
   * MCP SDK's client does); the last entry is unfollowed when `followed` is false.
   */
  redirects: { status: number; location: string; crossOrigin: boolean; followed: boolean; exchangeId: string }[];
  /** The same request with the linter's own user agent, sent only when `Claude-User` was blocked. */
  otherAgent?: McpExchange;
  /** `initialize` with a garbage bearer token, sent when the server demanded authorization. */
  invalidToken?: McpExchange;
  /** `initialize` with the signed-in token one byte changed (`--login`): a JWT's claims, or an opaque token's middle. */
  tamperedToken?: McpExchange;
  /**
   * `tools/list` without credentials and without a session, as Claude sends it after `initialize`
   * (`MCP-Protocol-Version: 2025-11-25`), sent when `initialize` got 401: a server that guards only
   * `initialize` lists its tools to anyone. `tools` when it answered with a list.
   */
  toolsListWithoutCredentials?: McpExchange & { tools?: ToolInfo[] };
  /** A session that got through: without credentials (authless) or with `CONNECTOR_ACCESS_TOKEN`. */
  session?: {
    authenticated: boolean;
    initialize: McpExchange;
    toolsList?: McpExchange;
    tools?: ToolInfo[];
  };
  /** `GET` with `Accept: text/event-stream`: an SSE stream, a 405, or a legacy SSE endpoint. */
  stream?: McpExchange & { firstEvent?: string };
  /** What the server's answers show: 401 → oauth; a successful `initialize` → none (or shared). */
  observedMode: 'oauth' | 'none' | 'unknown';
  /**
   * For a URL whose path ends in `/`: `initialize` at the URL without it, the form Claude's connector
   * dialog keeps.
   */
  withoutTrailingSlash?: McpExchange & { url: string };
}

/** Facts of the `protectedResource` probe (RFC 9728). */
export interface ProtectedResourceFacts {
  /** How the document was located: the challenge's `resource_metadata`, or a well-known URL. */
  via: 'resource_metadata' | 'path' | 'root';
  attempts: DiscoveryAttempt[];
  documentUrl: string;
  contentType?: string;
  durationMs: number;
  metadata: JsonObject;
}

/** How a `--login` sign-in ended, when it did not give a token. */
export type LoginFailure =
  /** No client to sign in with: no CIMD support, no `--client-id`, no registration endpoint. */
  | 'no-client'
  /** Registering the login client (RFC 7591) failed. */
  | 'registration'
  /** The IdP redirected back with `error=access_denied`. */
  | 'denied'
  /** The IdP redirected back with another `error`. */
  | 'idp-error'
  | 'timeout'
  | 'state-mismatch'
  | 'iss-mismatch'
  /** The code reached the callback but the token request failed or its answer was invalid. */
  | 'exchange';

/** What a `--login` token showed, read without verifying it (the server's job). No token value is kept. */
export interface TokenFacts {
  format: 'jwt' | 'opaque';
  /** `aud` of a JWT access token, as a list. */
  audience?: string[];
  /** `expires_in` of the token response, in seconds. */
  expiresIn?: number;
  /** `exp` − `iat` of a JWT, in seconds. */
  lifetimeSeconds?: number;
  /** Whether the token response carried a refresh token. */
  refreshToken: boolean;
}

/** The refresh grant tried with the `--login` refresh token. */
export interface RefreshFacts {
  /** `refresh_token` in the IdP's `grant_types_supported` (absent counts as not listed). */
  grantAdvertised: boolean;
  /** `offline_access` in the IdP's `scopes_supported`, and so asked for, as Claude does. */
  offlineAccessRequested: boolean;
  outcome: 'no-refresh-token' | 'refreshed' | 'failed';
  /** The IdP's error or the failure, one line, redacted. */
  detail?: string;
  /** Whether the refresh answer carried a new refresh token. */
  rotated?: boolean;
  /** With `rotated`: whether the old refresh token still worked afterwards. */
  oldStillWorks?: boolean;
  /** `aud` of the refreshed JWT access token, when it differs from the first token's. */
  audience?: string[];
  exchangeIds: string[];
}

/** Facts of the `login` probe (`--login`): a sign-in as Claude Code makes it. */
export interface LoginFacts {
  client: {
    source: ClientSource | 'none';
    /** Absent for `none`. Never a secret. */
    clientId?: string;
    /** For a registered client: whether it was deleted afterwards (RFC 7592). */
    cleanup?: RegistrationFacts['cleanup'];
  };
  /** The RFC 8252 loopback redirect URI, with the port this run listened on. */
  redirectUri?: string;
  /** Set once the browser came back to the redirect URI: the RFC 9207 `iss` it carried, if any. */
  callback?: { iss?: string };
  scope?: string;
  resource?: string;
  outcome: { status: 'completed' } | { status: 'failed'; failure: LoginFailure; detail: string; error?: string };
  token?: TokenFacts;
  refresh?: RefreshFacts;
  /** RFC 7009 revocation of the tokens at the end. */
  revocation?: { status: 'revoked' | 'failed' | 'not-offered'; detail?: string };
  exchangeIds: string[];
}

/** Probe ids, in the order they run. */
export type ProbeId = 'mcpServer' | 'mcpModern' | 'protectedResource' | 'authorizationServer' | 'registration' | 'redirectUris' | 'cimd' | 'login';

export interface ProbeFactsMap {
  mcpServer: McpServerFacts;
  mcpModern: ModernFacts;
  protectedResource: ProtectedResourceFacts;
  authorizationServer: AuthorizationServerFacts;
  registration: RegistrationFacts;
  redirectUris: RedirectProbeFacts;
  /** The callback probe with Claude's own CIMD client id, when the IdP advertises CIMD. */
  cimd: RedirectProbeFacts;
  login: LoginFacts;
}

/**
 * A probe's outcome. `failed` means the fact could not be obtained; `not-run` means the probe did
 * not apply (missing input, offline mode) and says why.
 */
export type ProbeState<T> =
  | { status: 'ok'; value: T }
  | { status: 'failed'; reason: string; partial?: unknown }
  | { status: 'not-run'; reason: string; cause: NotRunCause };

/** Why a probe did not run: input the user can add, offline mode, an earlier probe's failure, or opt-in. */
export type NotRunCause = 'missing-input' | 'offline' | 'dependency' | 'opt-in' | 'not-applicable';

export type ProbeStates = { [K in ProbeId]: ProbeState<ProbeFactsMap[K]> };

/** Where a finding points: a URL (and a JSON pointer into its document) or a file. */
export interface Where {
  url: string;
  pointer?: string;
}

/** One observation against an expectation. Part of the JSON contract. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  subject: Subject;
  message: string;
  data: Record<string, string | number>;
  where?: Where;
  /** Exchange ids that show the evidence. */
  evidence: string[];
  fix: string;
  docsUrl: string;
}

export interface RuleResult {
  status: RuleStatus;
  reason?: string;
  /** With `skipped`: the rule does not concern this connector, so it leaves nothing unverified. */
  notApplicable?: true;
}

export interface CallbackResult {
  /** The redirect URI sent; a loopback callback's carries the port the probe chose. */
  uri: string;
  /** The client the request named: `--client-id`, the `--register` client, or Claude's CIMD client. */
  client: ClientSource;
  verdict: CallbackVerdict;
  evidence: string;
}

/** The linter's input as the report states it. */
export interface Target {
  /** `server`: an MCP URL, walked as Claude does; `issuer`: an IdP alone; `metadata`: a saved document. */
  mode: 'server' | 'issuer' | 'metadata';
  /** The MCP server URL as the user typed it. */
  url?: string;
  /** Declared (`--auth` or connector.json) and inferred authentication; `effective` is what was linted. */
  auth?: { declared?: AuthMode; inferred: McpServerFacts['observedMode']; effective: AuthMode | 'unknown' };
  issuer?: string;
  metadataFile?: string;
  clientId?: string;
  register: boolean;
  /** The Client ID Metadata Document URL sent as Claude's `client_id`, when one other than Claude's own was given. */
  cimdClientId?: string;
  /** True with `--login`: a person signed in, and the signed-in checks ran with that token. */
  login?: boolean;
  /** True when every target is http on loopback: local development, HTTPS rules capped at info. */
  local: boolean;
}

/** A rule's configured severity: `off` turns it off (its checks still run, nothing is reported). */
export type RuleSetting = Severity | 'off';

/** What configuration (connector.json `lint`, `--rule`, `--max-warnings`, `--strict`) changed. */
export interface LintSettings {
  rules: Record<string, RuleSetting>;
  maxWarnings?: number;
  strict: boolean;
}

/** The JSON contract of connector-lint: `--format json` prints it, every other format derives from it. */
export interface Report {
  schemaVersion: 1;
  tool: { name: 'connector-lint'; version: string };
  target: Target;
  findings: Finding[];
  rules: Record<string, RuleResult>;
  callbacks: CallbackResult[];
  /** Which MCP protocol eras the server serves; present when an MCP server was linted. */
  protocol?: ProtocolEras;
  exchanges: Exchange[];
  counts: Record<Severity, number>;
  settings: LintSettings;
  exitCode: number;
}
