import { describe, expect, it } from 'vitest';
import { classifyEras, isModernError, modernProbeOutcome, type ModernProbeOutcome } from '../../../src/lint/protocol/eras.js';
import type { McpExchange, McpServerFacts, ModernFacts, ProbeState, ProtocolEras } from '../../../src/lint/types.js';
import {
  CHALLENGE,
  DISCOVER_RESULT,
  discoverAnswer,
  discoverServed,
  exchange,
  failedExchange,
  legacySseServer,
  modernFacts,
  modernOnlyServer,
  oauthServer,
  authlessServer,
  rpcError,
  session,
  unreachableServer,
} from '../../helpers/facts/mcp-facts.js';

/*
 * The SDK v2 client's fall-back table, row by row. "SDK:" comments name the code path of
 * @modelcontextprotocol/client 2.4.0 each row mirrors: `classifyProbeOutcome` and its helpers
 * (dist/public-*.mjs), and the transport's `StreamableHTTPClientTransport._send` (dist/index.mjs),
 * which turns the HTTP answer into the outcome the classifier sees.
 */

const JSON_CT = 'application/json';
/** What SDK v1 1.32.2 answers a 2026-07-28 request (research §1.4): 400, `id: null`, -32000. */
const V1_BODY = '{"jsonrpc":"2.0","error":{"code":-32000,"message":"Bad Request: Unsupported protocol version: 2026-07-28 (supported versions: 2025-11-25, 2025-06-18, 2025-03-26, 2024-11-05, 2024-10-07)"},"id":null}';
const V1_REFUSAL = discoverAnswer({
  status: 400,
  contentType: JSON_CT,
  // `id: null` answers no request: the reply reader finds no answer, the refusal reader the error.
  reply: { kind: 'json', problem: 'no answer to request server-discover-probe-1' },
  rpcError: { code: -32000, message: 'Bad Request: Unsupported protocol version: 2026-07-28 (supported versions: 2025-11-25, 2025-06-18, 2025-03-26, 2024-11-05, 2024-10-07)' },
  bodySnippet: V1_BODY,
});

/** A 400 `-32022` with this `data`, read as the probe reads it (the answer carries the request's id). */
function unsupported(data: unknown, status = 400): McpExchange {
  const error = { code: -32022, message: 'Unsupported protocol version: 2026-07-28', ...(data !== undefined ? { data } : {}) };
  return discoverAnswer({ status, contentType: JSON_CT, reply: { kind: 'json', message: { error } }, rpcError: error, bodySnippet: JSON.stringify({ jsonrpc: '2.0', id: 'server-discover-probe-1', error }) });
}

const HTML = '<!DOCTYPE html><html><head><title>Not Found</title></head><body>Cannot POST /mcp</body></html>';
const refusal = (status: number, contentType?: string, bodySnippet?: string) =>
  discoverAnswer({ status, ...(contentType ? { contentType } : {}), reply: bodySnippet ? { kind: 'other' } : { kind: 'empty' }, ...(bodySnippet ? { bodySnippet } : {}) });

type Row = [string, ModernProbeOutcome['kind'], McpExchange, RegExp?];

