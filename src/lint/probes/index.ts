import { HttpClient } from '../transport/http.js';
import { sanitize } from '../../shared/sanitize.js';
import { SILENT, type Progress } from '../progress.js';
import { parseHttpUrl, privateLinkFrom } from '../transport/url.js';
import { bearerChallenge } from '../judgement/mcp-mode.js';
import type { AuthMode, Exchange, JsonObject, McpServerFacts, ModernFacts, ProbeState, ProbeStates } from '../types.js';
import { modernProbeOutcome } from '../protocol/eras.js';
import { probeMcpServer } from './mcp-server.js';
import { probeModern } from './mcp-modern.js';
import { probeProtectedResource } from './protected-resource.js';
import { probeAuthorizationServer, readMetadataFile } from './authorization-server.js';
import { defaultScope, probeRedirectUris } from './redirect-uris.js';
import { probeRegistration } from './registration.js';
import { CLAUDE_CIMD_CLIENT_ID, cimdUsable } from '../judgement/claude.js';
import type { LoginSession } from './login/index.js';

/** What the probes need to know, already validated by the CLI. */
export interface ProbeOptions {
  /** The MCP server URL as the user typed it. */
  url?: string;
  /** Declared authentication (`--auth` or connector.json). */
  auth?: AuthMode;
  accessToken?: string;
  issuer?: string;
  metadataFile?: string;
  clientId?: string;
  register: boolean;
  /**
   * The `client_id` of Claude's authorization requests to an IdP that advertises
   * `client_id_metadata_document_supported` (`--cimd-client-id`); undefined for
   * `CLAUDE_CIMD_CLIENT_ID`, Claude's hosted Client ID Metadata Document.
   */
  cimdClientId?: string;
  scope?: string;
  resource?: string;
  timeoutMs: number;
  userAgent: string;
  /** The run's secrets; the sign-in adds its codes and tokens, so that no output can hold one. */
  secrets: string[];
  progress?: Progress;
  /** The environment, for proxy settings. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Aborted on Ctrl-C: every request ends at once. */
  signal?: AbortSignal;
  /** `--login`: sign in with a person at a browser, then run the signed-in checks. */
  login?: LoginOptions;
}

/** What `--login` needs beyond the other probes' options. */
export interface LoginOptions {
  /** How long to wait for the browser to come back (`--login-timeout`). */
  timeoutMs: number;
  /** `CONNECTOR_CLIENT_SECRET`, for a confidential `--client-id`. */
  clientSecret?: string;
  /** Prints where to sign in (stderr). */
  announce(url: string): void;
}

const LOGIN_OPT_IN = 'opt-in: pass `--login` to sign in as Claude Code does (or set CONNECTOR_ACCESS_TOKEN to a token of the IdP)';

const NO_CLIENT = 'no client id: pass `--client-id <id>` (the client you enter in Claude), or `--register` to let the linter register one';

/**
 * A probe that throws (a bug, or input no check foresaw) becomes a failed probe with its reason,
 * so the run still ends in a report rather than a stack trace.
 */
async function guardedProbe<T>(probe: () => Promise<ProbeState<T>>): Promise<ProbeState<T>> {
  try {
    return await probe();
  } catch (error) {
    return stoppedOn(error);
  }
}

function stoppedOn(error: unknown): Extract<ProbeState<never>, { status: 'failed' }> {
  return { status: 'failed', reason: `the probe stopped on unexpected input: ${sanitize(error instanceof Error ? error.message : String(error), 200)}` };
}

type NotRun = Extract<ProbeState<unknown>, { status: 'not-run' }>;

const notRun = (reason: string, cause: NotRun['cause']): NotRun => ({ status: 'not-run', reason, cause });

/** The scope Claude asks for: the 401 challenge's, else the PRM's `scopes_supported`, else the AS's. */
function claudeScope(states: ProbeStates, metadata: JsonObject): string | undefined {
  const mcp = states.mcpServer.status === 'ok' ? states.mcpServer.value : undefined;
  const challenge = mcp ? bearerChallenge(mcp) : undefined;
  if (challenge?.params.scope) return challenge.params.scope;
  const prm = states.protectedResource.status === 'ok' ? states.protectedResource.value.metadata : undefined;
  if (Array.isArray(prm?.scopes_supported) && prm.scopes_supported.length > 0) return prm.scopes_supported.join(' ');
  return defaultScope(metadata);
}

