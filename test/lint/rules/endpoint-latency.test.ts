import { describe, expect, it } from 'vitest';
import rule from '../../../src/lint/rules/endpoint-latency.js';
import type { AuthorizationServerFacts, ProbeStates } from '../../../src/lint/types.js';
import { registrationFacts, registrationStates } from '../../helpers/chains.js';
import { asFacts, findingsOf, lintWith, statesFor } from '../../helpers/rule-tester.js';

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
