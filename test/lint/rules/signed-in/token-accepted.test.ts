import { describe, expect, it } from 'vitest';
import rule from '../../../../src/lint/rules/signed-in/token-accepted.js';
import type { McpServerFacts, ModernFacts } from '../../../../src/lint/types.js';
import { failedLogin, loginFacts } from '../../../helpers/facts/login-facts.js';
import { authlessServer, discoverServed, exchange, failedExchange, lintServer, modernFacts, modernOnlyServer, NOT_APPLICABLE, oauthServer, outcome, session } from '../../../helpers/facts/mcp-facts.js';
import { findingsOf } from '../../../helpers/facts/rule-tester.js';

const ID = 'token-accepted';
const unauthorized = () => exchange({ exchangeId: 'd-1', status: 401, wwwAuthenticate: 'Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp"' });
const refusedSession = (status: number): McpServerFacts => oauthServer({ session: { authenticated: true, initialize: exchange({ exchangeId: 's-1', status }) } });
const modernWith = (status: number): ModernFacts => modernFacts({ discover: unauthorized(), authenticated: exchange({ exchangeId: 'd-2', status }) });

describe('token-accepted', () => {
  it('passes when both eras accept the signed-in token', () => {
    const report = lintServer(rule, oauthServer({ session: session(true) }), { modern: modernFacts({ discover: unauthorized(), authenticated: discoverServed('d-2') }), login: loginFacts() });
    expect(outcome(report, ID)).toEqual({ status: 'passed', findings: [] });
  });

  it.each([401, 403])('fails with an error when the legacy era answers the IdP\'s own token %i, naming the token\'s audience', (status) => {
    const report = lintServer(rule, refusedSession(status), { login: loginFacts({ token: { format: 'jwt', audience: ['https://other.example/api'], refreshToken: false } }) });
    expect(outcome(report, ID)).toEqual({ status: 'failed', findings: [['error', { status, era: '`initialize` (2025-11-25)' }]] });
    expect(findingsOf(report, ID)[0]?.message).toContain('`https://other.example/api`');
  });

  it('fails when only the 2026-07-28 era refuses the token', () => {
    const report = lintServer(rule, oauthServer({ session: session(true) }), { modern: modernWith(401), login: loginFacts() });
    expect(outcome(report, ID)).toEqual({ status: 'failed', findings: [['error', { status: 401, era: '`server/discover` (2026-07-28)' }]] });
  });

  it('names a server error on a valid token', () => {
    const report = lintServer(rule, refusedSession(500), { login: loginFacts() });
    expect(outcome(report, ID)).toEqual({ status: 'failed', findings: [['error', { status: 500, era: '`initialize` (2025-11-25)' }]] });
    expect(findingsOf(report, ID)[0]?.message).toContain('500 (a server error)');
  });

  it.each<[string, McpServerFacts, number, RegExp]>([
    ['a redirect of initialize to a login page', oauthServer({ session: { authenticated: true, initialize: exchange({ exchangeId: 's-1', status: 302, location: 'https://sso.example.com/login' }) } }), 302, /302 \(a redirect to `https:\/\/sso.example.com\/login`\)/],
    ['a 200 carrying a JSON-RPC error', oauthServer({ session: { authenticated: true, initialize: exchange({ exchangeId: 's-1', status: 200, contentType: 'application/json', reply: { kind: 'json', message: { error: { code: -32001, message: 'no' } } } }) } }), 200, /200 without a JSON-RPC result \(error `-32001`\)/],
    ['tools/list refused with 403 after initialize succeeded', oauthServer({ session: { ...session(true), toolsList: exchange({ exchangeId: 't-1', status: 403, wwwAuthenticate: 'Bearer error="insufficient_scope"' }) } }), 403, /`tools\/list` \(2025-11-25\)/],
  ])('fails %s: only a JSON-RPC result accepts the token on 2025-11-25', (_name, mcp, status, message) => {
    const report = lintServer(rule, mcp, { login: loginFacts() });
    expect(outcome(report, ID).findings.map(([severity, data]) => [severity, data.status])).toEqual([['error', status]]);
    expect(findingsOf(report, ID)[0]?.message).toMatch(message);
  });

  it('leaves a 2026-07-28-only server\'s refusal of `initialize` (-32022) to the era rules: the token got through', () => {
    const { initialize } = modernOnlyServer();
    const report = lintServer(rule, oauthServer({ session: { authenticated: true, initialize } }), { login: loginFacts() });
    expect(outcome(report, ID)).toEqual({ status: 'passed', findings: [] });
  });

  it('passes a 2026-07-28 answer that is no refusal (a legacy-only server), leaving the era to modern-era-served', () => {
    const legacyOnly = exchange({ exchangeId: 'd-2', status: 400, contentType: 'application/json', reply: { kind: 'json', message: { error: { code: -32000, message: 'Unsupported protocol version' } } } });
    const report = lintServer(rule, oauthServer({ session: session(true) }), { modern: modernFacts({ discover: unauthorized(), authenticated: legacyOnly }), login: loginFacts() });
    expect(outcome(report, ID)).toEqual({ status: 'passed', findings: [] });
  });

  it('only warns about a refused CONNECTOR_ACCESS_TOKEN, which may simply have expired', () => {
    const report = lintServer(rule, refusedSession(401));
    expect(outcome(report, ID)).toEqual({ status: 'failed', findings: [['warning', { status: 401, era: '`initialize` (2025-11-25)' }]] });
    expect(findingsOf(report, ID)[0]?.message).toContain('expired');
  });

  it('is inconclusive when the request with the token got no answer', () => {
    const report = lintServer(rule, oauthServer({ session: { authenticated: true, initialize: failedExchange('s-1', 'timeout') } }), { login: loginFacts() });
    expect(report.rules[ID]?.status).toBe('inconclusive');
  });

  it('is skipped without a token, naming --login and CONNECTOR_ACCESS_TOKEN, with no finding', () => {
    const report = lintServer(rule, oauthServer(), { login: failedLogin('denied', 'denied') });
    expect(report.rules[ID]).toEqual({ status: 'skipped', reason: expect.stringMatching(/--login.*CONNECTOR_ACCESS_TOKEN/) });
    expect(findingsOf(report, ID)).toEqual([]);
  });

  it('does not concern a server that asks for no sign-in', () => {
    expect(outcome(lintServer(rule, authlessServer()), ID)).toEqual(NOT_APPLICABLE);
  });
});
