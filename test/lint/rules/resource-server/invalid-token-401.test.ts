import { describe, expect, it } from 'vitest';
import rule from '../../../../src/lint/rules/resource-server/invalid-token-401.js';
import type { McpServerFacts, Severity } from '../../../../src/lint/types.js';
import { authlessServer, exchange, failedExchange, lintServer, MCP_URL, oauthServer, outcome, PRM_URL, rpcResult } from '../../../helpers/facts/mcp-facts.js';
import { findingsOf } from '../../../helpers/facts/rule-tester.js';

const ID = 'invalid-token-401';
const garbageGot = (spec: Parameters<typeof exchange>[0]): McpServerFacts => oauthServer({ invalidToken: exchange({ exchangeId: 'invalid-1', ...spec }) });

describe('invalid-token-401', () => {
  it.each<[string, McpServerFacts]>([
    ['the SDK answer: 401 invalid_token', oauthServer()],
    ['invalid_token unquoted, upper-case scheme', garbageGot({ status: 401, wwwAuthenticate: 'BEARER error=invalid_token' })],
    ['invalid_token in a Bearer challenge after a Basic one', garbageGot({ status: 401, wwwAuthenticate: 'Basic realm="x", Bearer error="invalid_token"' })],
    ['invalid_token in a Bearer challenge after a DPoP one', garbageGot({ status: 401, wwwAuthenticate: 'DPoP algs="ES256", error="invalid_token", Bearer error="invalid_token"' })],
  ])('%s → passed', (_name, mcp) => {
    expect(outcome(lintServer(rule, mcp), ID)).toEqual({ status: 'passed', findings: [] });
  });

  it('no answer to the invalid token (a verifier that hangs) → inconclusive, never passed', () => {
    const report = lintServer(rule, oauthServer({ invalidToken: failedExchange('invalid-1', 'timeout') }));
    expect(report.rules[ID]).toEqual({ status: 'inconclusive', reason: 'A garbage bearer token got no answer: timeout: mcp.example.com' });
  });

  it.each<[string, Parameters<typeof exchange>[0], Severity, number, RegExp]>([
    ['500 (the verifier threw)', { status: 500, contentType: 'application/json' }, 'error', 500, /a server error/],
    ['502', { status: 502 }, 'error', 502, /a server error/],
    ['403', { status: 403, wwwAuthenticate: 'Bearer error="insufficient_scope"' }, 'error', 403, /Claude treats as final/],
    ['200 with data', { status: 200, contentType: 'application/json', reply: rpcResult({ protocolVersion: '2025-11-25' }) }, 'error', 200, /accepted a token nobody issued/],
    ['400', { status: 400 }, 'error', 400, /HTTP 400/],
    ['401 without WWW-Authenticate', { status: 401 }, 'warning', 401, /`error` is absent/],
    ['401 Bearer without error', { status: 401, wwwAuthenticate: `Bearer resource_metadata="${PRM_URL}"` }, 'warning', 401, /absent/],
    ['401 error="invalid_request"', { status: 401, wwwAuthenticate: 'Bearer error="invalid_request"' }, 'warning', 401, /`invalid_request`/],
    ['401 invalid_token only in the DPoP challenge', { status: 401, wwwAuthenticate: 'DPoP algs="ES256", error="invalid_token", Bearer realm="x"' }, 'warning', 401, /absent/],
    ['401 with an unparseable challenge', { status: 401, wwwAuthenticate: 'Bearer error="invalid_token' }, 'warning', 401, /absent/],
  ])('%s → %s', (_name, spec, severity, status, message) => {
    const report = lintServer(rule, garbageGot(spec));
    expect(outcome(report, ID)).toEqual({ status: 'failed', findings: [[severity, { status }]] });
    const [finding] = findingsOf(report, ID);
    expect(finding?.message).toMatch(message);
    expect(finding?.evidence).toEqual(['invalid-1']);
    expect(finding?.where).toEqual({ url: MCP_URL });
  });

  it.each<[string, McpServerFacts]>([
    ['an authless server', authlessServer()],
    ['an OAuth server not sent a garbage token', oauthServer({ invalidToken: undefined })],
  ])('skips %s', (_name, mcp) => {
    const report = lintServer(rule, mcp);
    expect(report.rules[ID]).toEqual({ status: 'skipped', reason: 'sent only to servers that answer 401 without a token', notApplicable: true });
    expect(report.findings).toEqual([]);
  });
});

describe('invalid-token-401 with the signed-in token tampered (--login)', () => {
  const withTampered = (spec: Parameters<typeof exchange>[0]): McpServerFacts => oauthServer({ tamperedToken: exchange({ exchangeId: 'tampered-1', ...spec }) });

  it('passes when the tampered token also gets 401 invalid_token', () => {
    expect(outcome(lintServer(rule, withTampered({ status: 401, wwwAuthenticate: 'Bearer error="invalid_token"' })), ID)).toEqual({ status: 'passed', findings: [] });
  });

  it('fails a server that accepts the real token with one payload byte changed (no signature check)', () => {
    const report = lintServer(rule, withTampered({ status: 200, contentType: 'application/json', reply: rpcResult({ protocolVersion: '2025-11-25' }) }));
    expect(outcome(report, ID)).toEqual({ status: 'failed', findings: [['error', { status: 200 }]] });
    expect(findingsOf(report, ID)[0]?.message).toMatch(/^The signed-in token with one payload byte changed was answered 200/);
    expect(findingsOf(report, ID)[0]?.evidence).toEqual(['tampered-1']);
  });
});
