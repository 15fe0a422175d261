import { describe, expect, it } from 'vitest';
import rule from '../../../../src/lint/rules/callbacks/redirect-control-rejected.js';
import type { RuleStatus } from '../../../../src/lint/types.js';
import { AI_CONTROL_URI, chains as c, COM_CONTROL_URI, IDP_METADATA, perHost, redirectFacts, redirectStates, scenario, type Chain, type Scenario } from '../../../helpers/facts/chains.js';
import { asFacts, findingsOf, lintWith, statesFor } from '../../../helpers/facts/rule-tester.js';

const ID = 'redirect-control-rejected';

function lint(s: Scenario) {
  const report = lintWith(rule, redirectStates(redirectFacts(s)));
  return { report, status: report.rules[ID]?.status, findings: findingsOf(report, ID).map((f) => [f.severity, f.data.redirectUri]) };
}
/** The same callbacks (a sign-in page) with the given chain for each control. */
const controls = (ai: Chain, com: Chain) => perHost([c.interaction, ai], [c.interaction, com]);

describe('redirect-control-rejected', () => {
  it.each<[string, Scenario, RuleStatus, unknown[]]>([
    ['oidc-provider refuses both controls', scenario(c.interaction, c.invalidRedirectUri), 'passed', []],
    ['a JSON refusal', scenario(c.interaction, c.jsonError('invalid_request')), 'passed', []],
    ['Cognito redirect_mismatch', scenario(c.interaction, c.onIdpError('redirect_mismatch')), 'passed', []],
    ['an unknown error code', scenario(c.interaction, c.jsonError('vendor_error')), 'passed', []],
    ['open redirector: redirected to both control URIs', scenario(c.toRedirectUri(), c.toRedirectUri()), 'failed', [['error', AI_CONTROL_URI], ['error', COM_CONTROL_URI]]],
    ['redirected to both control URIs with an error', scenario(c.interaction, c.toRedirectUri('invalid_scope')), 'failed', [['error', AI_CONTROL_URI], ['error', COM_CONTROL_URI]]],
    ['only the claude.com control redirected to', controls(c.invalidRedirectUri, c.toRedirectUri()), 'failed', [['error', COM_CONTROL_URI]]],
    ['only the claude.ai control redirected to', controls(c.toRedirectUri(), c.invalidRedirectUri), 'failed', [['error', AI_CONTROL_URI]]],
    ['one redirected to, the other on a page: the error wins', controls(c.toRedirectUri(), c.entraPage), 'failed', [['error', AI_CONTROL_URI]]],
    ['Entra: a sign-in page', scenario(c.entraPage, c.entraPage), 'inconclusive', []],
    ['Google: a page naming redirect_uri_mismatch', scenario(c.googlePage(), c.googlePage(['redirect_uri_mismatch'])), 'inconclusive', []],
    ['the claude.ai control refused, the claude.com control on a page', controls(c.invalidRedirectUri, c.entraPage), 'inconclusive', []],
    ['the claude.com control refused, the claude.ai control on a page', controls(c.entraPage, c.invalidRedirectUri), 'inconclusive', []],
    ['controls refused with invalid_scope', scenario(c.interaction, c.jsonError('invalid_scope')), 'inconclusive', []],
    ['controls refused with invalid_target', scenario(c.interaction, c.jsonError('invalid_target')), 'inconclusive', []],
    ['controls refused with invalid_scope naming redirect_uri', scenario(c.interaction, c.jsonError('invalid_scope', 400, ['redirect_uri'])), 'passed', []],
    ['controls 400 server_error', scenario(c.interaction, c.jsonError('server_error')), 'inconclusive', []],
    ['control 429', scenario(c.interaction, c.status(429)), 'inconclusive', []],
    ['control connection failure', scenario(c.interaction, c.failure()), 'inconclusive', []],
    ['a bare 403 for both controls', scenario(c.interaction, c.empty(403)), 'passed', []],
    ['Auth0: unauthorized_client "Callback URL mismatch"', scenario(c.interaction, c.onIdpError('unauthorized_client', 'Callback URL mismatch.')), 'passed', []],
    // A redirect to the unregistered URI is an open redirect, whatever error it carries.
    ['sent back to both control URIs with error=redirect_uri_mismatch', scenario(c.interaction, c.toRedirectUri('redirect_uri_mismatch')), 'failed', [['error', AI_CONTROL_URI], ['error', COM_CONTROL_URI]]],
    ['the claude.ai control refused first, then redirected to', { ...controls(c.invalidRedirectUri, c.invalidRedirectUri), after: { 'claude-ai-control': c.toRedirectUri('access_denied') } }, 'failed', [['error', AI_CONTROL_URI]]],
    [
      'the claude.com control redirected to by prompt=none only',
      { ...controls(c.invalidRedirectUri, c.invalidRedirectUri), silent: { 'claude-com': c.toRedirectUri('login_required'), 'claude-com-control': c.toRedirectUri('login_required') } },
      'failed',
      [['error', COM_CONTROL_URI]],
    ],
    // A wildcard on claude.com (`https://claude.com/*`) with exact claude.ai: its control went on exactly as the accepted callbacks.
    ['wildcard on claude.com: its control goes on as the accepted callbacks do', perHost([c.interaction, c.invalidRedirectUri], [c.interaction, c.interaction]), 'failed', [['error', COM_CONTROL_URI]]],
    // Order must not decide: a control answered differently before and after was not refused.
    ['the controls refused with a bare 403, then on a sign-in page', { ...scenario(c.interaction, c.empty(403)), after: { 'claude-ai-control': c.entraPage, 'claude-com-control': c.entraPage } }, 'inconclusive', []],
    ['the controls on a sign-in page, then refused with a bare 403', { ...scenario(c.interaction, c.entraPage), after: { 'claude-ai-control': c.empty(403), 'claude-com-control': c.empty(403) } }, 'inconclusive', []],
  ])('%s', (_name, s, status, findings) => {
    expect(lint(s)).toMatchObject({ status, findings });
  });

  it('cites the exchanges of the control it reports', () => {
    const { report } = lint(controls(c.invalidRedirectUri, c.toRedirectUri()));
    expect(findingsOf(report, ID).map((f) => f.evidence)).toEqual([['claude-com-control-1', 'claude-com-control-after-1']]);
  });

  it('names the inconclusive control in the reason', () => {
    const { report } = lint(controls(c.invalidRedirectUri, c.entraPage));
    expect(report.rules[ID]?.reason).toContain(COM_CONTROL_URI);
    expect(report.rules[ID]?.reason).not.toContain(AI_CONTROL_URI);
  });

  it.each<[string, Scenario, RuleStatus]>([
    ['no control at all', { 'claude-ai': c.interaction, 'claude-com': c.interaction }, 'inconclusive'],
    // A callback probed without its control leaves that host unjudged.
    ['only the claude.com control, refused', { 'claude-ai': c.interaction, 'claude-com': c.interaction, 'claude-com-control': c.invalidRedirectUri }, 'inconclusive'],
    ['only the claude.ai control, redirected to', { 'claude-ai': c.interaction, 'claude-ai-control': c.toRedirectUri() }, 'failed'],
  ])('judges the controls it has: %s', (_name, s, status) => {
    expect(lint(s).status).toBe(status);
  });

  it('is not required: inconclusive alone exits 0', () => {
    const { report } = lint(scenario(c.interaction, c.entraPage));
    expect(report.rules[ID]?.status).toBe('inconclusive');
    expect(report.exitCode).toBe(0);
  });

  it.each([
    ['no client id', 'missing-input' as const],
    ['offline lint of a saved metadata document', 'offline' as const],
  ])('probe not run (%s) → skipped, reason prefixed by the probe', (reason, cause) => {
    const report = lintWith(rule, statesFor(asFacts(IDP_METADATA), { redirectUris: { status: 'not-run', reason, cause } }));
    expect(report.rules[ID]).toEqual({ status: 'skipped', reason: `callback probe: ${reason}` });
    expect(report.findings).toEqual([]);
    expect(report.exitCode).toBe(0);
  });
});
