import { sanitize } from '../../shared/sanitize.js';
import type { HttpClient } from '../http.js';
import { redactUrl } from '../redact.js';
import { isWithinOrigin, parseHttpUrl } from '../url.js';
import { createReplyReader, INITIALIZED_NOTIFICATION, initializeRequest, PROTOCOL_VERSION, rpcRequest } from '../mcp-rpc.js';
import type { McpExchange, McpServerFacts, ProbeState, ToolInfo } from '../types.js';
import { parseChallenges } from '../www-authenticate.js';

/** The user agent of Claude's requests to MCP servers; WAF "AI bot" rules key on it. */
export const CLAUDE_USER_AGENT = 'Claude-User';

const BODY_MAX_BYTES = 2 * 1024 * 1024;
/** A GET stream that stays open is read this long for its first event (legacy servers send one at once). */
const STREAM_WINDOW_MS = 1500;
/** Not a credential anyone issued: the shape of a JWT, signed by nobody. */
const GARBAGE_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjb25uZWN0b3ItbGludCJ9.Z2FyYmFnZQ';
const MAX_TOOL_PAGES = 20;
/** The MCP SDK's client follows at most this many redirects. */
const MAX_REDIRECTS = 5;
const EDGE_HEADERS = ['server', 'cf-ray', 'cf-mitigated', 'x-amz-cf-id', 'x-akamai-transformed', 'x-sucuri-id'];

interface PostInput {
  body: string;
  /** The request id to read the answer of; absent for a notification, whose body is not read. */
  id?: number;
  headers?: Record<string, string>;
}

async function post(http: HttpClient, url: string, input: PostInput): Promise<McpExchange> {
  const reader = createReplyReader(input.id ?? -1);
  const res = await http.send({
    probe: 'mcpServer',
    method: 'POST',
    url,
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...input.headers,
    },
    body: input.body,
    maxBytes: BODY_MAX_BYTES,
    stopWhen: (chunk, headers) => input.id === undefined || reader.feed(chunk, headers['content-type']),
    ...(input.id === undefined ? { bodyWindowMs: 0 } : {}),
  });
  return toExchange(res, input.id === undefined ? { kind: 'empty' } : reader.reply(res.headers['content-type'], res.body));
}

function toExchange(res: Awaited<ReturnType<HttpClient['send']>>, reply: McpExchange['reply']): McpExchange {
  const www = res.headers['www-authenticate'];
  const edge: Record<string, string> = {};
  for (const name of EDGE_HEADERS) if (res.headers[name]) edge[name] = sanitize(res.headers[name], 120);
  return {
    exchangeId: res.exchange.id,
    status: res.status,
    contentType: res.headers['content-type'],
    location: res.location,
    ...(www !== undefined ? { wwwAuthenticate: sanitize(www, 1000), challenges: parseChallenges(www) ?? null } : {}),
    sessionId: res.headers['mcp-session-id'],
    reply: res.truncated ? { ...reply, problem: 'the answer exceeded the size limit' } : reply,
    durationMs: res.exchange.durationMs,
    failure: res.failure,
    edge,
  };
}

function readTools(exchange: McpExchange): ToolInfo[] | undefined {
  const tools = exchange.reply.message?.result?.tools;
  if (!Array.isArray(tools)) return undefined;
  return tools
    .filter((t): t is Record<string, unknown> => t !== null && typeof t === 'object')
    .map((t) => {
      const annotations = t.annotations && typeof t.annotations === 'object' ? (t.annotations as Record<string, unknown>) : undefined;
      return {
        // Not shortened: tool-name-length judges the full name.
        name: sanitize(String(t.name ?? ''), 100_000),
        ...(typeof t.title === 'string' ? { title: sanitize(t.title, 200) } : {}),
        ...(annotations
          ? {
              annotations: {
                ...(typeof annotations.title === 'string' ? { title: sanitize(annotations.title, 200) } : {}),
                ...(typeof annotations.readOnlyHint === 'boolean' ? { readOnlyHint: annotations.readOnlyHint } : {}),
                ...(typeof annotations.destructiveHint === 'boolean' ? { destructiveHint: annotations.destructiveHint } : {}),
              },
            }
          : {}),
      };
    });
}

