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
  ])('fails %s with an error that says which, and the fix for it', (_name, facts, message, fix) => {
    const report = lintWith(rule, loginStates(facts));
    expect(report.rules[ID]?.status).toBe('failed');
    const [finding] = findingsOf(report, ID);
    expect(finding?.severity).toBe('error');
    expect(finding?.message).toMatch(message);
    expect(finding?.message).toContain(facts.outcome.status === 'failed' ? facts.outcome.detail.slice(0, 20) : '');
    expect(finding?.fix).toMatch(fix);
    expect(finding?.evidence).toEqual(['x7', 'x8']);
  });

  it.each<[string, LoginFacts]>([
    ['no client', failedLogin('no-client', 'the IdP offers neither CIMD nor DCR')],
    ['a failed registration', failedLogin('registration', 'registration was answered 403')],
  ])('is inconclusive, not failed, with %s, and names --client-id', (_name, facts) => {
    const report = lintWith(rule, loginStates(facts));
    expect(report.rules[ID]).toEqual({ status: 'inconclusive', reason: expect.stringContaining('--client-id') });
    expect(findingsOf(report, ID)).toEqual([]);
  });

  it('is skipped without --login, naming it', () => {
    const report = lintWith(rule, statesFor(asFacts({ issuer: 'https://idp.example.com' })));
    expect(report.rules[ID]).toEqual({ status: 'skipped', reason: expect.stringContaining('--login') });
  });
});
