/**
 * Factories for the recorded facts of the MCP-server and protected-resource probes, in the shapes
 * real servers produce (an authless server, an OAuth server answering 401, a legacy HTTP+SSE
 * server), so a rule test states its scenario in one line.
 */
import type { AnyRule } from '../../../src/lint/judgement/define.js';
import type {
  AuthMode,
  AuthorizationServerFacts,
  DiscoveryAttempt,
  DiscoveryProblem,
  HttpFailureCause,
  JsonObject,
  LoginFacts,
  McpExchange,
  McpServerFacts,
  ModernFacts,
  NotRunCause,
  ProbeStates,
  ProtectedResourceFacts,
  Report,
  RpcReply,
  Severity,
  Target,
  ToolInfo,
} from '../../../src/lint/types.js';
import { parseChallenges } from '../../../src/lint/protocol/www-authenticate.js';
import { asFacts, findingsOf, lintWith } from './rule-tester.js';

export const MCP_URL = 'https://mcp.example.com/mcp';
export const PRM_URL = 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp';
export const ISSUER = 'https://idp.example.com';
/** The challenge of a server built with the TypeScript SDK's `requireBearerAuth`. */
export const CHALLENGE = `Bearer resource_metadata="${PRM_URL}", scope="mcp:tools"`;
export const INVALID_TOKEN_CHALLENGE = `Bearer error="invalid_token", error_description="bad token", resource_metadata="${PRM_URL}"`;

/** A JSON-RPC result, as read from a JSON body. */
export const rpcResult = (result: JsonObject = {}, kind: RpcReply['kind'] = 'json'): RpcReply => ({ kind, message: { result } });
/** A JSON-RPC error, as read from a JSON body. */
export const rpcError = (code: number, message = 'error'): RpcReply => ({ kind: 'json', message: { error: { code, message } } });

export type ExchangeSpec = Partial<McpExchange>;

/**
 * One exchange with the MCP endpoint. `wwwAuthenticate` is parsed into `challenges` as the probe
 * does (`null` when it does not parse); pass `challenges` to override.
 */
export function exchange(spec: ExchangeSpec = {}): McpExchange {
  const { wwwAuthenticate, ...rest } = spec;
  return {
    exchangeId: 'x-1',
    reply: { kind: 'empty' },
    durationMs: 50,
    edge: {},
    ...(wwwAuthenticate !== undefined ? { wwwAuthenticate, challenges: parseChallenges(wwwAuthenticate) ?? null } : {}),
    ...rest,
  };
}

/** A 200 JSON answer carrying a JSON-RPC result. */
export const okExchange = (exchangeId: string, result: JsonObject = {}, spec: ExchangeSpec = {}): McpExchange =>
  exchange({ exchangeId, status: 200, contentType: 'application/json', reply: rpcResult(result), ...spec });

/** A request that got no HTTP answer. */
export const failedExchange = (exchangeId: string, cause: HttpFailureCause = 'dns'): McpExchange =>
  exchange({ exchangeId, durationMs: 10, failure: { cause, detail: `${cause}: mcp.example.com` } });

/** Tools as `tools/list` described them: one titled by `title`, one by `annotations.title`. */
export const TOOLS: ToolInfo[] = [
  { name: 'search_docs', title: 'Search docs', annotations: { readOnlyHint: true } },
  { name: 'delete_doc', annotations: { title: 'Delete doc', destructiveHint: true } },
];

const INIT_RESULT = { protocolVersion: '2025-11-25', capabilities: { tools: {} }, serverInfo: { name: 'demo', version: '1.0.0' } };

/** The session part of the facts: `initialize` answered, then `tools/list` with these tools (`null`: no tools read). */
export function session(authenticated: boolean, tools: ToolInfo[] | null = TOOLS): NonNullable<McpServerFacts['session']> {
  return {
    authenticated,
    initialize: okExchange(authenticated ? 'session-init-1' : 'init-1', INIT_RESULT, { sessionId: 'sess-1' }),
    toolsList: okExchange('tools-1', { tools: (tools ?? []) as unknown as JsonObject[] }),
    ...(tools ? { tools } : {}),
  };
}