const succeeded = (x: McpExchange | undefined) =>
  x !== undefined && x.status !== undefined && x.status >= 200 && x.status < 300 && x.reply.message?.result !== undefined;

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

async function getStream(http: HttpClient, url: string, headers: Record<string, string>): Promise<McpServerFacts['stream']> {
  let firstEvent: string | undefined;
  const res = await http.send({
    probe: 'mcpServer',
    method: 'GET',
    url,
    headers: { accept: 'text/event-stream', ...headers },
    maxBytes: 64 * 1024,
    bodyWindowMs: STREAM_WINDOW_MS,
    stopWhen: (chunk) => {
      firstEvent = /^event:\s*(\S+)/m.exec(chunk.toString('utf8'))?.[1];
      return true;
    },
  });
  return { ...toExchange(res, { kind: 'other' }), ...(firstEvent ? { firstEvent: sanitize(firstEvent, 60) } : {}) };
}

/** The first request's facts, and the probes that depend only on its answer, to run alongside discovery. */
export interface McpWalk {
  state: ProbeState<McpServerFacts>;
  /** Fills in the rest of the facts (garbage token, session, stream); independent of PRM and the IdP. */
  followUps: () => Promise<void>;
}

/**
 * Walks the path Claude walks from the URL the user typed: an unauthenticated `initialize` (as
 * `Claude-User`), following same-origin 307/308 only. What depends on its answer alone (a garbage
 * bearer token, an authless or authenticated session with `tools/list`, a `GET` for the event
 * stream) is returned as `followUps`, so it runs while discovery goes on.
 */
export async function probeMcpServer(http: HttpClient, url: string, accessToken: string | undefined): Promise<McpWalk> {
  // Requests go to the URL as typed; facts (and so every message) hold it with credentials redacted.
  const displayUrl = redactUrl(url);
  const claude = { 'user-agent': CLAUDE_USER_AGENT };
  let target = url;
  let initialize = await post(http, target, { body: initializeRequest(1), id: 1, headers: claude });
  const redirects: McpServerFacts['redirects'] = [];
  while (initialize.status !== undefined && initialize.status >= 300 && initialize.status < 400 && initialize.location) {
    const next = parseHttpUrl(initialize.location);
    const crossOrigin = !next || !isWithinOrigin(new URL(target), next);
    const followed = !crossOrigin && (initialize.status === 307 || initialize.status === 308) && redirects.length < MAX_REDIRECTS;
    redirects.push({ status: initialize.status, location: sanitize(redactUrl(initialize.location), 300), crossOrigin, followed, exchangeId: initialize.exchangeId });
    if (!followed || !next) break;
    target = next.href;
    initialize = await post(http, target, { body: initializeRequest(1), id: 1, headers: claude });
  }
  const status = initialize.status ?? 0;
  const observedMode = initialize.failure ? 'unknown' : status === 401 ? 'oauth' : succeeded(initialize) ? 'none' : 'unknown';
  const facts: McpServerFacts = { url: displayUrl, initialize, redirects, observedMode };
  const followUps = async () => {
    if (initialize.failure) return;
    const blocked = status === 403 || status === 429 || initialize.edge['cf-mitigated'];
    await Promise.all([
      blocked ? post(http, target, { body: initializeRequest(1), id: 1 }).then((x) => void (facts.otherAgent = x)) : undefined,
      status === 401
        ? post(http, target, { body: initializeRequest(1), id: 1, headers: { ...claude, authorization: `Bearer ${GARBAGE_TOKEN}` } }).then((x) => void (facts.invalidToken = x))
        : undefined,
      status === 401 && accessToken ? authenticatedSession(http, target, facts, { ...claude, authorization: `Bearer ${accessToken}` }) : undefined,
      observedMode === 'none' ? authlessSession(http, target, facts, claude) : undefined,
      // What a legacy HTTP+SSE server answers to a Streamable HTTP POST: look for its event stream.
      status === 400 || status === 404 || status === 405 ? getStream(http, target, claude).then((x) => void (facts.stream = x)) : undefined,
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