/** The authorization server Claude would use: `authorization_servers[0]` of the PRM. */
function issuerFromPrm(states: ProbeStates): string | undefined {
  if (states.protectedResource.status !== 'ok') return undefined;
  const first = (states.protectedResource.value.metadata.authorization_servers as unknown[] | undefined)?.[0];
  return typeof first === 'string' && parseHttpUrl(first) !== undefined ? first : undefined;
}

/**
 * A server that answered `initialize` with nothing that shows its mode (a 2026-07-28-only server)
 * shows it on the modern era: a 401 asks for sign-in, a `DiscoverResult` without credentials none.
 */
function inferFromModern(state: ProbeState<McpServerFacts>, modern: ModernFacts): void {
  if (state.status !== 'ok' || state.value.observedMode !== 'unknown') return;
  if (modern.discover.status === 401) state.value.observedMode = 'oauth';
  else if (modernProbeOutcome(modern.discover).kind === 'modern') state.value.observedMode = 'none';
}

/**
 * Walks the MCP server on both eras side by side (the 2026-07-28 path never waits for the legacy
 * one), with a token when there is one, into `states`; returns what is still running.
 */
async function walkMcp(states: ProbeStates, progress: Progress, http: HttpClient, url: string, tokens: { accessToken?: string; tamperedToken?: string }): Promise<{ followUps: Promise<unknown> }> {
  const [walk, modernWalk] = await Promise.all([
    progress.run('MCP server: initialize (2025-11-25)', () => probeMcpServer(http, url, tokens.accessToken, tokens.tamperedToken).catch((error: unknown) => ({ failed: error }))),
    progress.run('MCP server: server/discover (2026-07-28)', () => probeModern(http, url, tokens.accessToken).catch((error: unknown) => ({ failed: error }))),
  ]);
  let modern: Promise<unknown> = Promise.resolve();
  if ('failed' in modernWalk) {
    states.mcpModern = stoppedOn(modernWalk.failed);
  } else {
    states.mcpModern = { status: 'ok', value: modernWalk.facts };
    modern = progress.run('MCP server: 2026-07-28 tools', modernWalk.followUps).catch((error: unknown) => {
      states.mcpModern = stoppedOn(error);
    });
  }
  if (!('failed' in walk) && !('failed' in modernWalk)) inferFromModern(walk.state, modernWalk.facts);
  let legacy: Promise<unknown> = Promise.resolve();
  if ('failed' in walk) {
    states.mcpServer = stoppedOn(walk.failed);
  } else {
    states.mcpServer = walk.state;
    // The garbage-token probe and the session depend only on the first answer: run them while
    // discovery goes on, so they cost no extra round trips on the critical path.
    legacy = progress.run('MCP server: challenge, session, tools', walk.followUps).catch((error: unknown) => {
      states.mcpServer = stoppedOn(error);
    });
  }
  return { followUps: Promise.all([legacy, modern]) };
}

