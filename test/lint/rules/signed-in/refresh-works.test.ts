import { describe, expect, it } from 'vitest';
import rule from '../../../../src/lint/rules/signed-in/refresh-works.js';
import type { RefreshFacts } from '../../../../src/lint/types.js';
import { failedLogin, loginFacts, loginStates } from '../../../helpers/facts/login-facts.js';
import { outcome } from '../../../helpers/facts/mcp-facts.js';
import { findingsOf, lintWith } from '../../../helpers/facts/rule-tester.js';

const ID = 'refresh-works';
const refreshed = (refresh: Partial<RefreshFacts>) => loginStates(loginFacts({ refresh: { grantAdvertised: true, offlineAccessRequested: true, outcome: 'refreshed', exchangeIds: ['x9'], ...refresh } }));

describe('refresh-works', () => {
  it('passes a refresh that rotates and revokes the old token', () => {
    expect(outcome(lintWith(rule, refreshed({ rotated: true, oldStillWorks: false })), ID)).toEqual({ status: 'passed', findings: [] });
  });

  it('warns when the grant is advertised (and offline_access asked for) but no refresh token came', () => {
    const report = lintWith(rule, refreshed({ outcome: 'no-refresh-token', exchangeIds: [] }));
    expect(outcome(report, ID).findings.map(([s]) => s)).toEqual(['warning']);
    expect(findingsOf(report, ID)[0]?.message).toMatch(/`refresh_token`.*`offline_access` was asked for/);
  });

  it('says nothing when the IdP does not advertise the refresh grant and issues none', () => {
    expect(outcome(lintWith(rule, refreshed({ outcome: 'no-refresh-token', grantAdvertised: false, exchangeIds: [] })), ID)).toEqual({ status: 'passed', findings: [] });
  });

  it('warns with the IdP\'s error when the refresh grant fails', () => {
    const report = lintWith(rule, refreshed({ outcome: 'failed', detail: 'invalid_grant: grant request is invalid' }));
    expect(outcome(report, ID).findings.map(([s]) => s)).toEqual(['warning']);
    expect(findingsOf(report, ID)[0]?.message).toContain('invalid_grant');
  });

  it.each([
    ['the same refresh token is kept (no rotation)', { rotated: false }, /no new refresh token/],
    ['the old refresh token still works after rotation', { rotated: true, oldStillWorks: true }, /old one still worked/],
  ])('informs when %s', (_name, refresh, message) => {
    const report = lintWith(rule, refreshed(refresh));
    expect(outcome(report, ID)).toEqual({ status: 'passed', findings: [['info', {}]] });
    expect(findingsOf(report, ID)[0]?.message).toMatch(message);
  });

  it('warns when the refreshed token is for another audience (the refresh grant ignores `resource`)', () => {
    const report = lintWith(rule, refreshed({ rotated: true, oldStillWorks: false, audience: ['https://other.example/api'] }));
    expect(outcome(report, ID).findings.map(([s]) => s)).toEqual(['warning']);
    expect(findingsOf(report, ID)[0]?.message).toMatch(/`https:\/\/other.example\/api`, not the first token's `https:\/\/mcp.example.com\/mcp`/);
  });

  it('is skipped when the sign-in did not complete', () => {
    expect(lintWith(rule, loginStates(failedLogin('timeout', 'timed out'))).rules[ID]?.status).toBe('skipped');
  });
});