const ROWS: Row[] = [
  // SDK: normalizeReply 'response' → classifyResult: the codec validates `DiscoverResult`, then
  // `clientModernVersions.find(v => supportedVersions.includes(v))` → { kind: 'modern' }.
  ['2xx DiscoverResult listing 2026-07-28', 'modern', discoverServed()],
  // SDK: classifyResult with no overlap and `fallbackAvailable` (auto mode) → { kind: 'legacy' }.
  ['2xx DiscoverResult listing only another modern version', 'fallback', discoverServed('discover-1', { ...DISCOVER_RESULT, supportedVersions: ['2027-01-01'] }), /2027-01-01/],
  // SDK: classifyResult, no overlap (an empty list) → legacy.
  ['2xx DiscoverResult listing no version', 'fallback', discoverServed('discover-1', { ...DISCOVER_RESULT, supportedVersions: [] })],
  // SDK: classifyResult: `validateResult('server/discover')` fails (no `supportedVersions`) → legacy.
  ['2xx result that is no DiscoverResult (an initialize result)', 'fallback', discoverServed('discover-1', { protocolVersion: '2025-11-25', capabilities: {}, serverInfo: { name: 's', version: '1' } }), /DiscoverResult/],
  // SDK: classifyResult: `capabilities` must be an object (ServerCapabilities2026Schema) → legacy.
  ['2xx result whose capabilities is an array', 'fallback', discoverServed('discover-1', { supportedVersions: ['2026-07-28'], capabilities: [] })],
  // SDK: classifyResult: `supportedVersions` must be `z.array(z.string())` → legacy.
  ['2xx result whose supportedVersions holds a number', 'fallback', discoverServed('discover-1', { supportedVersions: [20260728], capabilities: {} })],
  // SDK: normalizeReply 'response' with `error` → classifyRpcError: not -32022 → { kind: 'legacy' }.
  ['2xx JSON-RPC error -32601', 'fallback', discoverAnswer({ status: 200, contentType: JSON_CT, reply: rpcError(-32601, 'Method not found') }), /-32601/],
  // SDK: `_send` 400 with a modern envelope, but `id: null` matches no request → SdkHttpError →
  // classifyHttpError → parseJsonRpcErrorBody(-32000) → classifyRpcError → legacy.
  ["400 with SDK v1's -32000 body and `id: null`", 'fallback', V1_REFUSAL, /-32000/],
  // SDK: classifyRpcError -32022: `modernProtocolVersions(supported)` empty, fallbackAvailable → legacy.
  ['400 -32022 whose data.supported names only legacy versions', 'fallback', unsupported({ supported: ['2025-11-25', '2025-06-18'] }), /2025-11-25/],
  // SDK: classifyRpcError -32022: modern versions but no mutual one → { kind: 'error' }.
  ['400 -32022 whose data.supported names only another modern version', 'fails', unsupported({ supported: ['2027-01-01'] }), /2027-01-01/],
  // SDK: classifyRpcError -32022 with a mutual version → 'corrective'; the one retry
  // (`correctiveUsed`) gets the same refusal and throws the UnsupportedProtocolVersionError.
  ['400 -32022 whose data.supported names 2026-07-28', 'fails', unsupported({ supported: ['2026-07-28'], requested: '2026-07-28' }), /2026-07-28/],
  // SDK: classifyRpcError -32022: parseSupportedList(data) undefined (no data) → legacy.
  ['400 -32022 without data', 'fallback', unsupported(undefined)],
  // SDK: parseSupportedList: an empty list is no list → legacy.
  ['400 -32022 with an empty supported list', 'fallback', unsupported({ supported: [] })],
  // SDK: parseSupportedList: a list with a non-string entry is no list → legacy.
  ['400 -32022 with a non-string in the supported list', 'fallback', unsupported({ supported: ['2026-07-28', 7] })],
  // SDK: `_send` !ok (404) → SdkHttpError → classifyHttpError → parseJsonRpcErrorBody(-32601) → legacy.
  ['404 -32601 (the research §1.4 hand-written legacy server)', 'fallback', discoverAnswer({ status: 404, contentType: JSON_CT, reply: rpcError(-32601, 'Method not found'), rpcError: { code: -32601, message: 'Method not found' }, bodySnippet: '{"jsonrpc":"2.0","id":"server-discover-probe-1","error":{"code":-32601,"message":"Method not found"}}' })],
  // SDK: classifyHttpError: < 500, parseJsonRpcErrorBody('') undefined → legacy.
  ['404 with an empty body', 'fallback', refusal(404), /empty body/],
  // SDK: classifyHttpError: parseJsonRpcErrorBody(HTML) → JSON.parse throws → undefined → legacy.
  ['404 with an HTML page', 'fallback', refusal(404, 'text/html', HTML)],
  ['405 with an empty body', 'fallback', refusal(405)],
  ['405 with an HTML page', 'fallback', refusal(405, 'text/html', HTML)],
  ['406 with an empty body', 'fallback', refusal(406)],
  ['406 with an HTML page', 'fallback', refusal(406, 'text/html', HTML)],
  ['415 with an empty body', 'fallback', refusal(415)],
  ['415 with an HTML page', 'fallback', refusal(415, 'text/html', HTML)],
  // SDK: classifyHttpError: 401 → SdkHttpError CLIENT_HTTP_AUTHENTICATION, never legacy.
  ['401 with a Bearer challenge', 'auth', discoverAnswer({ status: 401, contentType: JSON_CT, wwwAuthenticate: CHALLENGE })],
  // SDK: classifyHttpError: 403 → SdkHttpError CLIENT_HTTP_FORBIDDEN, never legacy.
  ['403', 'auth', discoverAnswer({ status: 403, contentType: 'text/plain', bodySnippet: 'Forbidden' })],
  // SDK: classifyHttpError: 401/403 are checked before the body: even a -32022 body is no fall-back.
  ['403 whose body is -32022 naming legacy versions', 'auth', unsupported({ supported: ['2025-11-25'] }, 403)],
  // SDK: classifyHttpError: status >= 500 → ERA_NEGOTIATION_FAILED ("a server failure, not era evidence").
  ['500', 'fails', discoverAnswer({ status: 500, contentType: 'text/plain', bodySnippet: 'Internal Server Error' }), /500/],
  ['502', 'fails', discoverAnswer({ status: 502, contentType: 'text/html', bodySnippet: HTML }), /502/],
  ['503', 'fails', discoverAnswer({ status: 503 }), /503/],
  // SDK: classifyHttpError checks >= 500 before reading the body: a 5xx -32022 still fails.
  ['500 whose body is -32022 naming legacy versions', 'fails', unsupported({ supported: ['2025-11-25'] }, 500)],
  // SDK: 'timeout' on HTTP → REQUEST_TIMEOUT ("silence there is an outage").
  ['a timeout', 'fails', failedExchange('discover-1', 'timeout'), /no answer/],
  // SDK: fetch rejects → 'network-error' → classifyNetworkError (node) → ERA_NEGOTIATION_FAILED.
  ['connection refused', 'fails', failedExchange('discover-1', 'refused'), /refused/],
  ['DNS failure', 'fails', failedExchange('discover-1', 'dns')],
  // SDK: `_send` returns on 202 without delivering a message; the probe window then times out.
  ['202 with an empty body', 'fails', discoverAnswer({ status: 202, reply: { kind: 'empty' } }), /202/],
  // SDK: `_send` throws ClientHttpUnexpectedContent for a 2xx neither JSON nor SSE →
  // isUnusableReplyError → 'unusable-reply' → ERA_NEGOTIATION_FAILED.
  ['200 text/html', 'fails', discoverAnswer({ status: 200, contentType: 'text/html', reply: { kind: 'other' } }), /text\/html/],
  // SDK: `response.json()` throws SyntaxError → isUnusableReplyError → 'unusable-reply'.
  ['200 JSON that does not parse', 'fails', discoverAnswer({ status: 200, contentType: JSON_CT, reply: { kind: 'json', problem: 'the body is not JSON' } }), /not JSON/],
  // SDK: an answer to another id is delivered but answers nothing: the probe times out.
  ['200 JSON answering another id', 'fails', discoverAnswer({ status: 200, contentType: JSON_CT, reply: { kind: 'json', problem: 'no answer to request server-discover-probe-1' } })],
  // SDK: `_handleSseStream` delivers nothing for the probe's id: the probe times out.
  ['200 SSE without the answer', 'fails', discoverAnswer({ status: 200, contentType: 'text/event-stream', reply: { kind: 'sse', problem: 'no answer to request server-discover-probe-1 in the event stream' } })],
  // SDK: `_send` !ok on a redirect left unfollowed (`_unfollowedRedirect`) → SdkHttpError with
  // the 3xx status → classifyHttpError: < 500, no JSON-RPC error in the body → legacy.
  ['an unfollowed cross-origin 307', 'fallback', discoverAnswer({ status: 307, location: 'https://other.example.com/mcp' })],
  ['an unfollowed 302 with an HTML body', 'fallback', discoverAnswer({ status: 302, location: 'https://mcp.example.com/login', contentType: 'text/html', bodySnippet: '<html>Found</html>', reply: { kind: 'other' } })],
  // SDK: `_send` on 202 returns before reading any body (`await response.text()`, then `return`):
  // even a DiscoverResult in a 202's body never reaches the classifier; the probe times out.
  ['202 whose body carries a DiscoverResult', 'fails', discoverAnswer({ status: 202, contentType: JSON_CT, reply: { kind: 'json', message: { result: DISCOVER_RESULT } } }), /202/],
];

