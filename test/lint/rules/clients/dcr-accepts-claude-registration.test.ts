import { describe, expect, it } from 'vitest';
import { CLAUDE_AI_CALLBACK, CLAUDE_COM_CALLBACK } from '../../../../src/lint/judgement/claude.js';
import { CLAUDE_REGISTRATION } from '../../../../src/lint/probes/registration.js';
import rule from '../../../../src/lint/rules/clients/dcr-accepts-claude-registration.js';
import type { JsonObject, RegistrationFacts, RuleStatus } from '../../../../src/lint/types.js';
import { chains as c, IDP_METADATA, perHost, redirectFacts, registrationFacts, registrationStates, scenario, type Scenario } from '../../../helpers/facts/chains.js';
import { asFacts, findingsOf, lintWith, statesFor } from '../../../helpers/facts/rule-tester.js';

const ID = 'dcr-accepts-claude-registration';
const OK_RESPONSE: JsonObject = { client_id: 'dyn-1', redirect_uris: [CLAUDE_AI_CALLBACK, CLAUDE_COM_CALLBACK], token_endpoint_auth_method: 'none' };

function lint(overrides: Partial<RegistrationFacts>, clientId?: string) {
  const report = lintWith(rule, registrationStates(registrationFacts(overrides)), clientId === undefined ? {} : { clientId });
  return { report, status: report.rules[ID]?.status, severities: findingsOf(report, ID).map((f) => f.severity) };
}

