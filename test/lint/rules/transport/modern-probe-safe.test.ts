import { describe, expect, it } from 'vitest';
import rule from '../../../../src/lint/rules/transport/modern-probe-safe.js';
import type { McpExchange, McpServerFacts, ModernFacts, NotRunCause, ProbeStates, RuleResult } from '../../../../src/lint/types.js';
import {
  authlessServer,
  CHALLENGE,
  discoverAnswer,
  discoverServed,
  exchange,
  failedExchange,
  lintServer,
  MCP_URL,
  modernFacts,
  NOT_APPLICABLE,
  oauthServer,
  outcome,
  serverStates,
  serverTarget,
  session,
  unreachableServer,
  type Outcome,
} from '../../../helpers/facts/mcp-facts.js';
import { findingsOf, lintWith } from '../../../helpers/facts/rule-tester.js';

const ID = 'modern-probe-safe';
const JSON_CT = 'application/json';
const report = (mcp: McpServerFacts, modern: ModernFacts) => lintServer(rule, mcp, { modern });
const lint = (mcp: McpServerFacts, modern: ModernFacts) => outcome(report(mcp, modern), ID);
const withDiscover = (spec: Parameters<typeof discoverAnswer>[0]) => modernFacts({ discover: discoverAnswer(spec) });

/** SDK v1's answer to a 2026-07-28 request: 400 -32000 with `id: null`. */
const V1_REFUSAL = discoverAnswer({
  status: 400,
  contentType: JSON_CT,
  reply: { kind: 'json', problem: 'no answer to request server-discover-probe-1' },
  rpcError: { code: -32000, message: 'Bad Request: Unsupported protocol version: 2026-07-28' },
  bodySnippet: '{"jsonrpc":"2.0","error":{"code":-32000,"message":"Bad Request: Unsupported protocol version: 2026-07-28"},"id":null}',
});
const OTHER_PRM = 'https://mcp.example.com/.well-known/oauth-protected-resource';
const CF_BLOCK = { contentType: 'text/html; charset=UTF-8', bodySnippet: '<!DOCTYPE html><html><title>Attention Required! | Cloudflare</title>', edge: { server: 'cloudflare', 'cf-ray': '8a1b2c3d4e5f-AMS' } };
/** `server/discover` 401 with the SDK's challenge, then this answer with `CONNECTOR_ACCESS_TOKEN`. */
const oauthModern = (authenticated?: McpExchange, challenge = CHALLENGE) =>
  modernFacts({ discover: discoverAnswer({ status: 401, contentType: JSON_CT, wwwAuthenticate: challenge }), ...(authenticated ? { authenticated } : {}) });
const refusedToken = (exchangeId: string, status = 401) => exchange({ exchangeId, status, wwwAuthenticate: 'Bearer error="invalid_token"' });

describe('modern-probe-safe: answers the SDK v2 client can use or fall back from', () => {
  it.each<[string, McpServerFacts, ModernFacts]>([
    ['a dual-era server (DiscoverResult)', authlessServer(), modernFacts()],
    ["SDK v1's 400 -32000 (falls back)", authlessServer(), modernFacts({ discover: V1_REFUSAL })],
    ['404 with an empty body (falls back)', authlessServer(), withDiscover({ status: 404 })],
    ['405 HTML (falls back)', authlessServer(), withDiscover({ status: 405, contentType: 'text/html', bodySnippet: '<html>Method Not Allowed</html>', reply: { kind: 'other' } })],
    ['200 with JSON-RPC -32601 (falls back)', authlessServer(), withDiscover({ status: 200, contentType: JSON_CT, reply: { kind: 'json', message: { error: { code: -32601, message: 'Method not found' } } } })],
    ['401 on both eras with the same resource_metadata, no token', oauthServer(), oauthModern()],
    ['401 on both, the Bearer challenge after a DPoP one on 2026-07-28', oauthServer(), oauthModern(undefined, `DPoP algs="ES256", ${CHALLENGE}`)],
    ['401 on both, the token accepted on 2026-07-28', oauthServer({ session: session(true) }), oauthModern(discoverServed('discover-2'))],
    ['401 on both, with the token a v1 refusal (falls back)', oauthServer({ session: session(true) }), oauthModern({ ...V1_REFUSAL, exchangeId: 'discover-2' })],
    ['an unanswered initialize does not make a good discover answer bad', unreachableServer(), modernFacts()],
  ])('%s → passed', (_name, mcp, modern) => {
    expect(lint(mcp, modern)).toEqual({ status: 'passed', findings: [] });
  });
});