describe('modernProbeOutcome: the SDK v2 client fall-back table', () => {
  it.each(ROWS)('%s → %s', (_name, kind, x, why) => {
    const outcome = modernProbeOutcome(x);
    expect(outcome.kind).toBe(kind);
    if (why) expect('why' in outcome ? outcome.why : '').toMatch(why);
  });

  it('names the version of a served era and the status of an authorization answer', () => {
    expect(modernProbeOutcome(discoverServed())).toEqual({ kind: 'modern', version: '2026-07-28' });
    expect(modernProbeOutcome(discoverAnswer({ status: 401 }))).toEqual({ kind: 'auth', status: 401 });
    expect(modernProbeOutcome(discoverAnswer({ status: 403 }))).toEqual({ kind: 'auth', status: 403 });
  });
});

describe('isModernError: the one error that is modern-era evidence', () => {
  it.each<[string, boolean, { code?: number; data?: unknown } | undefined]>([
    ['-32022 naming 2026-07-28', true, { code: -32022, data: { supported: ['2026-07-28'] } }],
    ['-32022 naming a later modern version', true, { code: -32022, data: { supported: ['2025-11-25', '2027-01-01'] } }],
    ['-32022 naming only legacy versions', false, { code: -32022, data: { supported: ['2025-11-25'] } }],
    ['-32022 without data', false, { code: -32022 }],
    ['-32022 with a list that is not all strings', false, { code: -32022, data: { supported: ['2026-07-28', 1] } }],
    ["SDK v1's -32000, even with a modern list", false, { code: -32000, data: { supported: ['2026-07-28'] } }],
    ['-32601', false, { code: -32601 }],
    ['no error', false, undefined],
  ])('%s → %s', (_name, expected, error) => {
    expect(isModernError(error)).toBe(expected);
  });
});