/** An authless server: `initialize` 200 with a session, annotated tools, GET answered 405. */
export function authlessServer(overrides: Partial<McpServerFacts> = {}): McpServerFacts {
  const s = session(false);
  return {
    url: MCP_URL,
    initialize: s.initialize,
    redirects: [],
    session: s,
    stream: exchange({ exchangeId: 'stream-1', status: 405 }),
    observedMode: 'none',
    ...overrides,
  };
}

/** An OAuth server as the SDK builds it: 401 with a Bearer challenge; a garbage token gets `invalid_token`. */
export function oauthServer(overrides: Partial<McpServerFacts> = {}): McpServerFacts {
  return {
    url: MCP_URL,
    initialize: exchange({ exchangeId: 'init-1', status: 401, contentType: 'application/json', wwwAuthenticate: CHALLENGE }),
    redirects: [],
    invalidToken: exchange({ exchangeId: 'invalid-1', status: 401, contentType: 'application/json', wwwAuthenticate: INVALID_TOKEN_CHALLENGE }),
    observedMode: 'oauth',
    ...overrides,
  };
}

/** An OAuth server (observed or declared) whose unauthenticated `initialize` got this answer instead of the SDK's 401. */
export const oauthInit = (spec: ExchangeSpec): McpServerFacts => oauthServer({ initialize: exchange({ exchangeId: 'init-1', ...spec }) });

/** A legacy HTTP+SSE server: POST 405, GET opens a stream whose first event is `endpoint`. */
export function legacySseServer(overrides: Partial<McpServerFacts> = {}): McpServerFacts {
  return {
    url: MCP_URL,
    initialize: exchange({ exchangeId: 'init-1', status: 405, contentType: 'text/plain' }),
    redirects: [],
    stream: { ...exchange({ exchangeId: 'stream-1', status: 200, contentType: 'text/event-stream' }), firstEvent: 'endpoint' },
    observedMode: 'unknown',
    ...overrides,
  };
}

/** A server that never answered. */
export function unreachableServer(cause: HttpFailureCause = 'dns', overrides: Partial<McpServerFacts> = {}): McpServerFacts {
  return { url: MCP_URL, initialize: failedExchange('init-1', cause), redirects: [], observedMode: 'unknown', ...overrides };
}

/** The protected-resource metadata an SDK server publishes for MCP_URL. */
export const PRM_METADATA: JsonObject = {
  resource: MCP_URL,
  authorization_servers: [ISSUER],
  scopes_supported: ['mcp:tools'],
  bearer_methods_supported: ['header'],
};

/** Facts of the protected-resource probe; `metadata` is merged over PRM_METADATA (`undefined` removes a field). */
export function prmFacts(metadata: JsonObject = {}, overrides: Partial<ProtectedResourceFacts> = {}): ProtectedResourceFacts {
  return {
    via: 'resource_metadata',
    attempts: [{ url: PRM_URL, kind: 'prm', exchangeIds: ['prm-1'], status: 200, contentType: 'application/json', durationMs: 30 }],
    documentUrl: PRM_URL,
    contentType: 'application/json',
    durationMs: 30,
    metadata: { ...PRM_METADATA, ...metadata },
    ...overrides,
  };
}

/** The protected-resource probe failed, with the partial facts it records. */
export function prmFailed(reason: string, problem?: DiscoveryProblem, attempts: DiscoveryAttempt[] = []): ProbeStates['protectedResource'] {
  return { status: 'failed', reason, partial: { ...(problem ? { problem } : {}), attempts } };
}

/** Authorization-server facts found through `authorization_servers[0]`, as the probe marks them. */
export const asFromPrm = (metadata: JsonObject = { issuer: ISSUER }, overrides: Partial<AuthorizationServerFacts> = {}) =>
  asFacts(metadata, { requestedIssuer: ISSUER, issuerFromPrm: true, ...overrides });