describe('dcr-accepts-claude-registration', () => {
  it.each<[string, Partial<RegistrationFacts>, RuleStatus, string[]]>([
    ['201, both callbacks, public client, deleted', {}, 'passed', []],
    ['200 works as well as 201', { status: 200 }, 'passed', []],
    ['no answer', { status: undefined, failure: { cause: 'timeout', detail: 'timeout after 10000 ms' } }, 'failed', ['error']],
    ['400 invalid_redirect_uri', { status: 400, response: { error: 'invalid_redirect_uri', error_description: 'not trusted' }, clientId: undefined }, 'failed', ['error']],
    ['401 (registration needs an initial access token)', { status: 401, response: undefined, clientId: undefined }, 'failed', ['error']],
    ['302 to a login page', { status: 302, response: undefined, clientId: undefined }, 'failed', ['error']],
    ['201 without a JSON body', { response: undefined, clientId: undefined }, 'failed', ['error']],
    ['201 without client_id', { response: { redirect_uris: [CLAUDE_AI_CALLBACK] }, clientId: undefined }, 'failed', ['error']],
    ['claude.com dropped', { response: { ...OK_RESPONSE, redirect_uris: [CLAUDE_AI_CALLBACK] } }, 'failed', ['error']],
    ['both callbacks dropped', { response: { ...OK_RESPONSE, redirect_uris: ['https://example.com/cb'] } }, 'failed', ['error']],
    ['redirect_uris not echoed', { response: { client_id: 'dyn-1', token_endpoint_auth_method: 'none' } }, 'failed', ['error']],
    ['a trailing slash added', { response: { ...OK_RESPONSE, redirect_uris: [`${CLAUDE_AI_CALLBACK}/`, CLAUDE_COM_CALLBACK] } }, 'failed', ['error']],
    ['came back confidential', { response: { ...OK_RESPONSE, client_secret: '[redacted]', token_endpoint_auth_method: 'client_secret_basic' } }, 'failed', ['warning']],
    ['came back with a secret, no auth method', { response: { ...OK_RESPONSE, client_secret: '[redacted]', token_endpoint_auth_method: undefined } }, 'failed', ['warning']],
    ['a secret but auth method none', { response: { ...OK_RESPONSE, client_secret: '[redacted]' } }, 'passed', []],
    ['null fields', { response: { ...OK_RESPONSE, logo_uri: null, client_uri: null } }, 'failed', ['warning']],
    ['came back web, as asked', { requested: CLAUDE_REGISTRATION, response: { ...OK_RESPONSE, application_type: 'web' } }, 'passed', []],
    ['came back without application_type (the OpenID default web)', { requested: CLAUDE_REGISTRATION }, 'passed', []],
    ['came back native', { requested: CLAUDE_REGISTRATION, response: { ...OK_RESPONSE, application_type: 'native' } }, 'failed', ['warning']],
    ['came back with a non-string application_type', { requested: CLAUDE_REGISTRATION, response: { ...OK_RESPONSE, application_type: 1 } }, 'failed', ['warning']],
    ['cleanup failed', { cleanup: { status: 'failed', httpStatus: 403 } }, 'passed', ['info']],
    ['no RFC 7592 management', { cleanup: { status: 'not-offered' } }, 'passed', ['info']],
  ])('%s', (_name, overrides, status, severities) => {
    expect(lint(overrides)).toMatchObject({ status, severities });
  });

  it('unreachable: an error without a pre-registered client, a warning with one', () => {
    const overrides: Partial<RegistrationFacts> = { status: undefined, failure: { cause: 'refused', detail: 'connection refused' }, response: undefined, clientId: undefined };
    expect(lint(overrides).severities).toEqual(['error']);
    expect(lint(overrides, 'pre-registered-1').severities).toEqual(['warning']);
  });

  it.each<[string, Partial<RegistrationFacts>]>([
    ['400 invalid_redirect_uri', { status: 400, response: { error: 'invalid_redirect_uri' }, clientId: undefined }],
    ['401 (registration needs an initial access token)', { status: 401, response: undefined, clientId: undefined }],
    ['403 access_denied', { status: 403, response: { error: 'access_denied' }, clientId: undefined }],
  ])('refused (%s): an error without a pre-registered client, a warning with one (--client-id)', (_name, overrides) => {
    const status = overrides.status as number;
    expect(findingsOf(lint(overrides).report, ID).map((f) => [f.severity, f.data])).toEqual([['error', { status }]]);
    const withClient = lint(overrides, 'pre-registered-1');
    expect(withClient).toMatchObject({ status: 'failed', severities: ['warning'] });
    expect(findingsOf(withClient.report, ID)[0]?.data).toEqual({ status });
    expect(withClient.report.exitCode).toBe(0);
  });

  it('a pre-registered client does not soften what a registration that went through got wrong', () => {
    expect(lint({ response: { ...OK_RESPONSE, redirect_uris: [CLAUDE_AI_CALLBACK] } }, 'pre-registered-1').severities).toEqual(['error']);
  });

  it('states the HTTP status of a refusal in data and cites the exchange', () => {
    const { report } = lint({ status: 403, response: { error: 'access_denied' }, clientId: undefined });
    const finding = findingsOf(report, ID)[0];
    expect(finding?.data).toEqual({ status: 403 });
    expect(finding?.evidence).toEqual(['reg-1']);
    expect(finding?.where).toEqual({ url: 'https://idp.example.com/reg' });
    expect(finding?.message).toContain('access_denied');
  });

  it('names the dropped callback', () => {
    const { report } = lint({ response: { ...OK_RESPONSE, redirect_uris: [CLAUDE_AI_CALLBACK] } });
    expect(findingsOf(report, ID)[0]?.message).toContain(CLAUDE_COM_CALLBACK);
    expect(findingsOf(report, ID)[0]?.message).not.toContain(CLAUDE_AI_CALLBACK);
  });

  it('names every null field', () => {
    const { report } = lint({ response: { ...OK_RESPONSE, logo_uri: null, policy_uri: null } });
    expect(findingsOf(report, ID)[0]?.message).toMatch(/logo_uri.*policy_uri/);
  });

  it('reports dropped callbacks, a confidential client, nulls and a leftover client together', () => {
    const response = { client_id: 'dyn-1', redirect_uris: [], client_secret: 'x', token_endpoint_auth_method: 'client_secret_post', jwks_uri: null };
    const { severities } = lint({ response, cleanup: { status: 'not-offered' } });
    expect(severities).toEqual(['error', 'warning', 'warning', 'info']);
  });
});