const ok = <T>(value: T): ProbeState<T> => ({ status: 'ok', value });
const eras = (legacy: McpServerFacts | ProbeState<McpServerFacts>, modern: ModernFacts | ProbeState<ModernFacts>): ProtocolEras =>
  classifyEras({
    mcpServer: 'initialize' in legacy ? ok(legacy) : legacy,
    mcpModern: 'discover' in modern ? ok(modern) : modern,
  });

/** A modern-only server (`createMcpHandler({ legacy: 'reject' })`): `initialize` gets 400 -32022. */
const modernOnlyLegacy = (): McpServerFacts => ({ ...modernOnlyServer(), stream: exchange({ exchangeId: 'stream-1', status: 405 }) });
const CF_BLOCK = { status: 403, contentType: 'text/html; charset=UTF-8', bodySnippet: '<!DOCTYPE html><html><title>Attention Required! | Cloudflare</title>', edge: { server: 'cloudflare', 'cf-ray': '8a1b2c3d4e5f-AMS' } };

describe('classifyEras', () => {
  it('a dual-era server serves both', () => {
    expect(eras(authlessServer(), modernFacts())).toEqual({ legacy: { status: 'served', version: '2025-11-25' }, modern: { status: 'served', version: '2026-07-28' } });
  });

  it('an SDK v1 server serves the legacy era only', () => {
    const result = eras(authlessServer(), modernFacts({ discover: V1_REFUSAL }));
    expect(result.legacy).toEqual({ status: 'served', version: '2025-11-25' });
    expect(result.modern).toEqual({ status: 'not-served', reason: expect.stringContaining('-32000') });
  });

  it('a modern-only server refuses initialize with -32022 and serves 2026-07-28', () => {
    const result = eras(modernOnlyLegacy(), modernFacts());
    expect(result.legacy).toEqual({ status: 'not-served', reason: expect.stringMatching(/-32022.*`2026-07-28`/) });
    expect(result.modern).toEqual({ status: 'served', version: '2026-07-28' });
  });

  it('an OAuth server without a token: both unknown, each reason naming CONNECTOR_ACCESS_TOKEN', () => {
    const result = eras(oauthServer(), modernFacts({ discover: discoverAnswer({ status: 401, contentType: JSON_CT, wwwAuthenticate: CHALLENGE }) }));
    expect(result).toEqual({
      legacy: { status: 'unknown', reason: expect.stringContaining('CONNECTOR_ACCESS_TOKEN') },
      modern: { status: 'unknown', reason: expect.stringContaining('CONNECTOR_ACCESS_TOKEN') },
    });
  });

  it('an OAuth server whose token is accepted on both eras serves both', () => {
    const modern = modernFacts({ discover: discoverAnswer({ status: 401, wwwAuthenticate: CHALLENGE }), authenticated: discoverServed('discover-2') });
    expect(eras(oauthServer({ session: session(true) }), modern)).toEqual({ legacy: { status: 'served', version: '2025-11-25' }, modern: { status: 'served', version: '2026-07-28' } });
  });

  it('an OAuth server refusing the token on both eras: both unknown, each reason saying it was refused', () => {
    const refused = exchange({ exchangeId: 's-1', status: 401, wwwAuthenticate: 'Bearer error="invalid_token"' });
    const modern = modernFacts({ discover: discoverAnswer({ status: 401, wwwAuthenticate: CHALLENGE }), authenticated: discoverAnswer({ exchangeId: 'discover-2', status: 401 }) });
    expect(eras(oauthServer({ session: { authenticated: true, initialize: refused } }), modern)).toEqual({
      legacy: { status: 'unknown', reason: expect.stringMatching(/refused the token/) },
      modern: { status: 'unknown', reason: expect.stringMatching(/refused the token/) },
    });
  });

  it('a legacy HTTP+SSE server serves 2024-11-05', () => {
    const result = eras(legacySseServer(), modernFacts({ discover: refusal(405, 'text/plain') }));
    expect(result.legacy).toEqual({ status: 'served', version: '2024-11-05', reason: expect.stringContaining('HTTP+SSE') });
    expect(result.modern.status).toBe('not-served');
  });

  it('an unreachable server: both unknown', () => {
    const result = eras(unreachableServer('refused'), modernFacts({ discover: failedExchange('discover-1', 'refused') }));
    expect(result).toEqual({ legacy: { status: 'unknown', reason: expect.stringContaining('no answer') }, modern: { status: 'unknown', reason: expect.stringContaining('no answer') } });
  });

  it('a 403 block on both: both unknown, neither called not-served', () => {
    const result = eras(authlessServer({ initialize: exchange({ exchangeId: 'init-1', ...CF_BLOCK }), session: undefined, observedMode: 'unknown' }), modernFacts({ discover: discoverAnswer(CF_BLOCK) }));
    expect(result.legacy.status).toBe('unknown');
    expect(result.modern).toEqual({ status: 'unknown', reason: expect.stringContaining('403') });
  });

  it('a probe that did not run or failed: unknown with its reason', () => {
    const result = eras({ status: 'failed', reason: 'the URL is invalid' }, { status: 'not-run', reason: 'offline', cause: 'offline' });
    expect(result).toEqual({ legacy: { status: 'unknown', reason: 'the URL is invalid' }, modern: { status: 'unknown', reason: 'offline' } });
  });

  it('an initialize answering a version no 2025-era client accepts is unknown, with that version', () => {
    const init = exchange({ exchangeId: 'init-1', status: 200, contentType: JSON_CT, reply: { kind: 'json', message: { result: { protocolVersion: '2099-01-01' } } } });
    const result = eras(authlessServer({ initialize: init, session: { authenticated: false, initialize: init } }), modernFacts());
    expect(result.legacy).toEqual({ status: 'unknown', version: '2099-01-01', reason: expect.stringContaining('2099-01-01') });
  });
});
