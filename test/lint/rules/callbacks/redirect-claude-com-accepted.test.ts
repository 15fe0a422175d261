import { describe, expect, it } from 'vitest';
import { CLAUDE_AI_CALLBACK, CLAUDE_COM_CALLBACK } from '../../../../src/lint/judgement/claude.js';
import rule from '../../../../src/lint/rules/callbacks/redirect-claude-com-accepted.js';
import type { NotRunCause, RuleStatus } from '../../../../src/lint/types.js';
import { chains as c, IDP_METADATA, perHost, redirectFacts, redirectStates, scenario, type Chain, type Scenario } from '../../../helpers/facts/chains.js';
import { asFacts, findingsOf, lintWith, statesFor } from '../../../helpers/facts/rule-tester.js';

const ID = 'redirect-claude-com-accepted';
const mismatch = c.googlePage(['redirect_uri_mismatch']);
/** Auth0 answers a callback missing from "Allowed Callback URLs" with `unauthorized_client`. */
const auth0 = c.onIdpError('unauthorized_client', 'Callback URL mismatch. The URL is not in the list of allowed callback URLs.');
/** An IdP that sends its errors to the client's registered callback, claude.ai's. */
const toClaudeAi =
  (error: string): Chain =>
  () => ({ hops: [{ status: 302, location: `${CLAUDE_AI_CALLBACK}?error=${error}&state=s`, error }], stop: 'left-idp' });

function lint(s: Scenario, overrides = {}) {
  const report = lintWith(rule, redirectStates(redirectFacts(s, overrides)));
  return { report, status: report.rules[ID]?.status, severities: findingsOf(report, ID).map((f) => f.severity) };
}