/** Runs the probes in dependency order and returns their recorded facts. All network I/O is here. */
export async function runProbes(options: ProbeOptions): Promise<{ states: ProbeStates; exchanges: Exchange[]; inferred?: McpServerFacts['observedMode'] }> {
  const progress = options.progress ?? SILENT;
  const guarded = <T>(label: string, probe: () => Promise<ProbeState<T>>) => progress.run(label, () => guardedProbe(probe));
  const http = new HttpClient({ timeoutMs: options.timeoutMs, userAgent: options.userAgent, secrets: options.secrets, env: options.env, signal: options.signal });
  const noServer = notRun('no MCP server URL given', 'not-applicable');
  const states: ProbeStates = {
    mcpServer: noServer,
    mcpModern: noServer,
    protectedResource: noServer,
    authorizationServer: notRun('no authorization server to probe', 'not-applicable'),
    registration: notRun('opt-in: pass `--register` to register a client the way Claude does', 'opt-in'),
    redirectUris: notRun(NO_CLIENT, 'missing-input'),
    cimd: notRun('no authorization server to probe', 'not-applicable'),
    login: notRun(LOGIN_OPT_IN, 'opt-in'),
  };
  try {
    if (options.metadataFile !== undefined) {
      states.authorizationServer = await readMetadataFile(options.metadataFile, options.issuer);
      const reason = 'offline lint of a saved metadata document';
      states.registration = notRun(reason, 'offline');
      states.redirectUris = notRun(reason, 'offline');
      states.cimd = notRun(reason, 'offline');
      return { states, exchanges: http.exchanges };
    }
    let issuer = options.issuer;
    let followUps: Promise<unknown> = Promise.resolve();
    // The identity provider cannot be probed: every IdP probe records why, the MCP follow-ups finish.
    // Callers `return await` it, so the `finally` below closes the client only after the follow-ups.
    const stopBeforeIdp = async (why: NotRun) => {
      await followUps;
      const mcp = states.mcpServer.status === 'ok' ? states.mcpServer.value : undefined;
      // An HTTP+SSE server shows itself only in the follow-ups: a stream opened without credentials
      // means no sign-in, so the OAuth checks do not concern it (rather than stay unverified).
      const openSse = mcp?.stream?.status === 200 && mcp.stream.firstEvent === 'endpoint';
      const reason = openSse ? notRun('the server serves the legacy HTTP+SSE transport without authorization', 'not-applicable') : why;
      if (openSse) states.protectedResource = reason;
      states.authorizationServer = reason;
      states.registration = reason;
      states.redirectUris = reason;
      states.cimd = reason;
      if (options.login) states.login = reason;
      return { states, exchanges: http.exchanges, inferred: mcp?.observedMode ?? 'unknown' };
    };
    if (options.url !== undefined) {
      ({ followUps } = await walkMcp(states, progress, http, options.url, { accessToken: options.accessToken }));
      const mcp = states.mcpServer.status === 'ok' ? states.mcpServer.value : undefined;
      const observed = mcp?.observedMode ?? 'unknown';
      const oauth = observed === 'oauth' || (observed === 'unknown' && options.auth === 'oauth');
      if (!mcp || mcp.initialize.failure || !oauth) {
        const unanswered = !mcp || mcp.initialize.failure;
        const reason = unanswered
          ? 'the MCP server did not answer'
          : observed === 'none'
            ? 'the server does not ask for authorization'
            : 'the server answered `initialize` with neither 401 nor a result, so its sign-in cannot be followed';
        const cause = unanswered || observed === 'unknown' ? 'dependency' : 'not-applicable';
        states.protectedResource = notRun(reason, cause);
        if (issuer === undefined) return await stopBeforeIdp(notRun(reason, cause));
      } else {
        states.protectedResource = await guarded('protected-resource metadata', () => probeProtectedResource(http, mcp));
        // Claude follows the server's metadata, whatever connector.json or --issuer say
        // (prm-authorization-servers reports a difference).
        issuer = issuerFromPrm(states) ?? issuer;
        if (issuer !== undefined && privateLinkFrom(mcp.url, issuer)) {
          return await stopBeforeIdp(notRun(`the authorization server \`${issuer}\` is a private address Claude cannot reach; not probed`, 'dependency'));
        }
        if (issuer === undefined) return await stopBeforeIdp(notRun('no authorization server: the protected-resource metadata names none', 'dependency'));
      }
    }
    const fromPrm = issuer !== undefined && issuer === issuerFromPrm(states);
    states.authorizationServer = await guarded('authorization-server metadata', () => probeAuthorizationServer(http, issuer as string));
    if (fromPrm && states.authorizationServer.status === 'ok') states.authorizationServer.value.issuerFromPrm = true;
    await probeClients(http, options, states, issuer as string, guarded);
    await followUps;
    if (options.login) await signedInWalk(http, options, options.login, states, issuer as string, progress);
    return { states, exchanges: http.exchanges, inferred: states.mcpServer.status === 'ok' ? states.mcpServer.value.observedMode : undefined };
  } finally {
    await http.close();
  }
}

/**
 * `--login`: a person signs in as Claude Code would, then both eras are walked again with the
 * token (and a tampered copy of it), the refresh grant is tried, and every token is revoked.
 */
