import { describe, expect, it } from 'vitest';
import { CLAUDE_AI_CALLBACK, CLAUDE_CIMD_CLIENT_ID } from '../../../../src/lint/judgement/claude.js';
import rule from '../../../../src/lint/rules/authorization-server/asm-iss-parameter.js';
import type { JsonObject, ProbeStates, RuleStatus, Severity } from '../../../../src/lint/types.js';
import {
  authorizeUrl,
  chains as c,
  IDP,
  IDP_METADATA,
  perHost,
  redirectFacts,
  redirectStates,
  registrationFacts,
  registrationStates,
  scenario,
  type Chain,
  type Scenario,
} from '../../../helpers/facts/chains.js';
import { asFacts, findingsOf, lintWith, statesFor } from '../../../helpers/facts/rule-tester.js';
import { loginFacts } from '../../../helpers/facts/login-facts.js';

const ID = 'asm-iss-parameter';
const ADVERTISED: JsonObject = { ...IDP_METADATA, authorization_response_iss_parameter_supported: true };

/** prompt=none sends claude.ai back with `login_required` (and `iss` when given); the interactive requests all reach sign-in. */
function silentResponse(iss?: string): Scenario {
  return { ...scenario(c.entraPage, c.entraPage), silent: { 'claude-ai': c.toRedirectUri('login_required', iss), 'claude-ai-control': c.entraPage } };
}
/** Both callbacks sent back with `error=access_denied` (and `iss` per host when given); the controls refused. */
function errorResponses(ai?: string, com?: string): Scenario {
  return perHost([c.toRedirectUri('access_denied', ai), c.invalidRedirectUri], [c.toRedirectUri('access_denied', com), c.invalidRedirectUri]);
}

function lint(metadata: JsonObject, s?: Scenario) {
  const states: ProbeStates = s ? redirectStates(redirectFacts(s), metadata) : statesFor(asFacts(metadata));
  const report = lintWith(rule, states);
  return { report, status: report.rules[ID]?.status, severities: findingsOf(report, ID).map((f) => f.severity) };
}

describe('asm-iss-parameter: the metadata flag', () => {
  it.each<[string, JsonObject, Scenario | undefined, RuleStatus, Severity[]]>([
    ['absent, nothing seen', IDP_METADATA, undefined, 'failed', ['warning']],
    ['false, nothing seen', { ...IDP_METADATA, authorization_response_iss_parameter_supported: false }, undefined, 'failed', ['warning']],
    ['the string "true"', { ...IDP_METADATA, authorization_response_iss_parameter_supported: 'true' }, undefined, 'failed', ['warning']],
    ['the number 1', { ...IDP_METADATA, authorization_response_iss_parameter_supported: 1 }, undefined, 'failed', ['warning']],
    ['absent, the responses carry the exact issuer', IDP_METADATA, silentResponse(IDP), 'failed', ['warning']],
    ['absent, a response without iss', IDP_METADATA, silentResponse(), 'failed', ['warning']],
    ['true, the callback probe did not run', ADVERTISED, undefined, 'inconclusive', []],
    ['true, every callback reached sign-in: no response came back', ADVERTISED, scenario(c.interaction, c.invalidRedirectUri), 'inconclusive', []],
    ['true, the prompt=none response carries the exact issuer', ADVERTISED, silentResponse(IDP), 'passed', []],
    ['true, both error responses carry the exact issuer', ADVERTISED, errorResponses(IDP, IDP), 'passed', []],
  ])('%s', (_name, metadata, s, status, severities) => {
    expect(lint(metadata, s)).toMatchObject({ status, severities });
  });

  it('names the flag and points at it', () => {
    const finding = findingsOf(lint(IDP_METADATA).report, ID)[0];
    expect(finding?.message).toContain('authorization_response_iss_parameter_supported');
    expect(finding?.where).toEqual({ url: `${IDP}/.well-known/openid-configuration`, pointer: '/authorization_response_iss_parameter_supported' });
  });

  it('says a non-boolean flag is not a boolean', () => {
    expect(findingsOf(lint({ ...IDP_METADATA, authorization_response_iss_parameter_supported: 'true' }).report, ID)[0]?.message).toContain('not a boolean');
  });

  it('is a warning alone: exit 0', () => {
    expect(lint(IDP_METADATA, silentResponse(IDP)).report.exitCode).toBe(0);
  });
});