describe('modern-probe-safe: answers on which Claude Code fails', () => {
  it.each<[string, McpExchange, number]>([
    ['500', discoverAnswer({ status: 500, contentType: 'text/plain', bodySnippet: 'Internal Server Error' }), 500],
    ['502', discoverAnswer({ status: 502 }), 502],
    ['503', discoverAnswer({ status: 503 }), 503],
    ['a timeout', failedExchange('discover-1', 'timeout'), 0],
    ['connection reset', failedExchange('discover-1', 'reset'), 0],
    ['202', discoverAnswer({ status: 202 }), 202],
    ['200 text/html', discoverAnswer({ status: 200, contentType: 'text/html', reply: { kind: 'other' } }), 200],
    ['200 JSON that does not parse', discoverAnswer({ status: 200, contentType: JSON_CT, reply: { kind: 'json', problem: 'the body is not JSON' } }), 200],
    ['400 -32022 naming only another modern version', discoverAnswer({ status: 400, contentType: JSON_CT, rpcError: { code: -32022, data: { supported: ['2027-01-01'] } } }), 400],
  ])('%s → error with data.status', (_name, discover, status) => {
    const r = report(authlessServer(), modernFacts({ discover }));
    expect(outcome(r, ID)).toEqual({ status: 'failed', findings: [['error', { status }]] });
    const [finding] = findingsOf(r, ID);
    expect(finding?.evidence).toEqual(['discover-1']);
    expect(finding?.where).toEqual({ url: MCP_URL });
    expect(finding?.message).toContain('`server/discover`');
  });

  it('a CDN block page on the probe gets the diagnosis and its fix', () => {
    const r = report(authlessServer(), withDiscover({ status: 503, ...CF_BLOCK }));
    expect(outcome(r, ID)).toEqual({ status: 'failed', findings: [['error', { status: 503 }]] });
    expect(findingsOf(r, ID)[0]?.fix).toContain('Claude-User');
  });

  it('a 5xx with nothing recognisable keeps the rule fix', () => {
    expect(findingsOf(report(authlessServer(), withDiscover({ status: 500 })), ID)[0]?.fix).toBe(rule.meta.fix);
  });

  it('skips when neither era answered (mcp-reachable reports it)', () => {
    const r = report(unreachableServer('refused'), modernFacts({ discover: failedExchange('discover-1', 'refused') }));
    expect(r.rules[ID]).toEqual({ status: 'skipped', reason: expect.stringContaining('mcp-reachable') });
  });

  it('still judges the probe when the legacy probe produced no facts', () => {
    const states: ProbeStates = { ...serverStates(authlessServer(), { modern: withDiscover({ status: 500 }) }), mcpServer: { status: 'failed', reason: 'crashed' } };
    expect(outcome(lintWith(rule, states, serverTarget(authlessServer())), ID)).toEqual({ status: 'failed', findings: [['error', { status: 500 }]] });
  });
});

describe('modern-probe-safe: 403 on the probe', () => {
  it('403 on 2026-07-28 only → error', () => {
    const r = report(authlessServer(), withDiscover({ status: 403, contentType: 'text/plain', bodySnippet: 'Forbidden' }));
    expect(outcome(r, ID)).toEqual({ status: 'failed', findings: [['error', { status: 403 }]] });
    expect(findingsOf(r, ID)[0]?.message).toContain('`initialize` got 200');
    expect(findingsOf(r, ID)[0]?.fix).toBe(rule.meta.fix);
  });

  it('a 403 naming the Host on 2026-07-28 only → error whose fix names the host', () => {
    const r = report(authlessServer(), withDiscover({ status: 403, contentType: JSON_CT, rpcError: { code: -32000, message: 'Invalid Host header: mcp.example.com' } }));
    expect(outcome(r, ID)).toEqual({ status: 'failed', findings: [['error', { status: 403 }]] });
    expect(findingsOf(r, ID)[0]?.fix).toContain('`mcp.example.com`');
  });

  it('403 on both eras → skipped (reported once, by the legacy rules)', () => {
    const mcp = authlessServer({ initialize: exchange({ exchangeId: 'init-1', status: 403, ...CF_BLOCK }), session: undefined, observedMode: 'unknown' });
    expect(report(mcp, withDiscover({ status: 403, ...CF_BLOCK })).rules[ID]).toEqual({ status: 'skipped', reason: expect.stringContaining('transport-streamable-http') });
  });
});

