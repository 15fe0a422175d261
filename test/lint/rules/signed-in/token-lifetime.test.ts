import { describe, expect, it } from 'vitest';
import rule from '../../../../src/lint/rules/signed-in/token-lifetime.js';
import { failedLogin, loginFacts, loginStates } from '../../../helpers/facts/login-facts.js';
import { findingsOf, lintWith } from '../../../helpers/facts/rule-tester.js';

const ID = 'token-lifetime';

describe('token-lifetime', () => {
  it.each([
    ['expires_in', { format: 'jwt' as const, expiresIn: 3600, lifetimeSeconds: 7200, refreshToken: true }, /1 h \(`expires_in`: 3600 s\), with a refresh token/],
    ['exp − iat when there is no expires_in', { format: 'jwt' as const, lifetimeSeconds: 300, refreshToken: false }, /5 min \(`exp` − `iat`: 300 s\), without a refresh token/],
    ['neither', { format: 'opaque' as const, refreshToken: false }, /no `expires_in`/],
  ])('states the lifetime as seen, from %s, as info', (_name, token, message) => {
    const report = lintWith(rule, loginStates(loginFacts({ token })));
    const findings = findingsOf(report, ID);
    expect(findings.map((f) => f.severity)).toEqual(['info']);
    expect(findings[0]?.message).toMatch(message);
  });

  it('is skipped when the sign-in did not complete', () => {
    expect(lintWith(rule, loginStates(failedLogin('denied', 'denied'))).rules[ID]?.status).toBe('skipped');
  });
});
