import { describe, expect, it } from 'vitest';
import rule from '../../../src/lint/rules/redirect-control-rejected.js';
import type { RuleStatus } from '../../../src/lint/types.js';
import { chains as c, IDP_METADATA, redirectFacts, redirectStates, scenario, type Scenario } from '../../helpers/chains.js';
import { asFacts, findingsOf, lintWith, statesFor } from '../../helpers/rule-tester.js';

const ID = 'redirect-control-rejected';

function lint(s: Scenario) {
  const report = lintWith(rule, redirectStates(redirectFacts(s)));
  return { report, status: report.rules[ID]?.status, severities: findingsOf(report, ID).map((f) => f.severity) };
}

describe('redirect-control-rejected', () => {
  it.each<[string, Scenario, RuleStatus, string[]]>([
    ['oidc-provider refuses the control', scenario(c.interaction, c.invalidRedirectUri), 'passed', []],
    ['a JSON refusal', scenario(c.interaction, c.jsonError('invalid_request')), 'passed', []],
    ['open redirector: redirected to the control URI', scenario(c.toRedirectUri(), c.toRedirectUri()), 'failed', ['error']],
    ['redirected to the control URI with an error', scenario(c.interaction, c.toRedirectUri('invalid_scope')), 'failed', ['error']],
    ['Entra: a sign-in page', scenario(c.entraPage, c.entraPage), 'inconclusive', []],
    ['Google: a page naming redirect_uri_mismatch', scenario(c.googlePage(), c.googlePage(['redirect_uri_mismatch'])), 'inconclusive', []],
    ['control 429', scenario(c.interaction, c.status(429)), 'inconclusive', []],
    ['control connection failure', scenario(c.interaction, c.failure()), 'inconclusive', []],
  ])('%s → %s', (_name, s, status, severities) => {
    expect(lint(s)).toMatchObject({ status, severities });
  });

  it('cites the control exchanges and names the control URI', () => {
    const finding = findingsOf(lint(scenario(c.toRedirectUri(), c.toRedirectUri())).report, ID)[0];
    expect(finding?.evidence).toEqual(['control-1']);
    expect(finding?.message).toContain('https://claude.ai/api/mcp/auth_callback-connector-lint-0a1b2c3d');
  });

  it('facts without a control request are inconclusive, never passed', () => {
    expect(lint({ 'claude-ai': c.interaction, 'claude-com': c.interaction }).status).toBe('inconclusive');
  });

  it('is not required: inconclusive alone exits 0', () => {
    const { report } = lint(scenario(c.interaction, c.entraPage));
    expect(report.rules[ID]?.reason).toContain('200');
    expect(report.exitCode).toBe(0);
  });

  it.each([
    ['no client id', 'missing-input' as const],
    ['offline lint of a saved metadata document', 'offline' as const],
  ])('probe not run (%s) → skipped, reason prefixed by the probe', (reason, cause) => {
    const report = lintWith(rule, statesFor(asFacts(IDP_METADATA), { redirectUris: { status: 'not-run', reason, cause } }));
    expect(report.rules[ID]).toEqual({ status: 'skipped', reason: `callback probe: ${reason}` });
    expect(report.findings).toEqual([]);
  });
});