describe('modern-probe-safe: 401 on the probe', () => {
  it('401 on 2026-07-28 while initialize without credentials got 200 → error citing both', () => {
    const r = report(authlessServer(), oauthModern());
    expect(outcome(r, ID)).toEqual({ status: 'failed', findings: [['error', { status: 401 }]] });
    expect(findingsOf(r, ID)[0]?.evidence).toEqual(['discover-1', 'init-1']);
  });

  it('401 on both with differing resource_metadata → warning', () => {
    const r = report(oauthServer(), oauthModern(undefined, `Bearer resource_metadata="${OTHER_PRM}"`));
    expect(outcome(r, ID)).toEqual({ status: 'failed', findings: [['warning', {}]] });
    const [finding] = findingsOf(r, ID);
    expect(finding?.message).toContain(OTHER_PRM);
    expect(finding?.evidence).toEqual(['discover-1', 'init-1']);
  });

  it('401 on both, only initialize pointing at metadata → warning', () => {
    expect(lint(oauthServer(), oauthModern(undefined, 'Bearer realm="mcp"'))).toEqual({ status: 'failed', findings: [['warning', {}]] });
  });

  it('the token refused on 2026-07-28 but accepted by initialize → error citing both', () => {
    const r = report(oauthServer({ session: session(true) }), oauthModern(refusedToken('discover-2')));
    expect(outcome(r, ID)).toEqual({ status: 'failed', findings: [['error', { status: 401 }]] });
    expect(findingsOf(r, ID)[0]?.evidence).toEqual(['discover-2', 'session-init-1']);
  });

  it('the token refused with 403 on 2026-07-28 but accepted by initialize → error', () => {
    expect(lint(oauthServer({ session: session(true) }), oauthModern(refusedToken('discover-2', 403)))).toEqual({ status: 'failed', findings: [['error', { status: 403 }]] });
  });

  it('the token refused on both eras → inconclusive, no finding', () => {
    const r = report(oauthServer({ session: { authenticated: true, initialize: refusedToken('session-init-1') } }), oauthModern(refusedToken('discover-2')));
    expect(r.rules[ID]).toEqual({ status: 'inconclusive', reason: expect.stringContaining('refused the token on both eras') });
    expect(findingsOf(r, ID)).toEqual([]);
  });

  it('with the token, a 500 → error citing the authenticated exchange', () => {
    const r = report(oauthServer({ session: session(true) }), oauthModern(discoverAnswer({ exchangeId: 'discover-2', status: 500 })));
    expect(outcome(r, ID)).toEqual({ status: 'failed', findings: [['error', { status: 500 }]] });
    expect(findingsOf(r, ID)[0]?.evidence).toEqual(['discover-2']);
  });
});

describe('modern-probe-safe: the probe produced no facts (`unavailable`)', () => {
  const states = (mcpModern: ProbeStates['mcpModern']): ProbeStates => ({ ...serverStates(authlessServer()), mcpModern });

  it('a failed probe → one error quoting the reason', () => {
    const r = lintWith(rule, states({ status: 'failed', reason: 'probe crashed' }), serverTarget(authlessServer()));
    expect(outcome(r, ID)).toEqual({ status: 'failed', findings: [['error', {}]] });
    expect(findingsOf(r, ID)[0]?.message).toContain('probe crashed');
  });

  it.each<[NotRunCause, Outcome | RuleResult]>([
    ['offline', { status: 'skipped', reason: 'offline mode' }],
    ['dependency', { status: 'skipped', reason: 'offline mode' }],
  ])('a probe that did not run (%s) → skipped with its reason', (cause, result) => {
    const r = lintWith(rule, states({ status: 'not-run', reason: 'offline mode', cause }), serverTarget(authlessServer()));
    expect(r.rules[ID]).toEqual(result);
    expect(r.findings).toEqual([]);
  });

  it('a probe that does not apply → not applicable', () => {
    expect(outcome(lintServer(rule, authlessServer()), ID)).toEqual(NOT_APPLICABLE);
  });
});
