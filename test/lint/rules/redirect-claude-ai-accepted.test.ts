import { describe, expect, it } from 'vitest';
import { CLAUDE_AI_CALLBACK, CLAUDE_COM_CALLBACK } from '../../../src/lint/claude.js';
import rule from '../../../src/lint/rules/redirect-claude-ai-accepted.js';
import comRule from '../../../src/lint/rules/redirect-claude-com-accepted.js';
import pkce from '../../../src/lint/rules/pkce-s256-advertised.js';
import type { NotRunCause, ProbeStates, RuleStatus } from '../../../src/lint/types.js';
import { AUTHZ, chains as c, CLIENT_ID, IDP_METADATA, redirectFacts, redirectStates, scenario, type Scenario } from '../../helpers/chains.js';
import { asFacts, findingsOf, lintWith, statesFor } from '../../helpers/rule-tester.js';

const ID = 'redirect-claude-ai-accepted';

function lint(s: Scenario, overrides = {}) {
  const report = lintWith(rule, redirectStates(redirectFacts(s, overrides)));
  return { report, status: report.rules[ID]?.status, severities: findingsOf(report, ID).map((f) => f.severity) };
}

describe('redirect-claude-ai-accepted: verdicts', () => {
  it.each<[string, Scenario, RuleStatus, string[]]>([
    ['oidc-provider, registered', scenario(c.interaction, c.invalidRedirectUri), 'passed', []],
    ['oidc-provider, not registered', scenario(c.invalidRedirectUri, c.invalidRedirectUri), 'failed', ['error']],
    ['Google, registered', scenario(c.googlePage(), c.googlePage(['redirect_uri_mismatch'])), 'passed', []],
    ['Google-like, callback page names the mismatch, control does not', scenario(c.googlePage(['redirect_uri_mismatch']), c.googlePage()), 'failed', ['error']],
    ['Entra: the same sign-in page for both', scenario(c.entraPage, c.entraPage), 'inconclusive', ['warning']],
    ['open redirector', scenario(c.toRedirectUri(), c.toRedirectUri()), 'inconclusive', ['warning']],
    ['redirect to the callback with error=access_denied', scenario(c.toRedirectUri('access_denied'), c.invalidRedirectUri), 'passed', []],
    ['callback 429', scenario(c.status(429), c.invalidRedirectUri), 'inconclusive', ['warning']],
    ['callback 502', scenario(c.status(502), c.invalidRedirectUri), 'inconclusive', ['warning']],
    ['callback connection failure', scenario(c.failure('reset'), c.invalidRedirectUri), 'inconclusive', ['warning']],
    ['control connection failure', scenario(c.interaction, c.failure('timeout')), 'inconclusive', ['warning']],
  ])('%s → %s', (_name, s, status, severities) => {
    expect(lint(s)).toMatchObject({ status, severities });
  });

  it('judges only the claude.ai callback', () => {
    const s: Scenario = { 'claude-ai': c.interaction, 'claude-com': c.invalidRedirectUri, control: c.invalidRedirectUri };
    expect(lint(s)).toMatchObject({ status: 'passed', severities: [] });
  });

  it('states the callback and the client in data, the endpoint in where, and cites the callback and control exchanges', () => {
    const finding = findingsOf(lint(scenario(c.invalidRedirectUri, c.invalidRedirectUri)).report, ID)[0];
    expect(finding?.data).toEqual({ redirectUri: CLAUDE_AI_CALLBACK, clientId: CLIENT_ID });
    expect(finding?.where).toEqual({ url: AUTHZ });
    expect(finding?.evidence).toEqual(['claude-ai-1', 'control-1']);
  });

  it('gives the reason of an inconclusive verdict and the same data on its warning', () => {
    const { report } = lint(scenario(c.entraPage, c.entraPage));
    expect(report.rules[ID]?.reason).toMatch(/callback: 200; control: 200$/);
    expect(findingsOf(report, ID).map((f) => f.data)).toEqual([{ redirectUri: CLAUDE_AI_CALLBACK, clientId: CLIENT_ID }]);
  });

  it('names invalid_client when the IdP does not know the client at all', () => {
    const { report, status } = lint(scenario(c.jsonError('invalid_client'), c.jsonError('invalid_client')));
    expect(status).toBe('failed');
    expect(findingsOf(report, ID)[0]?.message).toContain('invalid_client');
    expect(findingsOf(lint(scenario(c.invalidRedirectUri, c.invalidRedirectUri)).report, ID)[0]?.message).not.toContain('invalid_client');
  });

  it('sanitises a client id with control characters', () => {
    const finding = findingsOf(lint(scenario(c.invalidRedirectUri, c.invalidRedirectUri), { clientId: 'evil\u001b]0;x\u0007' }).report, ID)[0];
    expect(finding?.data.clientId).toBe('evil\\x1b]0;x\\x07');
  });
});

