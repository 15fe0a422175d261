import { describe, expect, it } from 'vitest';
import rule from '../../../src/lint/rules/client-not-credentials-only.js';
import authorizationCodeGrant from '../../../src/lint/rules/asm-authorization-code-grant.js';
import type { JsonObject, NotRunCause } from '../../../src/lint/types.js';
import { AUTHZ, chains as c, CLIENT_ID, IDP_METADATA, perHost, redirectFacts, redirectStates, scenario, type Chain, type Scenario } from '../../helpers/chains.js';
import { asFacts, findingsOf, lintWith, statesFor } from '../../helpers/rule-tester.js';

const ID = 'client-not-credentials-only';
const registered = (clientDefault: Chain): Scenario => scenario(c.interaction, c.invalidRedirectUri, clientDefault);
const refused = (error: string) => [['error', { error, clientId: CLIENT_ID }]];

function lint(s: Scenario, metadata: JsonObject = IDP_METADATA) {
  const report = lintWith(rule, redirectStates(redirectFacts(s), metadata));
  return { report, status: report.rules[ID]?.status, findings: findingsOf(report, ID).map((f) => [f.severity, f.data]) };
}

describe('client-not-credentials-only: the client', () => {
  it.each<[string, Scenario, unknown[]]>([
    ['client default goes on to sign-in', registered(c.interaction), []],
    ['client default refused 400 unauthorized_client', registered(c.jsonError('unauthorized_client')), refused('unauthorized_client')],
    ['client default refused 400 unsupported_response_type', registered(c.jsonError('unsupported_response_type')), refused('unsupported_response_type')],
    ['client default redirected on the IdP with error=unauthorized_client', registered(c.onIdpError('unauthorized_client')), refused('unauthorized_client')],
    ['client default refused invalid_request naming response_type', registered(c.jsonError('invalid_request', 400, ['response_type'])), refused('invalid_request')],
    ['client default refused invalid_request describing the response type', registered(c.jsonError('invalid_request', 400, [], 'unsupported response type')), refused('invalid_request')],
    ['client default refused invalid_request naming redirect_uri (several registered)', registered(c.jsonError('invalid_request', 400, ['redirect_uri'])), []],
    ['client default refused invalid_request naming response_type and redirect_uri', registered(c.jsonError('invalid_request', 400, ['response_type', 'redirect_uri'])), []],
    [
      'client default refused invalid_request describing response_type and the redirect',
      registered(c.jsonError('invalid_request', 400, [], 'response_type code needs a redirect_uri')),
      [],
    ],
    ['client default 429 unauthorized_client', registered(c.jsonError('unauthorized_client', 429)), []],
    ['client default connection failure', registered(c.failure()), []],
    [
      'a callback redirected to with error=unauthorized_client',
      { 'claude-ai': c.toRedirectUri('unauthorized_client'), 'claude-ai-control': c.invalidRedirectUri },
      refused('unauthorized_client'),
    ],
    ['the claude.com callback refused with unsupported_response_type', perHost([c.interaction, c.invalidRedirectUri], [c.jsonError('unsupported_response_type'), c.invalidRedirectUri]), refused('unsupported_response_type')],
    ['only the controls refused with unauthorized_client', scenario(c.interaction, c.jsonError('unauthorized_client')), []],
    ['only the claude.com control refused with unauthorized_client', perHost([c.interaction, c.invalidRedirectUri], [c.interaction, c.jsonError('unauthorized_client')]), []],
    ['only the claude.ai control redirected to with error=unauthorized_client', perHost([c.interaction, c.toRedirectUri('unauthorized_client')], [c.interaction, c.invalidRedirectUri]), []],
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

  it('cites the claude.com request when it is the one refused', () => {
    const s = perHost([c.interaction, c.invalidRedirectUri], [c.jsonError('unauthorized_client'), c.jsonError('unauthorized_client')]);
    expect(findingsOf(lint(s).report, ID).map((f) => f.evidence)).toEqual([['claude-com-1']]);
  });
});

describe('client-not-credentials-only: only the client, not the metadata', () => {
  const credentialsOnly = { ...IDP_METADATA, grant_types_supported: ['client_credentials'] };

  it('passes for a client that may use the code flow, whatever grant_types_supported says', () => {
    expect(lint(registered(c.interaction), credentialsOnly)).toMatchObject({ status: 'passed', findings: [] });
  });

  it.each<NotRunCause>(['missing-input', 'offline', 'dependency'])('needs the callback probe: not run (%s) → skipped', (cause) => {
    const report = lintWith(rule, statesFor(asFacts(credentialsOnly), { redirectUris: { status: 'not-run', reason: 'r', cause } }));
    expect(report.rules[ID]).toEqual({ status: 'skipped', reason: 'callback probe: r' });
    expect(report.findings).toEqual([]);
  });

  it('a credentials-only server is reported once, by asm-authorization-code-grant', () => {
    const report = lintWith([authorizationCodeGrant, rule], redirectStates(redirectFacts(registered(c.interaction)), credentialsOnly));
    expect(report.findings.map((f) => [f.ruleId, f.severity])).toEqual([['asm-authorization-code-grant', 'error']]);
    expect(report.rules[ID]).toEqual({ status: 'passed' });
  });

  it('a credentials-only server and a refused client: one finding from each rule', () => {
    const report = lintWith([authorizationCodeGrant, rule], redirectStates(redirectFacts(registered(c.jsonError('unauthorized_client'))), credentialsOnly));
    expect(report.findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ['asm-authorization-code-grant', 'error'],
      [ID, 'error'],
    ]);
  });
});
