import { describe, expect, it } from 'vitest';
import rule from '../../../../src/lint/rules/transport/transport-streamable-http.js';
import type { McpServerFacts } from '../../../../src/lint/types.js';
import {
  authlessServer,
  exchange,
  legacySseServer,
  lintServer,
  oauthServer,
  okExchange,
  outcome,
  rpcError,
  rpcResult,
  session,
  unreachableServer,
  type ServerLint,
} from '../../../helpers/facts/mcp-facts.js';
import { findingsOf } from '../../../helpers/facts/rule-tester.js';

const ID = 'transport-streamable-http';
const lint = (mcp: McpServerFacts, opts: ServerLint = {}) => outcome(lintServer(rule, mcp, opts), ID);
/** A server whose first `initialize` got this answer (and nothing else was probed). */
const initAnswered = (spec: Parameters<typeof exchange>[0], mode: McpServerFacts['observedMode'] = 'unknown') =>
  authlessServer({ initialize: exchange({ exchangeId: 'init-1', ...spec }), session: undefined, stream: undefined, observedMode: mode });
const stream = (status: number | undefined, contentType?: string) => exchange({ exchangeId: 'stream-1', status, contentType });

describe('transport-streamable-http: Streamable HTTP servers', () => {
  it.each<[string, McpServerFacts]>([
    ['JSON answer, GET 405', authlessServer()],
    ['SSE answer, GET opens a stream', authlessServer({ initialize: okExchange('init-1', {}, { contentType: 'text/event-stream', reply: rpcResult({}, 'sse') }), stream: stream(200, 'text/event-stream') })],
    ['no GET probed', authlessServer({ stream: undefined })],
    ['GET failed (no answer)', authlessServer({ stream: { ...stream(undefined), failure: { cause: 'timeout', detail: 'timeout' } } })],
    ['OAuth server with an authenticated session', oauthServer({ session: session(true), stream: stream(405) })],
  ])('%s → passed', (_name, mcp) => {
    expect(lint(mcp)).toEqual({ status: 'passed', findings: [] });
  });
});

describe('transport-streamable-http: wrong answers to POST initialize', () => {
  it.each<[string, McpServerFacts, number]>([
    ['404', initAnswered({ status: 404, contentType: 'text/html' }), 404],
    ['500', initAnswered({ status: 500, contentType: 'text/plain' }), 500],
    ['406', initAnswered({ status: 406, contentType: 'application/json', reply: rpcError(-32000, 'Not Acceptable') }), 406],
    ['200 text/html', initAnswered({ status: 200, contentType: 'text/html', reply: { kind: 'other' } }), 200],
    ['200 with an empty body', initAnswered({ status: 200, reply: { kind: 'empty' } }), 200],
    ['200 with a JSON-RPC error', initAnswered({ status: 200, contentType: 'application/json', reply: rpcError(-32600) }), 200],
    ['200 SSE that never answered', initAnswered({ status: 200, contentType: 'text/event-stream', reply: { kind: 'sse', problem: 'no answer to request 1 in the event stream' } }), 200],
  ])('%s → error with data.status', (_name, mcp, status) => {
    expect(lint(mcp)).toEqual({ status: 'failed', findings: [['error', { status }]] });
  });

  it('quotes the reply problem', () => {
    const mcp = initAnswered({ status: 200, contentType: 'text/event-stream', reply: { kind: 'sse', problem: 'no answer to request 1 in the event stream' } });
    expect(findingsOf(lintServer(rule, mcp), ID)[0]?.message).toContain('no answer to request 1');
  });

  it('leaves a 404 of a server declared oauth to unauth-returns-401', () => {
    expect(lint(initAnswered({ status: 404 }), { declared: 'oauth' })).toEqual({ status: 'passed', findings: [] });
  });

  it('judges the authenticated session, not the 401', () => {
    const mcp = oauthServer({ session: { authenticated: true, initialize: exchange({ exchangeId: 's-1', status: 500 }) } });
    expect(lint(mcp)).toEqual({ status: 'failed', findings: [['error', { status: 500 }]] });
  });

  it('fails a server declared oauth whose authenticated session is refused with 403', () => {
    const mcp = oauthServer({ session: { authenticated: true, initialize: exchange({ exchangeId: 's-1', status: 403 }) } });
    expect(lint(mcp, { declared: 'oauth' })).toEqual({ status: 'failed', findings: [['error', { status: 403, cause: 'token-refused' }]] });
    expect(findingsOf(lintServer(rule, mcp, { declared: 'oauth' }), ID)[0]?.message).toContain('with the token');
  });
});