describe('redirect-claude-com-accepted', () => {
  it.each<[string, Scenario, RuleStatus, string[]]>([
    ['oidc-provider, registered', scenario(c.interaction, c.invalidRedirectUri), 'passed', []],
    ['oidc-provider, not registered', scenario(c.invalidRedirectUri, c.invalidRedirectUri), 'failed', ['error']],
    ['only claude.ai registered', perHost([c.interaction, c.invalidRedirectUri], [c.invalidRedirectUri, c.invalidRedirectUri]), 'failed', ['error']],
    ['only claude.com registered', perHost([c.invalidRedirectUri, c.invalidRedirectUri], [c.interaction, c.invalidRedirectUri]), 'passed', []],
    ['Google, registered', scenario(c.googlePage(), mismatch), 'passed', []],
    ['Google, only claude.ai registered: claude.com lands with its control', perHost([c.googlePage(), mismatch], [mismatch, mismatch]), 'failed', ['error']],
    ['Google, neither registered: all land on the mismatch page', scenario(mismatch, mismatch), 'inconclusive', ['warning']],
    ['Entra', scenario(c.entraPage, c.entraPage), 'inconclusive', ['warning']],
    ['open redirector', scenario(c.toRedirectUri(), c.toRedirectUri()), 'inconclusive', ['warning']],
    ['open redirector on claude.com only', perHost([c.interaction, c.invalidRedirectUri], [c.toRedirectUri(), c.toRedirectUri()]), 'inconclusive', ['warning']],
    ['redirect to the callback with error=access_denied', scenario(c.toRedirectUri('access_denied'), c.invalidRedirectUri), 'failed', ['error']],
    ['redirect to the callback with error=unauthorized_client', scenario(c.toRedirectUri('unauthorized_client'), c.invalidRedirectUri), 'passed', []],
    ['callback 503', scenario(c.status(503), c.invalidRedirectUri), 'inconclusive', ['warning']],
    ['callback slow_down', scenario(c.onIdpError('slow_down'), c.invalidRedirectUri), 'inconclusive', ['warning']],
    ['callback connection failure', scenario(c.failure('dns'), c.invalidRedirectUri), 'inconclusive', ['warning']],
    ['its control refused with invalid_target', scenario(c.interaction, c.jsonError('invalid_target')), 'inconclusive', ['warning']],
    // A wildcard on claude.com (`https://claude.com/*`) with exact claude.ai: claude.com went on as claude.ai did.
    ['wildcard on claude.com: its control goes on like the callbacks', perHost([c.interaction, c.invalidRedirectUri], [c.interaction, c.interaction]), 'passed', []],
    ['only claude.ai registered, claude.com blocked like its control (bare 403)', perHost([c.jsLoginPage, c.empty(403)], [c.empty(403), c.empty(403)]), 'failed', ['error']],
    ['sent to the registered claude.ai callback with error=redirect_uri_mismatch', perHost([c.interaction, c.invalidRedirectUri], [toClaudeAi('redirect_uri_mismatch'), c.invalidRedirectUri]), 'failed', ['error']],
  ])('%s', (_name, s, status, severities) => {
    expect(lint(s)).toMatchObject({ status, severities });
  });

  it('states the claude.com callback in data and cites its own and its control exchanges', () => {
    const finding = findingsOf(lint(scenario(c.invalidRedirectUri, c.invalidRedirectUri)).report, ID)[0];
    expect(finding?.data).toEqual({ redirectUri: CLAUDE_COM_CALLBACK, clientId: 'client-123' });
    expect(finding?.evidence).toEqual(['claude-com-control-1', 'claude-com-control-after-1', 'claude-com-1']);
  });

  it('states the error of a redirect to the callback in data', () => {
    const finding = findingsOf(lint(scenario(c.toRedirectUri('invalid_scope'), c.invalidRedirectUri)).report, ID)[0];
    expect([finding?.severity, finding?.data]).toEqual(['error', { redirectUri: CLAUDE_COM_CALLBACK, clientId: 'client-123', error: 'invalid_scope' }]);
  });

  it('Auth0: refused with "Callback URL mismatch" while claude.ai reached sign-in → names the callback, not the code flow', () => {
    const finding = findingsOf(lint(perHost([c.interaction, auth0], [auth0, auth0])).report, ID)[0];
    expect(finding?.severity).toBe('error');
    expect(finding?.message).toMatch(/^The IdP refused `https:\/\/claude\.com\/api\/mcp\/auth_callback` for client `client-123`: /);
    expect(finding?.message).not.toContain('client-not-credentials-only');
    expect(finding?.message).not.toContain('authorization-code flow');
  });

  it('a redirect to the registered callback with error=redirect_uri_mismatch: the callbacks list and the message agree', () => {
    const report = lint(perHost([c.interaction, c.invalidRedirectUri], [toClaudeAi('redirect_uri_mismatch'), c.invalidRedirectUri])).report;
    expect(report.callbacks.map((cb) => [cb.uri, cb.verdict])).toEqual([
      [CLAUDE_AI_CALLBACK, 'accepted'],
      [CLAUDE_COM_CALLBACK, 'rejected'],
    ]);
    expect(findingsOf(report, ID)[0]?.message).toMatch(/^The IdP refused `https:\/\/claude\.com/);
  });

  it('names a registered client in the data as the registration returned it', () => {
    const finding = findingsOf(lint(scenario(c.invalidRedirectUri, c.invalidRedirectUri), { clientId: 'dyn-42', clientSource: 'registration' }).report, ID)[0];
    expect(finding?.data.clientId).toBe('dyn-42');
  });

  it('without its own control (only the claude.ai one) → inconclusive, exit 3', () => {
    const report = lintWith(rule, redirectStates(redirectFacts({ 'claude-ai': c.interaction, 'claude-ai-control': c.invalidRedirectUri, 'claude-com': c.interaction })));
    expect(report.rules[ID]?.status).toBe('inconclusive');
    expect(report.exitCode).toBe(3);
  });

  it('missing input → inconclusive without a finding (the claude.ai rule carries the warning)', () => {
    const states = statesFor(asFacts(IDP_METADATA), { redirectUris: { status: 'not-run', reason: 'no client id', cause: 'missing-input' } });
    const report = lintWith(rule, states);
    expect(report.rules[ID]).toEqual({ status: 'inconclusive', reason: 'no client id' });
    expect(report.findings).toEqual([]);
    expect(report.exitCode).toBe(3);
  });

  it.each<NotRunCause>(['offline', 'dependency'])('%s → skipped, exit 3', (cause) => {
    const states = statesFor(asFacts(IDP_METADATA), { redirectUris: { status: 'not-run', reason: 'r', cause } });
    const report = lintWith(rule, states);
    expect(report.rules[ID]).toEqual({ status: 'skipped', reason: 'r' });
    expect(report.exitCode).toBe(3);
  });
});