describe('asm-iss-parameter: the authorization responses', () => {
  it.each<[string, JsonObject, Scenario, Severity[]]>([
    ['advertised, the prompt=none response lacks iss', ADVERTISED, silentResponse(), ['error']],
    ['advertised, an error response lacks iss', ADVERTISED, errorResponses(), ['error']],
    ['advertised, one response with the issuer, the other without', ADVERTISED, errorResponses(IDP, undefined), ['error']],
    ['advertised, iss with a trailing slash', ADVERTISED, silentResponse(`${IDP}/`), ['error']],
    ['advertised, iss in other letter case', ADVERTISED, silentResponse('https://IDP.example.com'), ['error']],
    ['advertised, iss over http', ADVERTISED, silentResponse('http://idp.example.com'), ['error']],
    ['advertised, one response with the issuer, the other with another', ADVERTISED, errorResponses(IDP, 'https://other.example.com'), ['error']],
    ['not advertised, iss differs from the issuer', IDP_METADATA, silentResponse('https://other.example.com'), ['error']],
  ])('%s → error', (_name, metadata, s, severities) => {
    const { status, severities: got, report } = lint(metadata, s);
    expect([status, got]).toEqual(['failed', severities]);
    expect(report.exitCode).toBe(1);
  });

  it('cites the response that lacks iss and points at its request', () => {
    const finding = findingsOf(lint(ADVERTISED, silentResponse()).report, ID)[0];
    expect(finding?.evidence).toEqual(['claude-ai-silent-1']);
    expect(finding?.where).toEqual({ url: authorizeUrl(CLAUDE_AI_CALLBACK) });
    expect(finding?.message).toContain('carries no `iss`');
  });

  it('states the issuer the response named in data', () => {
    const finding = findingsOf(lint(ADVERTISED, silentResponse('https://other.example.com')).report, ID)[0];
    expect(finding?.data).toEqual({ iss: 'https://other.example.com' });
    expect(finding?.message).toContain(IDP);
  });

  it.each<[string, Scenario]>([
    // An open redirect to the unregistered control is no authorization response of Claude's.
    ['only the unregistered controls were sent back, without iss', scenario(c.interaction, c.toRedirectUri('access_denied'))],
    // A redirect that refuses the URI sent answers a callback the IdP did not accept.
    ['the callbacks were sent back with error=redirect_uri_mismatch, without iss', scenario(c.toRedirectUri('redirect_uri_mismatch'), c.invalidRedirectUri)],
    // Both callbacks and their controls sent back: nothing shows which URI is registered.
    ['every request sent back without iss (an open redirector)', scenario(c.toRedirectUri('access_denied'), c.toRedirectUri('access_denied'))],
  ])('reads only responses to callbacks the IdP accepted: %s → inconclusive', (_name, s) => {
    expect(lint(ADVERTISED, s)).toMatchObject({ status: 'inconclusive', severities: [] });
  });

  it("reads the responses to Claude's CIMD client", () => {
    const cimd = redirectFacts(silentResponse(), { clientId: CLAUDE_CIMD_CLIENT_ID, clientSource: 'cimd' });
    const states = statesFor(asFacts(ADVERTISED), { cimd: { status: 'ok', value: cimd } });
    expect(findingsOf(lintWith(rule, states), ID).map((f) => f.severity)).toEqual(['error']);
  });

  it('reads the responses to the client --register created', () => {
    const authorization = redirectFacts(silentResponse(), { clientId: 'dyn-1', clientSource: 'registration' });
    const states = registrationStates(registrationFacts({ authorization }), ADVERTISED);
    expect(findingsOf(lintWith(rule, states), ID).map((f) => f.severity)).toEqual(['error']);
  });

  it('reports one error, for the first response at fault', () => {
    const twoBad: Chain = c.toRedirectUri('access_denied');
    const { report } = lint(ADVERTISED, perHost([twoBad, c.invalidRedirectUri], [twoBad, c.invalidRedirectUri]));
    expect(findingsOf(report, ID).map((f) => f.evidence)).toEqual([['claude-ai-1']]);
  });
});

describe('asm-iss-parameter with the --login sign-in', () => {
  const signedIn = (metadata: JsonObject, callback: { iss?: string }) =>
    lintWith(rule, statesFor(asFacts(metadata), { login: { status: 'ok', value: { ...loginFacts(), callback } } }));

  it('passes on the sign-in\'s own callback when it carries the issuer the metadata advertises', () => {
    const report = signedIn(ADVERTISED, { iss: IDP });
    expect(report.rules[ID]).toEqual({ status: 'passed' });
  });

  it('fails when the sign-in\'s callback lacks the advertised `iss`, citing the sign-in', () => {
    const report = signedIn(ADVERTISED, {});
    expect(report.rules[ID]?.status).toBe('failed');
    expect(findingsOf(report, ID)[0]?.message).toContain('the --login sign-in');
    expect(findingsOf(report, ID)[0]?.evidence).toEqual(['x7', 'x8']);
  });

  it('asks to advertise `iss` when the sign-in showed it sent but the metadata does not say so', () => {
    const report = signedIn(IDP_METADATA, { iss: IDP });
    expect(findingsOf(report, ID).map((f) => [f.severity, f.message.includes('although the authorization responses carry `iss`')])).toEqual([['warning', true]]);
  });
});