describe('transport-streamable-http: GET', () => {
  it.each<[number, string | undefined]>([
    [200, 'application/json'],
    [200, undefined],
    [404, 'text/html'],
    [400, 'application/json'],
  ])('GET answered %i %s → warning', (status, contentType) => {
    expect(lint(authlessServer({ stream: stream(status, contentType) }))).toEqual({ status: 'failed', findings: [['warning', { status }]] });
  });

  it('cites the GET exchange', () => {
    expect(findingsOf(lintServer(rule, authlessServer({ stream: stream(404) })), ID)[0]?.evidence).toEqual(['stream-1']);
  });
});

describe('transport-streamable-http: legacy HTTP+SSE', () => {
  it('POST 405 + GET event stream starting with `endpoint` → warning', () => {
    const report = lintServer(rule, legacySseServer());
    expect(outcome(report, ID)).toEqual({ status: 'failed', findings: [['warning', { transport: 'legacy-sse' }]] });
    expect(findingsOf(report, ID)[0]?.evidence).toEqual(['init-1', 'stream-1']);
  });

  it.each<[string, McpServerFacts]>([
    ['the first event is not `endpoint`', legacySseServer({ stream: { ...stream(200, 'text/event-stream'), firstEvent: 'message' } })],
    ['the GET is not an event stream', legacySseServer({ stream: { ...stream(200, 'text/html'), firstEvent: 'endpoint' } })],
  ])('not legacy when %s: the POST 405 is an error', (_name, mcp) => {
    expect(lint(mcp)).toEqual({ status: 'failed', findings: [['error', { status: 405 }]] });
  });
});

describe('transport-streamable-http: nothing to judge', () => {
  it('skips an OAuth server without a token', () => {
    const report = lintServer(rule, oauthServer());
    expect(report.rules[ID]).toEqual({ status: 'skipped', reason: expect.stringContaining('CONNECTOR_ACCESS_TOKEN') });
  });

  it.each<[string, McpServerFacts]>([
    ['no answer (mcp-reachable reports it)', unreachableServer()],
    ['a same-host 302 not followed', initAnswered({ status: 302, location: 'https://mcp.example.com/mcp/' })],
  ])('reports nothing for %s', (_name, mcp) => {
    expect(lint(mcp).findings).toEqual([]);
  });

  it('does not judge the transport behind a cross-host redirect', () => {
    const mcp = initAnswered({ status: 404 });
    mcp.redirects = [{ status: 307, location: 'https://other.example.com/mcp', crossOrigin: true, followed: false, exchangeId: 'r-1' }];
    expect(lint(mcp)).toEqual({ status: 'passed', findings: [] });
  });
});

describe('transport-streamable-http: a refused token', () => {
  it('is inconclusive, never a silent pass, and leaves the refusal to token-accepted', () => {
    const refused = exchange({ exchangeId: 's-1', status: 401, wwwAuthenticate: 'Bearer error="invalid_token"' });
    const report = lintServer(rule, oauthServer({ session: { authenticated: true, initialize: refused } }));
    expect(report.rules['transport-streamable-http']).toEqual({ status: 'inconclusive', reason: expect.stringContaining('`token-accepted`') });
    expect(findingsOf(report, 'transport-streamable-http')).toEqual([]);
  });

  it('rejects an initialize answer with a protocol version no client accepts', () => {
    const init = exchange({ exchangeId: 'init-1', status: 200, contentType: 'application/json', reply: { kind: 'json', message: { result: { protocolVersion: '2099-01-01' } } } });
    const report = lintServer(rule, authlessServer({ initialize: init, session: { authenticated: false, initialize: init } }));
    expect(findingsOf(report, 'transport-streamable-http')[0]?.data).toEqual({ protocolVersion: '2099-01-01' });
  });
});