const notRun = (reason: string, cause: NotRunCause) => ({ status: 'not-run' as const, reason, cause });

type PrmInput = ProtectedResourceFacts | ProbeStates['protectedResource'];
type AsInput = AuthorizationServerFacts | ProbeStates['authorizationServer'];
const isState = (x: object): x is { status: string } => 'status' in x;

/**
 * Probe states of a server run: mcpServer ok, the other probes ok when given, else not-run for the
 * reason the probe runner would give (`dependency` when the server did not answer or a step before
 * was missing, `not-applicable` when the server asks for no authorization).
 */
export function serverStates(mcp: McpServerFacts, { prm, as, modern, login }: { prm?: PrmInput; as?: AsInput; modern?: ModernFacts; login?: LoginFacts } = {}): ProbeStates {
  const skipped = mcp.initialize.failure
    ? notRun('the MCP server did not answer', 'dependency')
    : mcp.observedMode !== 'oauth'
      ? notRun('the server does not ask for authorization', 'not-applicable')
      : notRun('no authorization server: the protected-resource metadata names none', 'dependency');
  const protectedResource: ProbeStates['protectedResource'] =
    prm === undefined ? (mcp.observedMode === 'oauth' ? notRun('not probed', 'dependency') : skipped) : isState(prm) ? prm : { status: 'ok', value: prm };
  const authorizationServer: ProbeStates['authorizationServer'] = as === undefined ? skipped : isState(as) ? as : { status: 'ok', value: as };
  const asOk = authorizationServer.status === 'ok';
  return {
    mcpServer: { status: 'ok', value: mcp },
    mcpModern: modern ? { status: 'ok', value: modern } : notRun('the 2026-07-28 probe is not part of this scenario', 'not-applicable'),
    protectedResource,
    authorizationServer,
    registration: asOk ? notRun('opt-in: pass `--register`', 'opt-in') : skipped,
    redirectUris: asOk ? notRun('no client id', 'missing-input') : skipped,
    cimd: asOk ? notRun('the IdP does not advertise `client_id_metadata_document_supported`', 'not-applicable') : skipped,
    login: login ? { status: 'ok', value: login } : notRun('opt-in: pass `--login`', 'opt-in'),
  };
}

/** The report's target for a server run, with `effective` computed as run.ts does. */
export function serverTarget(mcp: McpServerFacts, declared?: AuthMode): Partial<Target> {
  const inferred = mcp.observedMode;
  const effective = inferred === 'oauth' || inferred === 'none' ? (inferred === 'none' && declared === 'shared' ? 'shared' : inferred) : (declared ?? 'unknown');
  return { mode: 'server', url: mcp.url, issuer: undefined, auth: { ...(declared ? { declared } : {}), inferred, effective } };
}

export interface ServerLint {
  prm?: PrmInput;
  as?: AsInput;
  /** The 2026-07-28 probe's facts; absent: that probe is not part of the scenario. */
  modern?: ModernFacts;
  /** The `--login` sign-in's facts; absent: no `--login`. */
  login?: LoginFacts;
  declared?: AuthMode;
}

/** Lints one server scenario with the given rules. */
export function lintServer(rules: AnyRule | AnyRule[], mcp: McpServerFacts, opts: ServerLint = {}): Report {
  return lintWith(rules, serverStates(mcp, opts), serverTarget(mcp, opts.declared));
}

export interface Outcome {
  status: string | undefined;
  findings: [Severity, Record<string, string | number>][];
  /** Set only when the rule was skipped as not concerning this connector. */
  notApplicable?: true;
}

/** A rule's status and findings as `[severity, data]` pairs: what a table row states. */
export function outcome(report: Report, ruleId: string): Outcome {
  const result = report.rules[ruleId];
  return {
    status: result?.status,
    findings: findingsOf(report, ruleId).map((f) => [f.severity, f.data]),
    ...(result?.notApplicable ? { notApplicable: true as const } : {}),
  };
}