async function signedInWalk(http: HttpClient, options: ProbeOptions, login: LoginOptions, states: ProbeStates, issuer: string, progress: Progress): Promise<void> {
  if (options.signal?.aborted) return;
  const as = states.authorizationServer;
  const mcp = states.mcpServer.status === 'ok' ? states.mcpServer.value : undefined;
  if (!options.url || !mcp || mcp.observedMode !== 'oauth') {
    states.login = notRun('the server does not ask for sign-in', 'not-applicable');
    return;
  }
  if (as.status !== 'ok') {
    states.login = notRun('authorization-server metadata unavailable', 'dependency');
    return;
  }
  const { metadata } = as.value;
  let session: LoginSession | undefined;
  try {
    const { probeLogin } = await import('./login/index.js');
    const result = await probeLogin(http, {
      metadata,
      issuer,
      scope: options.scope ?? claudeScope(states, metadata),
      resource: options.resource ?? options.url,
      clientId: options.clientId,
      secret: login.clientSecret,
      cimdClientId: options.cimdClientId,
      timeoutMs: login.timeoutMs,
      env: options.env ?? {},
      signal: options.signal,
      secrets: options.secrets,
      announce: login.announce,
    });
    states.login = result.state;
    session = result.session;
  } catch (error) {
    states.login = stoppedOn(error);
  }
  if (!session) return;
  try {
    if (options.signal?.aborted) return;
    await (await walkMcp(states, progress, http, options.url, { accessToken: session.accessToken, tamperedToken: session.tamperedToken })).followUps;
    await progress.run('refresh grant', () => session.refresh());
  } finally {
    await session.end();
  }
}

/** Registration (opt-in) and the callback probe, once the authorization server is known. */
type Guard = <T>(label: string, probe: () => Promise<ProbeState<T>>) => Promise<ProbeState<T>>;

async function probeClients(http: HttpClient, options: ProbeOptions, states: ProbeStates, issuer: string, guarded: Guard): Promise<void> {
  const as = states.authorizationServer;
  if (as.status !== 'ok') {
    const reason = 'authorization-server metadata unavailable';
    states.registration = notRun(reason, 'dependency');
    states.redirectUris = notRun(reason, 'dependency');
    states.cimd = notRun(reason, 'dependency');
    return;
  }
  const { metadata } = as.value;
  const scope = options.scope ?? claudeScope(states, metadata);
  const request = { metadata, issuer, scope, resource: options.resource ?? options.url };
  // Registration, the probe of a given client and that of Claude's CIMD client are independent: run them side by side.
  const clientId = options.clientId;
  const cimdClientId = options.cimdClientId ?? CLAUDE_CIMD_CLIENT_ID;
  const [registration, flagged, cimd] = await Promise.all([
    options.register ? guarded('client registration (--register)', () => probeRegistration(http, request)) : undefined,
    clientId ? guarded('Claude callbacks and controls', () => probeRedirectUris(http, { ...request, clientId, clientSource: 'flag' })) : undefined,
    metadata.client_id_metadata_document_supported === true
      ? guarded("Claude's CIMD client", () => probeRedirectUris(http, { ...request, clientId: cimdClientId, clientSource: 'cimd' }, 'cimd'))
      : undefined,
  ]);
  states.cimd = cimd ?? notRun('the IdP does not advertise `client_id_metadata_document_supported`', 'not-applicable');
  if (registration) states.registration = registration;
  if (flagged) {
    states.redirectUris = flagged;
  } else if (states.cimd.status === 'ok' && cimdUsable(metadata)) {
    // Without a pre-registered client Claude prefers its CIMD client to registering one (MCP
    // 2026-07-28 Client Registration): the callback rules judge the client Claude will use.
    states.redirectUris = states.cimd;
  } else if (states.registration.status === 'ok' && states.registration.value.authorization) {
    states.redirectUris = { status: 'ok', value: states.registration.value.authorization };
  } else if (options.register) {
    states.redirectUris = notRun(
      '`--register` produced no client to probe with (see dcr-accepts-claude-registration); pass `--client-id <id>`',
      'missing-input',
    );
  }
}