describe('dcr-accepts-claude-registration: application_type (SEP-837)', () => {
  const refused = (response: JsonObject, clientId?: string) => findingsOf(lint({ status: 400, response, clientId: undefined }, clientId).report, ID)[0];

  it('a refusal that names application_type says so and carries the fix for web clients', () => {
    const finding = refused({ error: 'invalid_client_metadata', error_description: 'application_type "web" is not allowed; register as native' });
    expect(finding?.severity).toBe('error');
    expect(finding?.message).toMatch(/^The registration Claude sends was refused over its `application_type`: .* answered 400 `invalid_client_metadata` \(application_type "web" is not allowed; register as native\); expected 201 with a client of `application_type: "web"`/);
    expect(finding?.fix).toContain('Accept `application_type: "web"` with https redirect URIs');
    expect(finding?.fix).toContain('do not require `native`');
    expect(finding?.fix).toContain('Client ID Metadata Documents');
    expect(finding?.data).toEqual({ status: 400 });
  });

  it.each<[string, JsonObject]>([
    ['invalid_redirect_uri alone', { error: 'invalid_redirect_uri' }],
    ['invalid_client_metadata naming redirect_uris', { error: 'invalid_client_metadata', error_description: 'redirect_uris host not trusted' }],
    ['invalid_client_metadata naming a redirect URI', { error: 'invalid_client_metadata', error_description: 'Redirect URI is not allowed by policy' }],
  ])('a refusal over redirect URIs (%s) says so and carries the fix naming both callbacks', (_name, response) => {
    const finding = refused(response);
    expect(finding?.message).toMatch(/^The registration Claude sends was refused over its redirect URIs: .*; expected 201 with a client keeping both Claude callbacks\.$/);
    expect(finding?.fix).toContain(`\`${CLAUDE_AI_CALLBACK}\` and \`${CLAUDE_COM_CALLBACK}\``);
    expect(finding?.fix).toContain('Trusted Hosts');
  });

  it('a refusal naming both application_type and redirect URIs is blamed on the type', () => {
    const finding = refused({ error: 'invalid_redirect_uri', error_description: 'redirect_uris of application_type web clients must use https' });
    expect(finding?.message).toContain('refused over its `application_type`');
  });

  it('a refusal naming neither keeps the general message and fix', () => {
    const finding = refused({ error: 'access_denied', error_description: 'registration is closed' });
    expect(finding?.message).toMatch(/^The registration Claude sends was refused: .*; expected 201 with a client\.$/);
    expect(finding?.fix).toBe(rule.meta.fix);
  });

  it('with a pre-registered client, a refusal over application_type is a warning that keeps its own fix', () => {
    const finding = refused({ error: 'invalid_client_metadata', error_description: 'missing application_type' }, 'pre-registered-1');
    expect(finding?.severity).toBe('warning');
    expect(finding?.fix).toContain('Accept `application_type: "web"`');
  });

  it('a client that came back with another application_type is named with both types', () => {
    const { report } = lint({ requested: CLAUDE_REGISTRATION, response: { ...OK_RESPONSE, application_type: 'native' } });
    const finding = findingsOf(report, ID)[0];
    expect(finding?.message).toBe(
      'Claude asked for `application_type: "web"` but client `dyn-1` came back with `application_type: "native"`; an OpenID IdP applies that type\'s redirect-URI rules to Claude\'s https callbacks.',
    );
    expect(finding?.fix).toContain('keep `web` for https redirect URIs');
  });

  it('the registration sends application_type web with https callbacks only', () => {
    expect(CLAUDE_REGISTRATION.application_type).toBe('web');
    expect(CLAUDE_REGISTRATION.redirect_uris).toEqual([CLAUDE_AI_CALLBACK, CLAUDE_COM_CALLBACK]);
  });
});

