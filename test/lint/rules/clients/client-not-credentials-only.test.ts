import { describe, expect, it } from 'vitest';
import rule from '../../../../src/lint/rules/clients/client-not-credentials-only.js';
import authorizationCodeGrant from '../../../../src/lint/rules/authorization-server/asm-authorization-code-grant.js';
import type { JsonObject, NotRunCause } from '../../../../src/lint/types.js';
import { AUTHZ, chains as c, CLIENT_ID, IDP_METADATA, perHost, redirectFacts, redirectStates, scenario, type Chain, type Scenario } from '../../../helpers/facts/chains.js';
import { asFacts, findingsOf, lintWith, statesFor } from '../../../helpers/facts/rule-tester.js';

const ID = 'client-not-credentials-only';
const registered = (clientDefault: Chain): Scenario => scenario(c.interaction, c.invalidRedirectUri, clientDefault);
/** A client the IdP refuses the code flow: every request, with a callback or without, gets `refusal`. */
const everyRequest = (refusal: Chain): Scenario => scenario(refusal, refusal, refusal);
/** Auth0 answers a callback missing from "Allowed Callback URLs" with `unauthorized_client`. */
const auth0 = c.onIdpError('unauthorized_client', 'Callback URL mismatch. The URL is not in the list of allowed callback URLs.');
const refused = (error: string) => [['error', { error, clientId: CLIENT_ID }]];

function lint(s: Scenario, metadata: JsonObject = IDP_METADATA) {
  const report = lintWith(rule, redirectStates(redirectFacts(s), metadata));
  return { report, status: report.rules[ID]?.status, findings: findingsOf(report, ID).map((f) => [f.severity, f.data]) };
}

describe('client-not-credentials-only: the client', () => {
  it.each<[string, Scenario, unknown[]]>([
    ['every request goes on to sign-in', registered(c.interaction), []],
    ['every request refused 400 unauthorized_client', everyRequest(c.jsonError('unauthorized_client')), refused('unauthorized_client')],
    ['every request refused 400 unsupported_response_type', everyRequest(c.jsonError('unsupported_response_type')), refused('unsupported_response_type')],
    ['every request redirected on the IdP with error=unauthorized_client', everyRequest(c.onIdpError('unauthorized_client')), refused('unauthorized_client')],
    ['every request refused invalid_request naming response_type', everyRequest(c.jsonError('invalid_request', 400, ['response_type'])), refused('invalid_request')],
    ['every request refused invalid_request describing the response type', everyRequest(c.jsonError('invalid_request', 400, [], 'unsupported response type')), refused('invalid_request')],
    ['every request refused invalid_request naming redirect_uri', everyRequest(c.jsonError('invalid_request', 400, ['redirect_uri'])), []],
    ['every request refused invalid_request naming response_type and redirect_uri', everyRequest(c.jsonError('invalid_request', 400, ['response_type', 'redirect_uri'])), []],
    ['every request refused invalid_request describing response_type and the redirect', everyRequest(c.jsonError('invalid_request', 400, [], 'response_type code needs a redirect_uri')), []],
    ['every request 429 unauthorized_client', everyRequest(c.jsonError('unauthorized_client', 429)), []],
    ['every request a connection failure', everyRequest(c.failure()), []],
    ['the callbacks rate limited, the client default refused unauthorized_client', scenario(c.status(429), c.status(429), c.jsonError('unauthorized_client')), refused('unauthorized_client')],
    [
      'a callback redirected to with error=unauthorized_client',
      { 'claude-ai': c.toRedirectUri('unauthorized_client'), 'claude-ai-control': c.invalidRedirectUri },
      refused('unauthorized_client'),
    ],
    // A request of this client that reached sign-in proves the code flow is open to it.
    ['the client default refused unauthorized_client, the callbacks on to sign-in', registered(c.jsonError('unauthorized_client')), []],
    ['the client default refused unsupported_response_type, the callbacks on to sign-in', registered(c.jsonError('unsupported_response_type')), []],
    ['the claude.com callback refused with unsupported_response_type, claude.ai on to sign-in', perHost([c.interaction, c.invalidRedirectUri], [c.jsonError('unsupported_response_type'), c.invalidRedirectUri]), []],
    ['only the controls refused with unauthorized_client', scenario(c.interaction, c.jsonError('unauthorized_client')), []],
    ['only the claude.com control refused with unauthorized_client', perHost([c.interaction, c.invalidRedirectUri], [c.interaction, c.jsonError('unauthorized_client')]), []],
    ['only the claude.ai control redirected to with error=unauthorized_client', perHost([c.interaction, c.toRedirectUri('unauthorized_client')], [c.interaction, c.invalidRedirectUri]), []],
    // Auth0 answers a callback missing from "Allowed Callback URLs" with unauthorized_client: about the callback.
    ['Auth0: claude.com refused with "Callback URL mismatch", claude.ai on to sign-in', perHost([c.interaction, auth0], [auth0, auth0], auth0), []],
    ['Auth0: every request refused with "Callback URL mismatch" (no callback registered)', everyRequest(auth0), []],
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
    const s = perHost([c.status(429), c.invalidRedirectUri], [c.jsonError('unauthorized_client'), c.jsonError('unauthorized_client')], c.status(429));
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
    const report = lintWith([authorizationCodeGrant, rule], redirectStates(redirectFacts(everyRequest(c.jsonError('unauthorized_client'))), credentialsOnly));
    expect(report.findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ['asm-authorization-code-grant', 'error'],
      [ID, 'error'],
    ]);
  });
});