/** The outcome of a rule that does not concern this connector. */
export const NOT_APPLICABLE: Outcome = { status: 'skipped', findings: [], notApplicable: true };

/* ------------------------------------------------------------------------------------------------
 * The 2026-07-28 era (`mcpModern` probe): `server/discover`, then `tools/list` read twice.
 * --------------------------------------------------------------------------------------------- */

/** One complete `tools/list` read on 2026-07-28 (`ModernToolsListing`). */
export type ToolsListing = NonNullable<ModernFacts['tools']>['first'];

/** The `DiscoverResult` of a dual-era SDK v2 server (`createMcpHandler`, recorded in research §1.2). */
export const DISCOVER_RESULT: JsonObject = {
  supportedVersions: ['2026-07-28'],
  capabilities: { tools: { listChanged: true } },
  resultType: 'complete',
  ttlMs: 0,
  cacheScope: 'private',
};

/** One answer to `server/discover` (id `discover-1` unless given). */
export const discoverAnswer = (spec: ExchangeSpec = {}): McpExchange => exchange({ exchangeId: 'discover-1', ...spec });

/** `server/discover` answered 200 with a `DiscoverResult` naming 2026-07-28: the era is served. */
export const discoverServed = (exchangeId = 'discover-1', result: JsonObject = DISCOVER_RESULT): McpExchange => okExchange(exchangeId, result);

/** Caching hints of a `tools/list` page as SDK v2 sends them when configured. */
export const CACHE_HINTS = { ttlMs: 60_000, cacheScope: 'public' } as const;

/**
 * One complete `tools/list` read on 2026-07-28: `pages` gives each page's caching hints (one page by
 * default); the exchanges are `<prefix>-1`, `<prefix>-2`, …; every tool is on the first page.
 */
export function modernToolsListing(
  tools: ToolInfo[] = TOOLS,
  pages: { ttlMs?: unknown; cacheScope?: unknown }[] = [CACHE_HINTS],
  prefix = 'mtools',
): ToolsListing {
  return {
    exchanges: pages.map((page, i) => okExchange(`${prefix}-${i + 1}`, { tools: (i === 0 ? tools : []) as unknown as JsonObject[], ...(page as JsonObject) })),
    pages,
    tools,
  };
}

/** A `tools/list` read whose page `failed` got this answer (after `before` good pages). */
export function failedToolsListing(failed: McpExchange, before: { ttlMs?: unknown; cacheScope?: unknown }[] = []): ToolsListing {
  const good = modernToolsListing([], before);
  return { exchanges: [...good.exchanges, failed], pages: before, failed };
}

export interface ModernSpec {
  url?: string;
  discover?: McpExchange;
  authenticated?: McpExchange;
  /** Tools as both reads list them (`mtools-*`, then `mtools2-*`), or the two listings as recorded. */
  tools?: ToolInfo[] | ModernFacts['tools'];
  redirects?: ModernFacts['redirects'];
}

/** Facts of the `mcpModern` probe; by default a dual-era server's `server/discover` and no tools read. */
export function modernFacts({ url = MCP_URL, discover = discoverServed(), authenticated, tools, redirects = [] }: ModernSpec = {}): ModernFacts {
  const listings = Array.isArray(tools) ? { first: modernToolsListing(tools), second: modernToolsListing(tools, [CACHE_HINTS], 'mtools2') } : tools;
  return { url, discover, redirects, ...(authenticated ? { authenticated } : {}), ...(listings ? { tools: listings } : {}) };
}

/** A 2026-07-28-only server: `initialize` refused with -32022, so only the modern era lists tools. */
export const modernOnlyServer = (): McpServerFacts => {
  const error = { code: -32022, message: 'Unsupported protocol version: 2025-11-25', data: { supported: ['2026-07-28'], requested: '2025-11-25' } };
  return authlessServer({
    initialize: exchange({ exchangeId: 'init-1', status: 400, contentType: 'application/json', reply: { kind: 'json', message: { error } }, rpcError: error }),
    session: undefined,
    observedMode: 'unknown',
  });
};