describe('dcr-accepts-claude-registration: fix', () => {
  it('leads with Client ID Metadata Documents, the preferred path', () => {
    expect(rule.meta.fix).toMatch(/^Prefer Client ID Metadata Documents/);
    expect(rule.meta.fix).toContain('deprecated in MCP 2026-07-28');
  });
});

describe('dcr-accepts-claude-registration: the registered client at the authorization endpoint', () => {
  const withAuthorization = (s: Scenario) =>
    lint({ authorization: redirectFacts(s, { clientId: 'dyn-1', clientSource: 'registration' }) });

  it.each<[string, Scenario, string[]]>([
    ['both accepted', scenario(c.interaction, c.invalidRedirectUri), []],
    ['both refused', scenario(c.invalidRedirectUri, c.invalidRedirectUri), ['error', 'error']],
    ['claude.com refused', perHost([c.interaction, c.invalidRedirectUri], [c.invalidRedirectUri, c.invalidRedirectUri]), ['error']],
    ['claude.com lands with its control on the refusal page while claude.ai went on (peer)', perHost([c.googlePage(), c.googlePage(['redirect_uri_mismatch'])], [c.googlePage(['redirect_uri_mismatch']), c.googlePage(['redirect_uri_mismatch'])]), ['error']],
    ['claude.com blocked like its control (bare 403) while claude.ai went on (peer)', perHost([c.interaction, c.empty(403)], [c.empty(403), c.empty(403)]), ['error']],
    // claude.com's control went on too: that host refuses nothing, so claude.com's landing proves nothing.
    ['claude.com and its control on another page than claude.ai (inconclusive)', perHost([c.googlePage(), c.googlePage(['redirect_uri_mismatch'])], [c.entraPage, c.entraPage]), []],
    ['claude.com sent back to itself with error=redirect_uri_mismatch', perHost([c.interaction, c.invalidRedirectUri], [c.toRedirectUri('redirect_uri_mismatch'), c.invalidRedirectUri]), ['error']],
    ['a block that hits every request alike (inconclusive)', scenario(c.empty(403), c.empty(403)), []],
    ['a limiter refusing the later controls (inconclusive)', { ...scenario(c.entraPage, c.entraPage), after: { 'claude-ai-control': c.empty(400), 'claude-com-control': c.empty(400) } }, []],
    ['inconclusive (Entra-like)', scenario(c.entraPage, c.entraPage), []],
    ['both refused with invalid_scope (inconclusive)', scenario(c.jsonError('invalid_scope'), c.jsonError('invalid_scope')), []],
    ['claude.com without its control (inconclusive)', { 'claude-ai': c.interaction, 'claude-ai-control': c.invalidRedirectUri, 'claude-com': c.invalidRedirectUri }, []],
  ])('%s', (_name, s, severities) => {
    expect(withAuthorization(s).severities).toEqual(severities);
  });

  it('cites the refused callback exchanges and points at the authorization endpoint', () => {
    const { report } = withAuthorization(perHost([c.interaction, c.invalidRedirectUri], [c.invalidRedirectUri, c.invalidRedirectUri]));
    const finding = findingsOf(report, ID)[0];
    expect(finding?.evidence).toEqual(['claude-com-1']);
    expect(finding?.where).toEqual({ url: 'https://idp.example.com/authorize' });
  });
});

describe('dcr-accepts-claude-registration: not run', () => {
  it.each([
    ['opt-in (no --register)', 'opt-in' as const],
    ['no registration_endpoint', 'not-applicable' as const],
    ['offline', 'offline' as const],
  ])('%s → skipped with the probe reason', (reason, cause) => {
    const report = lintWith(rule, statesFor(asFacts(IDP_METADATA), { registration: { status: 'not-run', reason, cause } }));
    expect(report.rules[ID]).toMatchObject({ status: 'skipped', reason: `client registration: ${reason}` });
    expect(report.rules[ID]?.notApplicable).toBe(cause === 'not-applicable' ? true : undefined);
    expect(report.findings).toEqual([]);
  });
});
