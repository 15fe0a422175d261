import { sanitize } from '../../shared/sanitize.js';
import type { HttpClient } from '../transport/http.js';
import { parseJsonObject } from '../protocol/json.js';
import { createReplyReader } from '../protocol/mcp-rpc.js';
import { xMcpHeaderProblem } from '../protocol/x-mcp-header.js';
import { isWithinOrigin, parseHttpUrl } from '../transport/url.js';
import { redactUrl } from '../transport/redact.js';
import type { McpExchange, McpServerFacts, ProbeId, ToolInfo } from '../types.js';
import { parseChallenges } from '../protocol/www-authenticate.js';

/** The user agent of Claude's requests to MCP servers; WAF "AI bot" rules key on it. */
export const CLAUDE_USER_AGENT = 'Claude-User';

const BODY_MAX_BYTES = 2 * 1024 * 1024;
/** A GET stream that stays open is read this long for its first event (legacy servers send one at once). */
const STREAM_WINDOW_MS = 1500;
const EDGE_HEADERS = ['server', 'cf-ray', 'cf-mitigated', 'x-amz-cf-id', 'x-akamai-transformed', 'x-sucuri-id'];
const SNIPPET_CHARS = 300;

export interface PostInput {
  body: string;
  /** The request id to read the answer of; absent for a notification, whose body is not read. */
  id?: number | string;
  headers?: Record<string, string>;
  /** The probe the exchange is recorded under. */
  probe?: ProbeId;
}

/** The MCP SDK's client follows at most this many redirects. */
const MAX_REDIRECTS = 5;

/** One POST to the MCP endpoint, its answer read as JSON or SSE up to the reply to `id`. */
export async function post(http: HttpClient, url: string, input: PostInput): Promise<McpExchange> {
  const reader = createReplyReader(input.id ?? -1);
  const res = await http.send({
    probe: input.probe ?? 'mcpServer',
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
  return toExchange(http, res, input.id === undefined ? { kind: 'empty' } : reader.reply(res.headers['content-type'], res.body));
}

/**
 * The JSON-RPC error in a refusal's body, read as a dual-era client reads it (the SDK's
 * `parseJsonRpcErrorBody`): any content type, any id, `error.code` a number.
 */
function rpcErrorIn(http: HttpClient, body: Buffer): McpExchange['rpcError'] {
  const parsed = parseJsonObject(body.toString('utf8'));
  if (!parsed.ok) return undefined;
  const error = parsed.value.error as { code?: unknown; message?: unknown; data?: unknown } | null | undefined;
  if (!error || typeof error !== 'object' || typeof error.code !== 'number') return undefined;
  return {
    code: error.code,
    ...(typeof error.message === 'string' ? { message: http.clean(error.message, 300) } : {}),
    ...(error.data !== undefined ? { data: error.data } : {}),
  };
}

export function toExchange(http: HttpClient, res: Awaited<ReturnType<HttpClient['send']>>, reply: McpExchange['reply']): McpExchange {
  const www = res.headers['www-authenticate'];
  const edge: Record<string, string> = {};
  for (const name of EDGE_HEADERS) if (res.headers[name]) edge[name] = sanitize(res.headers[name], 120);
  const refused = res.status !== undefined && (res.status < 200 || res.status >= 300);
  const rpcError = refused ? rpcErrorIn(http, res.body) : undefined;
  const snippet = refused && res.body.length > 0 ? http.clean(res.body.subarray(0, 4 * SNIPPET_CHARS).toString('utf8'), SNIPPET_CHARS) : undefined;
  return {
    exchangeId: res.exchange.id,
    status: res.status,
    contentType: res.headers['content-type'],
    location: res.location,
    ...(www !== undefined ? { wwwAuthenticate: http.clean(www, 1000), challenges: parseChallenges(http.clean(www, 64 * 1024)) ?? null } : {}),
    sessionId: res.headers['mcp-session-id'],
    reply: res.truncated ? { ...reply, problem: 'the answer exceeded the size limit' } : reply,
    durationMs: res.exchange.durationMs,
    failure: res.failure,
    edge,
    ...(rpcError ? { rpcError } : {}),
    ...(snippet ? { bodySnippet: snippet } : {}),
  };
}

/** The tools of a `tools/list` answer, reduced to what the rules judge. */
export function readTools(exchange: McpExchange): ToolInfo[] | undefined {
  const tools = exchange.reply.message?.result?.tools;
  if (!Array.isArray(tools)) return undefined;
  return tools
    .filter((t): t is Record<string, unknown> => t !== null && typeof t === 'object')
    .map((t) => {
      const annotations = t.annotations && typeof t.annotations === 'object' ? (t.annotations as Record<string, unknown>) : undefined;
      const headerProblem = xMcpHeaderProblem(t.inputSchema);
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
        ...(headerProblem ? { xMcpHeaderProblem: sanitize(headerProblem, 300) } : {}),
      };
    });
}

/** `GET` with `Accept: text/event-stream`: an SSE stream, a 405, or a legacy SSE endpoint's first event. */
export async function getStream(http: HttpClient, url: string, headers: Record<string, string>): Promise<McpServerFacts['stream']> {
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
  return { ...toExchange(http, res, { kind: 'other' }), ...(firstEvent ? { firstEvent: sanitize(firstEvent, 60) } : {}) };
}

/**
 * The first POST of an era, following same-origin 307/308 only, as the MCP SDK's client does
 * (`fetchWithinOrigin`); every redirect is recorded, the last one unfollowed when it left the origin.
 */
export async function postFollowing(http: HttpClient, url: string, input: PostInput): Promise<{ exchange: McpExchange; target: string; redirects: McpServerFacts['redirects'] }> {
  let target = url;
  let exchange = await post(http, target, input);
  const redirects: McpServerFacts['redirects'] = [];
  while (exchange.status !== undefined && exchange.status >= 300 && exchange.status < 400 && exchange.location) {
    const next = parseHttpUrl(exchange.location);
    const crossOrigin = !next || !isWithinOrigin(new URL(target), next);
    const followed = !crossOrigin && (exchange.status === 307 || exchange.status === 308) && redirects.length < MAX_REDIRECTS;
    redirects.push({ status: exchange.status, location: sanitize(redactUrl(exchange.location), 300), crossOrigin, followed, exchangeId: exchange.exchangeId });
    if (!followed || !next) break;
    target = next.href;
    exchange = await post(http, target, input);
  }
  return { exchange, target, redirects };
}
