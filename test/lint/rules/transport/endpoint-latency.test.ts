import { describe, expect, it } from 'vitest';
import rule from '../../../../src/lint/rules/transport/endpoint-latency.js';
import type { AuthorizationServerFacts, ProbeStates } from '../../../../src/lint/types.js';
import { registrationFacts, registrationStates } from '../../../helpers/facts/chains.js';
import { asFromPrm, authlessServer, exchange, failedExchange, MCP_URL, oauthServer, okExchange, PRM_URL, prmFacts, serverStates } from '../../../helpers/facts/mcp-facts.js';
import { asFacts, findingsOf, lintWith, statesFor } from '../../../helpers/facts/rule-tester.js';

const ID = 'endpoint-latency';
const MD = { issuer: 'https://idp.example.com' };

function lint(states: ProbeStates) {
  const report = lintWith(rule, states);
  return { status: report.rules[ID]?.status, findings: findingsOf(report, ID).map((f) => [f.severity, f.data.ms, f.where?.url]) };
}
const discovery = (overrides: Partial<AuthorizationServerFacts>) => statesFor(asFacts(MD, overrides));
const DOC = 'https://idp.example.com/.well-known/openid-configuration';

describe('endpoint-latency: discovery', () => {
  it.each<[number, string, unknown[]]>([
    [20, 'passed', []],
    [3000, 'passed', []],
    [3001, 'failed', [['warning', 3001, DOC]]],
    [10000, 'failed', [['warning', 10000, DOC]]],
    [10001, 'failed', [['error', 10001, DOC]]],
  ])('%i ms → %s', (ms, status, findings) => {
    expect(lint(discovery({ durationMs: ms }))).toEqual({ status, findings });
  });

  it('has nothing to time for a --metadata file', () => {
    expect(lint(discovery({ source: 'file', durationMs: 20000 }))).toEqual({ status: 'passed', findings: [] });
  });

  it('has nothing to time without a duration', () => {
    expect(lint(discovery({ durationMs: undefined }))).toEqual({ status: 'passed', findings: [] });
  });
});

describe('endpoint-latency: registration', () => {
  it.each<[number, string, unknown[]]>([
    [2999, 'passed', []],
    [4000, 'failed', [['warning', 4000, 'https://idp.example.com/reg']]],
    [12000, 'failed', [['error', 12000, 'https://idp.example.com/reg']]],
  ])('a %i ms registration → %s', (ms, status, findings) => {
    expect(lint(registrationStates(registrationFacts({ durationMs: ms })))).toEqual({ status, findings });
  });

  it('times a refused registration too', () => {
    const facts = registrationFacts({ status: 400, durationMs: 11000, response: { error: 'invalid_client_metadata' }, clientId: undefined });
    expect(lint(registrationStates(facts)).findings).toEqual([['error', 11000, 'https://idp.example.com/reg']]);
  });

  it('does not time a registration that got no answer (dcr-accepts-claude-registration reports it)', () => {
    const facts = registrationFacts({ status: undefined, durationMs: 10500, failure: { cause: 'timeout', detail: 'timeout' } });
    expect(lint(registrationStates(facts))).toEqual({ status: 'passed', findings: [] });
  });

  it('reports slow discovery and slow registration separately, errors first', () => {
    const states = registrationStates(registrationFacts({ durationMs: 3500 }));
    if (states.authorizationServer.status === 'ok') states.authorizationServer.value.durationMs = 10500;
    expect(lint(states).findings).toEqual([
      ['error', 10500, DOC],
      ['warning', 3500, 'https://idp.example.com/reg'],
    ]);
  });
});

describe('endpoint-latency: MCP server and protected-resource metadata', () => {
  const authless = (ms: number) => serverStates(authlessServer({ initialize: okExchange('init-1', {}, { durationMs: ms }) }));
  const oauth = (initMs: number, prmMs: number) =>
    serverStates(oauthServer({ initialize: exchange({ exchangeId: 'init-1', status: 401, durationMs: initMs }) }), { prm: prmFacts({}, { durationMs: prmMs }) });

  it('runs with no probe facts at all (requires nothing)', () => {
    const none = { status: 'not-run' as const, reason: 'n/a', cause: 'not-applicable' as const };
    const states: ProbeStates = { mcpServer: none, mcpModern: none, protectedResource: none, authorizationServer: none, registration: none, redirectUris: none, cimd: none, login: none };
    expect(lintWith(rule, states).rules[ID]).toEqual({ status: 'passed' });
  });

  it.each<[number, string, unknown[]]>([
    [50, 'passed', []],
    [3000, 'passed', []],
    [3001, 'failed', [['warning', 3001, MCP_URL]]],
    [10001, 'failed', [['error', 10001, MCP_URL]]],
  ])('a %i ms initialize → %s', (ms, status, findings) => {
    expect(lint(authless(ms))).toEqual({ status, findings });
  });

  it('times the 401 of an OAuth server and the metadata document separately', () => {
    expect(lint(oauth(3500, 12000)).findings).toEqual([
      ['error', 12000, PRM_URL],
      ['warning', 3500, MCP_URL],
    ]);
  });

  it.each<[number, string, unknown[]]>([
    [2000, 'passed', []],
    [9000, 'failed', [['warning', 9000, PRM_URL]]],
  ])('a %i ms protected-resource document → %s', (ms, status, findings) => {
    expect(lint(oauth(50, ms))).toEqual({ status, findings });
  });

  it('does not time an initialize that got no answer (mcp-reachable reports it)', () => {
    const states = serverStates(oauthServer({ initialize: { ...failedExchange('init-1', 'timeout'), durationMs: 10500 } }));
    expect(lint(states)).toEqual({ status: 'passed', findings: [] });
  });

  it('times every step of a server run in order: MCP, metadata, discovery', () => {
    const states = serverStates(oauthServer({ initialize: exchange({ exchangeId: 'init-1', status: 401, durationMs: 4000 }) }), {
      prm: prmFacts({}, { durationMs: 5000 }),
      as: asFromPrm({ issuer: 'https://idp.example.com' }, { durationMs: 6000 }),
    });
    expect(lint(states).findings).toEqual([
      ['warning', 4000, MCP_URL],
      ['warning', 5000, PRM_URL],
      ['warning', 6000, DOC],
    ]);
  });
});
