import { describe, expect, it } from 'vitest';
import { CLAUDE_AI_CALLBACK, CLAUDE_COM_CALLBACK } from '../../../src/lint/claude.js';
import rule from '../../../src/lint/rules/dcr-accepts-claude-registration.js';
import type { JsonObject, RegistrationFacts, RuleStatus } from '../../../src/lint/types.js';
import { chains as c, IDP_METADATA, redirectFacts, registrationFacts, registrationStates, scenario } from '../../helpers/chains.js';
import { asFacts, findingsOf, lintWith, statesFor } from '../../helpers/rule-tester.js';

const ID = 'dcr-accepts-claude-registration';
const OK_RESPONSE: JsonObject = { client_id: 'dyn-1', redirect_uris: [CLAUDE_AI_CALLBACK, CLAUDE_COM_CALLBACK], token_endpoint_auth_method: 'none' };

function lint(overrides: Partial<RegistrationFacts>) {
  const report = lintWith(rule, registrationStates(registrationFacts(overrides)));
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
    ['cleanup failed', { cleanup: { status: 'failed', httpStatus: 403 } }, 'passed', ['info']],
    ['no RFC 7592 management', { cleanup: { status: 'not-offered' } }, 'passed', ['info']],
  ])('%s → %s %j', (_name, overrides, status, severities) => {
    expect(lint(overrides)).toMatchObject({ status, severities });
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

describe('dcr-accepts-claude-registration: the registered client at the authorization endpoint', () => {
  const withAuthorization = (s: ReturnType<typeof scenario>) =>
    lint({ authorization: redirectFacts(s, { clientId: 'dyn-1', clientSource: 'registration' }) });

  it.each<[string, ReturnType<typeof scenario>, string[]]>([
    ['both accepted', scenario(c.interaction, c.invalidRedirectUri), []],
    ['both refused', scenario(c.invalidRedirectUri, c.invalidRedirectUri), ['error', 'error']],
    ['claude.com refused', { 'claude-ai': c.interaction, 'claude-com': c.invalidRedirectUri, control: c.invalidRedirectUri }, ['error']],
    ['inconclusive (Entra-like)', scenario(c.entraPage, c.entraPage), []],
  ])('%s → %j', (_name, s, severities) => {
    expect(withAuthorization(s).severities).toEqual(severities);
  });

  it('cites the refused callback exchanges and points at the authorization endpoint', () => {
    const { report } = withAuthorization({ 'claude-ai': c.interaction, 'claude-com': c.invalidRedirectUri, control: c.invalidRedirectUri });
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
    expect(report.rules[ID]).toEqual({ status: 'skipped', reason: `client registration: ${reason}` });
    expect(report.findings).toEqual([]);
  });
});
