import type { HttpClient } from '../transport/http.js';
import { redactUrl } from '../transport/redact.js';
import { INITIALIZED_NOTIFICATION, initializeRequest, PROTOCOL_VERSION, rpcRequest, succeeded } from '../protocol/mcp-rpc.js';
import { isModernError } from '../protocol/eras.js';
import type { McpExchange, McpServerFacts, ProbeState } from '../types.js';
import { CLAUDE_USER_AGENT, getStream, post, postFollowing, readTools } from './mcp-http.js';

/** Not a credential anyone issued: the shape of a JWT, signed by nobody. */
const GARBAGE_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjb25uZWN0b3ItbGludCJ9.Z2FyYmFnZQ';
const MAX_TOOL_PAGES = 20;

/**
 * `tools/list` as Claude sends it once signed in, but without credentials or a session: an OAuth
 * server must refuse it as it refuses `initialize`.
 */
async function toolsListWithoutCredentials(http: HttpClient, url: string, headers: Record<string, string>): Promise<NonNullable<McpServerFacts['toolsListWithoutCredentials']>> {
  const answer = await post(http, url, { body: rpcRequest(2, 'tools/list'), id: 2, headers: { ...headers, 'mcp-protocol-version': PROTOCOL_VERSION } });
  const tools = succeeded(answer) ? readTools(answer) : undefined;
  return { ...answer, ...(tools ? { tools } : {}) };
}

/** After a successful `initialize`: the `initialized` notification, then `tools/list`, in that session. */
async function openSession(http: HttpClient, url: string, init: McpExchange, auth: Record<string, string>) {
  const headers: Record<string, string> = { ...auth, 'mcp-protocol-version': String(init.reply.message?.result?.protocolVersion ?? PROTOCOL_VERSION) };
  if (init.sessionId) headers['mcp-session-id'] = init.sessionId;
  await post(http, url, { body: INITIALIZED_NOTIFICATION, headers });
  // Every page, as a client listing tools would read them (bounded: a server could page forever).
  let toolsList = await post(http, url, { body: rpcRequest(2, 'tools/list'), id: 2, headers });
  let tools = succeeded(toolsList) ? readTools(toolsList) : undefined;
  for (let page = 1; tools && page < MAX_TOOL_PAGES; page++) {
    const cursor = toolsList.reply.message?.result?.nextCursor;
    if (typeof cursor !== 'string') break;
    const next = await post(http, url, { body: rpcRequest(2 + page, 'tools/list', { cursor }), id: 2 + page, headers });
    if (!succeeded(next)) {
      toolsList = next;
      tools = undefined;
      break;
    }
    tools = [...tools, ...(readTools(next) ?? [])];
  }
  const stream = await getStream(http, url, headers);
  return { toolsList, tools, stream };
}

/** The first request's facts, and the probes that depend only on its answer, to run alongside discovery. */
export interface McpWalk {
  state: ProbeState<McpServerFacts>;
  /** Fills in the rest of the facts (garbage token, `tools/list` without credentials, session, stream); independent of PRM and the IdP. */
  followUps: () => Promise<void>;
}

/** The URL without its trailing `/`, when its path is more than the bare `/`. */
export function withoutTrailingSlash(url: string): string | undefined {
  const parsed = new URL(url);
  if (parsed.pathname === '/' || !parsed.pathname.endsWith('/')) return undefined;
  parsed.pathname = parsed.pathname.replace(/\/+$/, '') || '/';
  return parsed.href;
}

/**
 * Walks the path hosted Claude walks from the URL the user typed: an unauthenticated `initialize`
 * (as `Claude-User`), following same-origin 307/308 only. What depends on its answer alone (a
 * garbage bearer token and `tools/list` without credentials after a 401, an authless or
 * authenticated session with `tools/list`, a `GET` for the event stream) is returned as
 * `followUps`, so it runs while discovery goes on.
 */
export async function probeMcpServer(http: HttpClient, url: string, accessToken: string | undefined, tamperedToken?: string): Promise<McpWalk> {
  // Requests go to the URL as typed; facts (and so every message) hold it with credentials redacted.
  const displayUrl = redactUrl(url);
  const claude = { 'user-agent': CLAUDE_USER_AGENT };
  const { exchange: initialize, target, redirects } = await postFollowing(http, url, { body: initializeRequest(1), id: 1, headers: claude });
  const status = initialize.status ?? 0;
  const observedMode = initialize.failure ? 'unknown' : status === 401 ? 'oauth' : succeeded(initialize) ? 'none' : 'unknown';
  const facts: McpServerFacts = { url: displayUrl, initialize, redirects, observedMode };
  const stripped = withoutTrailingSlash(url);
  const followUps = async () => {
    // Claude's connector dialog drops a trailing slash: ask the form it keeps, whatever the first answer.
    const slashless = stripped
      ? postFollowing(http, stripped, { body: initializeRequest(1), id: 1, headers: claude }).then(({ exchange }) => void (facts.withoutTrailingSlash = { ...exchange, url: redactUrl(stripped) }))
      : undefined;
    if (initialize.failure) return void (await slashless);
    const blocked = status === 403 || status === 429 || initialize.edge['cf-mitigated'];
    // A modern server's refusal of `initialize` is no sign of the legacy HTTP+SSE transport
    // (2026-07-28 Streamable HTTP, "HTTP+SSE Transport"): look for an event stream only otherwise.
    const legacySseCandidate = (status === 400 || status === 404 || status === 405) && !isModernError(initialize.rpcError);
    /** `initialize` with a token that must be refused, recorded as `key`. */
    const refusedToken = (token: string, key: 'invalidToken' | 'tamperedToken') =>
      post(http, target, { body: initializeRequest(1), id: 1, headers: { ...claude, authorization: `Bearer ${token}` } }).then((x) => void (facts[key] = x));
    await Promise.all([
      slashless,
      blocked ? post(http, target, { body: initializeRequest(1), id: 1 }).then((x) => void (facts.otherAgent = x)) : undefined,
      status === 401 ? refusedToken(GARBAGE_TOKEN, 'invalidToken') : undefined,
      status === 401 && tamperedToken ? refusedToken(tamperedToken, 'tamperedToken') : undefined,
      status === 401 ? toolsListWithoutCredentials(http, target, claude).then((x) => void (facts.toolsListWithoutCredentials = x)) : undefined,
      status === 401 && accessToken ? authenticatedSession(http, target, facts, { ...claude, authorization: `Bearer ${accessToken}` }) : undefined,
      observedMode === 'none' ? authlessSession(http, target, facts, claude) : undefined,
      legacySseCandidate ? getStream(http, target, claude).then((x) => void (facts.stream = x)) : undefined,
    ]);
  };
  return { state: { status: 'ok', value: facts }, followUps };
}

async function authenticatedSession(http: HttpClient, target: string, facts: McpServerFacts, auth: Record<string, string>): Promise<void> {
  const authed = await post(http, target, { body: initializeRequest(1), id: 1, headers: auth });
  facts.session = { authenticated: true, initialize: authed };
  if (!succeeded(authed)) return;
  const { toolsList, tools, stream } = await openSession(http, target, authed, auth);
  facts.session = { ...facts.session, toolsList, ...(tools ? { tools } : {}) };
  facts.stream = stream;
}

async function authlessSession(http: HttpClient, target: string, facts: McpServerFacts, headers: Record<string, string>): Promise<void> {
  const { toolsList, tools, stream } = await openSession(http, target, facts.initialize, headers);
  facts.session = { authenticated: false, initialize: facts.initialize, toolsList, ...(tools ? { tools } : {}) };
  facts.stream = stream;
}