describe('redirect-claude-ai-accepted: the probe did not run', () => {
  const notRun = (cause: NotRunCause): ProbeStates =>
    statesFor(asFacts(IDP_METADATA), { redirectUris: { status: 'not-run', reason: `because ${cause}`, cause } });

  it('facts without a control to compare with are inconclusive, never passed (exit 3)', () => {
    const report = lintWith(rule, redirectStates(redirectFacts({ 'claude-ai': c.interaction, 'claude-com': c.interaction })));
    expect(report.rules[ID]?.status).toBe('inconclusive');
    expect(report.exitCode).toBe(3);
  });

  it('missing input (no --client-id) → inconclusive with one warning; the claude.com rule with none', () => {
    const report = lintWith([rule, comRule], notRun('missing-input'));
    expect(report.rules[ID]).toEqual({ status: 'inconclusive', reason: 'because missing-input' });
    expect(report.rules['redirect-claude-com-accepted']).toEqual({ status: 'inconclusive', reason: 'because missing-input' });
    expect(report.findings.map((f) => [f.ruleId, f.severity, f.data])).toEqual([[ID, 'warning', {}]]);
    expect(report.exitCode).toBe(3);
  });

  it.each<NotRunCause>(['offline', 'dependency', 'opt-in', 'not-applicable'])('%s → skipped, no finding', (cause) => {
    const report = lintWith([rule, comRule], notRun(cause));
    expect(report.rules[ID]).toEqual({ status: 'skipped', reason: `because ${cause}` });
    expect(report.rules['redirect-claude-com-accepted']).toEqual({ status: 'skipped', reason: `because ${cause}` });
    expect(report.findings).toEqual([]);
    expect(report.exitCode).toBe(0);
  });

  it('the probe failed → skipped with its reason', () => {
    const states = statesFor(asFacts(IDP_METADATA), { redirectUris: { status: 'failed', reason: 'no usable authorization_endpoint' } });
    expect(lintWith(rule, states).rules[ID]).toEqual({ status: 'skipped', reason: 'no usable authorization_endpoint' });
  });
});

describe('redirect rules: exit code', () => {
  const both = [rule, comRule];
  it.each<[string, Scenario, number]>([
    ['both callbacks accepted', scenario(c.interaction, c.invalidRedirectUri), 0],
    ['both inconclusive, no error (required rules inconclusive)', scenario(c.entraPage, c.entraPage), 3],
    ['one rejected, one inconclusive', { 'claude-ai': c.invalidRedirectUri, 'claude-com': c.entraPage, control: c.entraPage }, 1],
    ['both rejected', scenario(c.invalidRedirectUri, c.invalidRedirectUri), 1],
  ])('%s → %i', (_name, s, exitCode) => {
    expect(lintWith(both, redirectStates(redirectFacts(s))).exitCode).toBe(exitCode);
  });

  it('an error from another rule makes it 1 even when the callbacks are inconclusive', () => {
    const states = redirectStates(redirectFacts(scenario(c.entraPage, c.entraPage)), { ...IDP_METADATA, code_challenge_methods_supported: ['plain'] });
    expect(lintWith([...both, pkce], states).exitCode).toBe(1);
  });

  it('warnings alone leave it 0', () => {
    const states = redirectStates(redirectFacts(scenario(c.interaction, c.invalidRedirectUri)), { ...IDP_METADATA, code_challenge_methods_supported: undefined });
    const report = lintWith([...both, pkce], states);
    expect(report.counts).toEqual({ error: 0, warning: 1, info: 0 });
    expect(report.exitCode).toBe(0);
  });
});

describe('report.callbacks', () => {
  it('lists one verdict per Claude callback', () => {
    const s: Scenario = { 'claude-ai': c.interaction, 'claude-com': c.invalidRedirectUri, control: c.invalidRedirectUri };
    const report = lintWith(rule, redirectStates(redirectFacts(s)));
    expect(report.callbacks.map((cb) => [cb.uri, cb.verdict])).toEqual([
      [CLAUDE_AI_CALLBACK, 'accepted'],
      [CLAUDE_COM_CALLBACK, 'rejected'],
    ]);
  });

  it('says not-probed, with the reason, when the probe did not run', () => {
    const report = lintWith(rule, statesFor(asFacts(IDP_METADATA)));
    expect(report.callbacks).toEqual([
      { uri: CLAUDE_AI_CALLBACK, verdict: 'not-probed', evidence: 'no client id' },
      { uri: CLAUDE_COM_CALLBACK, verdict: 'not-probed', evidence: 'no client id' },
    ]);
  });
});