describe('transport-streamable-http: refusals the server explains', () => {
  const CF_EDGE = { server: 'cloudflare', 'cf-ray': '8a1b2c3d4e5f-AMS' };

  it('400 -32022 on initialize: the endpoint serves only 2026-07-28 → error with the new message and fix', () => {
    const error = { code: -32022, message: 'Unsupported protocol version: 2025-11-25', data: { supported: ['2026-07-28'], requested: '2025-11-25' } };
    const mcp = initAnswered({ status: 400, contentType: 'application/json', reply: { kind: 'json', message: { error } }, rpcError: error });
    const report = lintServer(rule, mcp);
    expect(outcome(report, ID)).toEqual({ status: 'failed', findings: [['error', { status: 400, code: -32022 }]] });
    const [finding] = findingsOf(report, ID);
    expect(finding?.message).toContain('this endpoint serves only 2026-07-28');
    expect(finding?.message).toContain('hosted Claude opens with `initialize`');
    expect(finding?.fix).toContain('createMcpHandler');
    expect(finding?.fix).toContain('legacy: "reject"');
    expect(finding?.evidence).toEqual(['init-1']);
  });

  it('400 -32022 naming only legacy versions is no modern-only server (plain error, no code)', () => {
    const error = { code: -32022, message: 'Unsupported protocol version', data: { supported: ['2024-11-05'] } };
    const report = lintServer(rule, initAnswered({ status: 400, contentType: 'application/json', rpcError: error }));
    expect(outcome(report, ID)).toEqual({ status: 'failed', findings: [['error', { status: 400, cause: 'unsupported-version' }]] });
    expect(findingsOf(report, ID)[0]?.message).not.toContain('serves only 2026-07-28');
  });

  it('403 naming the Host → the DNS-rebinding diagnosis, its fix naming the host', () => {
    const mcp = initAnswered({ status: 403, contentType: 'application/json', rpcError: { code: -32000, message: 'Invalid Host header: mcp.example.com' } });
    const report = lintServer(rule, mcp);
    expect(outcome(report, ID)).toEqual({ status: 'failed', findings: [['error', { status: 403, cause: 'host-check' }]] });
    const [finding] = findingsOf(report, ID);
    expect(finding?.message).toContain('DNS-rebinding');
    expect(finding?.fix).toContain('`mcp.example.com`');
  });

  it('a Cloudflare HTML 403 → edge-block', () => {
    const mcp = initAnswered({ status: 403, contentType: 'text/html; charset=UTF-8', bodySnippet: '<!DOCTYPE html><html><title>Attention Required! | Cloudflare</title>', edge: CF_EDGE });
    const report = lintServer(rule, mcp);
    expect(outcome(report, ID)).toEqual({ status: 'failed', findings: [['error', { status: 403, cause: 'edge-block' }]] });
    expect(findingsOf(report, ID)[0]?.message).toContain('Cloudflare');
  });

  it('a Cloudflare JSON 403 is no block page: plain error without a cause', () => {
    const mcp = initAnswered({ status: 403, contentType: 'application/json', bodySnippet: '{"error":"forbidden"}', edge: CF_EDGE });
    expect(lint(mcp)).toEqual({ status: 'failed', findings: [['error', { status: 403 }]] });
  });

  it('a GET answered 405 is accepted', () => {
    expect(lint(authlessServer({ stream: stream(405, 'text/plain') }))).toEqual({ status: 'passed', findings: [] });
  });
});
