import { describe, expect, it } from 'vitest';
import rule from '../../../src/lint/rules/client-not-credentials-only.js';
import type { JsonObject } from '../../../src/lint/types.js';
import { AUTHZ, chains as c, CLIENT_ID, IDP_METADATA, redirectFacts, redirectStates, scenario, type Chain, type Scenario } from '../../helpers/chains.js';
import { DISCOVERY_FIXTURES, loadDiscovery } from '../../helpers/discovery.js';
import { asFacts, findingsOf, lintWith, statesFor } from '../../helpers/rule-tester.js';

const ID = 'client-not-credentials-only';
const registered = (clientDefault: Chain): Scenario => scenario(c.interaction, c.invalidRedirectUri, clientDefault);

function lint(s: Scenario, metadata: JsonObject = IDP_METADATA) {
  const report = lintWith(rule, redirectStates(redirectFacts(s), metadata));
  return { report, status: report.rules[ID]?.status, findings: findingsOf(report, ID).map((f) => [f.severity, f.data]) };
}

describe('client-not-credentials-only: the metadata', () => {
  it.each<[string, unknown, string]>([
    ['client_credentials only', ['client_credentials'], 'failed'],
    ['client_credentials twice', ['client_credentials', 'client_credentials'], 'failed'],
    ['client_credentials and authorization_code', ['client_credentials', 'authorization_code'], 'passed'],
    ['empty', [], 'passed'],
    ['absent', undefined, 'passed'],
    ['a string', 'client_credentials', 'passed'],
  ])('grant_types_supported %s → %s', (_name, grants, status) => {
    const report = lintWith(rule, statesFor(asFacts({ issuer: 'https://idp.example.com', grant_types_supported: grants })));
    expect(report.rules[ID]?.status).toBe(status);
    expect(findingsOf(report, ID).map((f) => [f.severity, f.data])).toEqual(status === 'failed' ? [['error', {}]] : []);
  });

  it('reports a credentials-only server once, without looking at the callback probe', () => {
    const md = { ...IDP_METADATA, grant_types_supported: ['client_credentials'] };
    const { findings, report } = lint(registered(c.jsonError('unauthorized_client')), md);
    expect(findings).toEqual([['error', {}]]);
    expect(findingsOf(report, ID)[0]?.where?.pointer).toBe('/grant_types_supported');
  });

  it('does not need the callback probe', () => {
    const report = lintWith(rule, statesFor(asFacts(IDP_METADATA)));
    expect(report.rules[ID]).toEqual({ status: 'passed' });
  });

  it.each(DISCOVERY_FIXTURES)('real document %s → passed', (name) => {
    expect(lintWith(rule, statesFor(asFacts(loadDiscovery(name)))).rules[ID]?.status).toBe('passed');
  });
});

describe('client-not-credentials-only: the client', () => {
  it.each<[string, Scenario, unknown[]]>([
    ['client default goes on to sign-in', registered(c.interaction), []],
    ['client default refused 400 unauthorized_client', registered(c.jsonError('unauthorized_client')), [['error', { error: 'unauthorized_client', clientId: CLIENT_ID }]]],
    [
      'client default refused 400 unsupported_response_type',
      registered(c.jsonError('unsupported_response_type')),
      [['error', { error: 'unsupported_response_type', clientId: CLIENT_ID }]],
    ],
    [
      'client default refused invalid_request naming response_type',
      registered(c.jsonError('invalid_request', 400, ['response_type'])),
      [['error', { error: 'invalid_request', clientId: CLIENT_ID }]],
    ],
    ['client default refused invalid_request naming redirect_uri (several registered)', registered(c.jsonError('invalid_request', 400, ['redirect_uri'])), []],
    ['client default 429 unauthorized_client', registered(c.jsonError('unauthorized_client', 429)), []],
    ['client default connection failure', registered(c.failure()), []],
    [
      'a callback redirected to with error=unauthorized_client',
      { 'claude-ai': c.toRedirectUri('unauthorized_client'), control: c.invalidRedirectUri },
      [['error', { error: 'unauthorized_client', clientId: CLIENT_ID }]],
    ],
    ['only the control refused with unauthorized_client', scenario(c.interaction, c.jsonError('unauthorized_client')), []],
  ])('%s', (_name, s, findings) => {
    const result = lint(s);
    expect(result.findings).toEqual(findings);
    expect(result.status).toBe(findings.length > 0 ? 'failed' : 'passed');
  });

  it('reports once, for the first candidate refused, with its exchanges and the endpoint', () => {
    const all = scenario(c.jsonError('unauthorized_client'), c.jsonError('unauthorized_client'), c.jsonError('unauthorized_client'));
    const found = findingsOf(lint(all).report, ID);
    expect(found).toHaveLength(1);
    expect(found[0]?.evidence).toEqual(['claude-ai-1']);
    expect(found[0]?.where).toEqual({ url: AUTHZ });
  });
});
