import { describe, expect, it } from 'vitest';
import rule from '../../../../src/lint/rules/signed-in/login-completed.js';
import type { LoginFacts } from '../../../../src/lint/types.js';
import { failedLogin, loginFacts, loginStates } from '../../../helpers/facts/login-facts.js';
import { outcome } from '../../../helpers/facts/mcp-facts.js';
import { findingsOf, lintWith } from '../../../helpers/facts/rule-tester.js';
import { statesFor, asFacts } from '../../../helpers/facts/rule-tester.js';

const ID = 'login-completed';

describe('login-completed', () => {
  it('passes a sign-in that got a token', () => {
    expect(outcome(lintWith(rule, loginStates(loginFacts())), ID)).toEqual({ status: 'passed', findings: [] });
  });

  it.each<[string, LoginFacts, RegExp, RegExp]>([
    ['consent denied', failedLogin('denied', 'the IdP answered `error=access_denied`: user denied', 'access_denied'), /access_denied/, /approve the consent/],
    ['an IdP error', failedLogin('idp-error', 'the IdP answered `error=invalid_target`', 'invalid_target'), /sent the browser back with an error/, /invalid_target/],
    ['the timeout', failedLogin('timeout', 'no sign-in reached http://localhost:50123/callback within 300 s'), /in time/, /--login-timeout/],
    ['a state mismatch', failedLogin('state-mismatch', "the callback's `state` is not the one sent"), /`state`/, /return `state` exactly/],
    ['an iss mismatch', failedLogin('iss-mismatch', "the callback's `iss` is `https://evil.example`"), /RFC 9207 `iss`/, /`iss` equal to its metadata `issuer`/],
    ['a failed code exchange', failedLogin('exchange', 'the token request failed: invalid_grant', 'invalid_grant'), /could not be exchanged/, /PKCE/],
    ['a refused registration of the loopback client', failedLogin('registration', 'registration was answered 400 `invalid_redirect_uri`'), /refused to register a client the way Claude Code does/, /application_type: "native"/],
  ])('fails %s with an error that says which, and the fix for it', (_name, facts, message, fix) => {
    const report = lintWith(rule, loginStates(facts));
    expect(report.rules[ID]?.status).toBe('failed');
    const [finding] = findingsOf(report, ID);
    expect(finding?.severity).toBe('error');
    expect(finding?.message).toMatch(message);
    expect(facts.outcome.status).toBe('failed');
    expect(finding?.message).toContain((facts.outcome as { detail: string }).detail.slice(0, 20));
    expect(finding?.fix).toMatch(fix);
    expect(finding?.evidence).toEqual(['x7', 'x8']);
  });

  it.each<[string, LoginFacts]>([
    ['no client', failedLogin('no-client', 'the IdP offers neither CIMD nor DCR')],
    ['a registration endpoint at a private address, never asked', failedLogin('registration', '`registration_endpoint` is a private address (`http://10.0.0.1/reg`)')],
  ])('is inconclusive, not failed, with %s, and names --client-id', (_name, facts) => {
    const report = lintWith(rule, loginStates(facts));
    expect(report.rules[ID]).toEqual({ status: 'inconclusive', reason: expect.stringContaining('--client-id') });
    expect(findingsOf(report, ID)).toEqual([]);
  });

  it('fails, never skips, when --login was asked for and the sign-in broke down', () => {
    const report = lintWith(rule, statesFor(asFacts({ issuer: 'https://idp.example.com' }), { login: { status: 'failed', reason: 'the probe stopped on unexpected input: boom' } }));
    expect(outcome(report, ID).findings.map(([s]) => s)).toEqual(['error']);
    expect(findingsOf(report, ID)[0]?.message).toContain('boom');
  });

  it.each<[string, Partial<LoginFacts>, RegExp]>([
    ['a registered client it could not delete', { client: { source: 'registration', clientId: 'c-9', cleanup: { status: 'failed', httpStatus: 403 } } }, /`c-9`.*was not deleted \(deletion failed: HTTP 403\)/],
    ['a registered client without RFC 7592 management', { client: { source: 'registration', clientId: 'c-9', cleanup: { status: 'not-offered' } } }, /no RFC 7592 management/],
    ['tokens it could not revoke', { revocation: { status: 'failed', detail: 'invalid_request' } }, /Revoking the sign-in's tokens failed \(invalid_request\)/],
  ])('passes, saying at info what it left at the IdP: %s', (_name, overrides, message) => {
    const report = lintWith(rule, loginStates(loginFacts(overrides)));
    expect(outcome(report, ID).findings.map(([s]) => s)).toEqual(['info']);
    expect(findingsOf(report, ID)[0]?.message).toMatch(message);
  });

  it('is skipped without --login, naming it', () => {
    const report = lintWith(rule, statesFor(asFacts({ issuer: 'https://idp.example.com' })));
    expect(report.rules[ID]).toEqual({ status: 'skipped', reason: expect.stringContaining('--login') });
  });
});
