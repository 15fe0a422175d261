import { describe, expect, it } from 'vitest';
import { CLAUDE_AI_CALLBACK, CLAUDE_COM_CALLBACK } from '../../../../src/lint/judgement/claude.js';
import rule from '../../../../src/lint/rules/callbacks/redirect-claude-ai-accepted.js';
import comRule from '../../../../src/lint/rules/callbacks/redirect-claude-com-accepted.js';
import refreshGrant from '../../../../src/lint/rules/authorization-server/asm-refresh-grant.js';
import pkce from '../../../../src/lint/rules/authorization-server/pkce-s256-advertised.js';
import type { CallbackVerdict, NotRunCause, ProbeStates, RuleStatus } from '../../../../src/lint/types.js';
import { AUTHZ, chains as c, CLIENT_ID, IDP_METADATA, perHost, redirectFacts, redirectStates, scenario, type Scenario } from '../../../helpers/facts/chains.js';
import { asFacts, findingsOf, lintWith, statesFor } from '../../../helpers/facts/rule-tester.js';

const ID = 'redirect-claude-ai-accepted';
const mismatch = c.googlePage(['redirect_uri_mismatch']);
/** Auth0 answers a callback missing from "Allowed Callback URLs" with `unauthorized_client`. */
const auth0 = c.onIdpError('unauthorized_client', 'Callback URL mismatch. The URL is not in the list of allowed callback URLs.');

function lint(s: Scenario, overrides = {}) {
  const report = lintWith(rule, redirectStates(redirectFacts(s, overrides)));
  return { report, status: report.rules[ID]?.status, severities: findingsOf(report, ID).map((f) => f.severity) };
}
const verdicts = (s: Scenario) => lintWith(rule, redirectStates(redirectFacts(s))).callbacks.map((cb) => cb.verdict);

describe('redirect-claude-ai-accepted: verdicts', () => {
  it.each<[string, Scenario, RuleStatus, string[]]>([
    ['oidc-provider, registered', scenario(c.interaction, c.invalidRedirectUri), 'passed', []],
    ['oidc-provider, not registered', scenario(c.invalidRedirectUri, c.invalidRedirectUri), 'failed', ['error']],
    ['Cognito, not registered (redirect_mismatch)', scenario(c.onIdpError('redirect_mismatch'), c.onIdpError('redirect_mismatch')), 'failed', ['error']],
    ['Google, registered', scenario(c.googlePage(), mismatch), 'passed', []],
    ['Google-like, callback page names the mismatch, control does not (page text never rejects)', scenario(mismatch, c.googlePage()), 'inconclusive', ['warning']],
    ['every request lands on the page naming the mismatch', scenario(mismatch, mismatch), 'inconclusive', ['warning']],
    ['Entra: the same sign-in page for both', scenario(c.entraPage, c.entraPage), 'inconclusive', ['warning']],
    ['open redirector', scenario(c.toRedirectUri(), c.toRedirectUri()), 'inconclusive', ['warning']],
    ['both refused with invalid_scope (try --scope)', scenario(c.jsonError('invalid_scope'), c.jsonError('invalid_scope')), 'inconclusive', ['warning']],
    // A refusal that names nothing and hits callback and control alike is a block, not a verdict.
    ['both refused with an unknown code', scenario(c.jsonError('vendor_error'), c.jsonError('vendor_error')), 'inconclusive', ['warning']],
    ['both refused with invalid_request naming state', scenario(c.jsonError('invalid_request', 400, [], 'Invalid state'), c.jsonError('invalid_request', 400, [], 'Invalid state')), 'inconclusive', ['warning']],
    ['control refused with invalid_scope', scenario(c.interaction, c.jsonError('invalid_scope')), 'inconclusive', ['warning']],
    ['callback 400 server_error', scenario(c.jsonError('server_error'), c.invalidRedirectUri), 'inconclusive', ['warning']],
    ['callback 429', scenario(c.status(429), c.invalidRedirectUri), 'inconclusive', ['warning']],
    ['callback 502', scenario(c.status(502), c.invalidRedirectUri), 'inconclusive', ['warning']],
    ['callback connection failure', scenario(c.failure('reset'), c.invalidRedirectUri), 'inconclusive', ['warning']],
    ['control connection failure', scenario(c.interaction, c.failure('timeout')), 'inconclusive', ['warning']],
    ['control temporarily_unavailable', scenario(c.interaction, c.onIdpError('temporarily_unavailable')), 'inconclusive', ['warning']],
  ])('%s', (_name, s, status, severities) => {
    expect(lint(s)).toMatchObject({ status, severities });
  });

  it('judges only the claude.ai callback', () => {
    expect(lint(perHost([c.interaction, c.invalidRedirectUri], [c.invalidRedirectUri, c.invalidRedirectUri]))).toMatchObject({ status: 'passed', severities: [] });
  });

  it.each<[string, Scenario, RuleStatus]>([
    ['its own control refused, the claude.com control redirected to', perHost([c.interaction, c.invalidRedirectUri], [c.interaction, c.toRedirectUri()]), 'passed'],
    // The claude.com callback was accepted on its own evidence, and claude.ai went on exactly as it did.
    ['its own control redirected to, the claude.com control refused', perHost([c.interaction, c.toRedirectUri()], [c.interaction, c.invalidRedirectUri]), 'passed'],
    ['its own control on a page, the claude.com control refused', perHost([c.interaction, c.entraPage], [c.interaction, c.invalidRedirectUri]), 'passed'],
    ['its own control on a page, the claude.com callback accepted but on another page', perHost([c.entraPage, c.entraPage], [c.interaction, c.invalidRedirectUri]), 'inconclusive'],
  ])('judges by its own control, then by the claude.com callback: %s', (_name, s, status) => {
    expect(lint(s).status).toBe(status);
  });

  it('Google, only claude.com registered: claude.ai lands with its control while claude.com went on → rejected by the peer', () => {
    const s = perHost([mismatch, mismatch], [c.googlePage(), mismatch]);
    expect(lint(s)).toMatchObject({ status: 'failed', severities: ['error'] });
    expect(verdicts(s)).toEqual(['rejected', 'accepted']);
  });

  it('states the callback and the client in data, the endpoint in where, and cites the callback and its control exchanges', () => {
    const finding = findingsOf(lint(scenario(c.invalidRedirectUri, c.invalidRedirectUri)).report, ID)[0];
    expect(finding?.data).toEqual({ redirectUri: CLAUDE_AI_CALLBACK, clientId: CLIENT_ID });
    expect(finding?.where).toEqual({ url: AUTHZ });
    expect(finding?.evidence).toEqual(['claude-ai-control-1', 'claude-ai-control-after-1', 'claude-ai-1']);
  });

  it('gives the reason of an inconclusive verdict and the same data on its warning', () => {
    const { report } = lint(scenario(c.entraPage, c.entraPage));
    expect(report.rules[ID]?.reason).toMatch(/callback: 200; control: 200, then 200$/);
    expect(findingsOf(report, ID).map((f) => f.data)).toEqual([{ redirectUri: CLAUDE_AI_CALLBACK, clientId: CLIENT_ID }]);
  });

  it('names invalid_client when the IdP does not know the client at all', () => {
    const { report, status } = lint(scenario(c.jsonError('invalid_client'), c.jsonError('invalid_client')));
    expect(status).toBe('failed');
    expect(findingsOf(report, ID)[0]?.message).toContain('invalid_client');
    expect(findingsOf(lint(scenario(c.invalidRedirectUri, c.invalidRedirectUri)).report, ID)[0]?.message).not.toContain('invalid_client');
  });

  it('blames the client, not the callback, when both are refused with unauthorized_client', () => {
    const finding = findingsOf(lint(scenario(c.jsonError('unauthorized_client'), c.jsonError('unauthorized_client'))).report, ID)[0];
    expect(finding?.message).toContain('(`unauthorized_client`)');
    expect(finding?.message).toContain('client-not-credentials-only');
  });

  it('sanitises a client id with control characters', () => {
    const finding = findingsOf(lint(scenario(c.invalidRedirectUri, c.invalidRedirectUri), { clientId: 'evil\u001b]0;x\u0007' }).report, ID)[0];
    expect(finding?.data.clientId).toBe('evil\\x1b]0;x\\x07');
  });
});

describe('redirect-claude-ai-accepted: redirected to the callback with error=', () => {
  it.each<[string | undefined, RuleStatus, unknown[]]>([
    [undefined, 'passed', []],
    ['access_denied', 'failed', [['error', { redirectUri: CLAUDE_AI_CALLBACK, clientId: CLIENT_ID, error: 'access_denied' }]]],
    ['invalid_scope', 'failed', [['error', { redirectUri: CLAUDE_AI_CALLBACK, clientId: CLIENT_ID, error: 'invalid_scope' }]]],
    ['invalid_request', 'failed', [['error', { redirectUri: CLAUDE_AI_CALLBACK, clientId: CLIENT_ID, error: 'invalid_request' }]]],
    // The client's fault, reported by client-not-credentials-only.
    ['unauthorized_client', 'passed', []],
    ['unsupported_response_type', 'passed', []],
    // The IdP could not answer now: nothing proven either way.
    ['temporarily_unavailable', 'inconclusive', []],
    ['server_error', 'inconclusive', []],
  ])('%s → %s', (error, status, findings) => {
    const s = scenario(c.toRedirectUri(error), c.invalidRedirectUri);
    const { report } = lint(s);
    expect(report.rules[ID]?.status).toBe(status);
    expect(findingsOf(report, ID).map((f) => [f.severity, f.data])).toEqual(findings);
    expect(verdicts(s)).toEqual(['accepted', 'accepted']);
  });

  it('cites the callback and control exchanges', () => {
    const finding = findingsOf(lint(scenario(c.toRedirectUri('invalid_scope'), c.invalidRedirectUri)).report, ID)[0];
    expect(finding?.evidence).toEqual(['claude-ai-control-1', 'claude-ai-control-after-1', 'claude-ai-1']);
    expect(finding?.where).toEqual({ url: AUTHZ });
  });
});

describe('redirect-claude-ai-accepted: facts without its pair', () => {
  it.each<[string, Scenario, CallbackVerdict[]]>([
    ['no control at all', { 'claude-ai': c.interaction, 'claude-com': c.interaction }, ['inconclusive', 'inconclusive']],
    ['only the claude.com control', { 'claude-ai': c.interaction, 'claude-com': c.interaction, 'claude-com-control': c.invalidRedirectUri }, ['inconclusive', 'accepted']],
    // Only the callbacks the probe asked for are listed.
    ['no claude.ai request', { 'claude-ai-control': c.invalidRedirectUri, 'claude-com': c.interaction, 'claude-com-control': c.invalidRedirectUri }, ['accepted']],
  ])('%s → inconclusive, never passed (exit 3)', (_name, s, expected) => {
    const report = lintWith(rule, redirectStates(redirectFacts(s)));
    expect(report.rules[ID]?.status).toBe('inconclusive');
    expect(findingsOf(report, ID)).toEqual([]);
    expect(report.exitCode).toBe(3);
    expect(report.callbacks.map((cb) => cb.verdict)).toEqual(expected);
  });
});

describe('redirect-claude-ai-accepted: the probe did not run', () => {
  const notRun = (cause: NotRunCause): ProbeStates =>
    statesFor(asFacts(IDP_METADATA), { redirectUris: { status: 'not-run', reason: `because ${cause}`, cause } });

  it('missing input (no --client-id) → inconclusive with one warning; the claude.com rule with none', () => {
    const report = lintWith([rule, comRule], notRun('missing-input'));
    expect(report.rules[ID]).toEqual({ status: 'inconclusive', reason: 'because missing-input' });
    expect(report.rules['redirect-claude-com-accepted']).toEqual({ status: 'inconclusive', reason: 'because missing-input' });
    expect(report.findings.map((f) => [f.ruleId, f.severity, f.data])).toEqual([[ID, 'warning', {}]]);
    expect(report.exitCode).toBe(3);
  });

  it('not-applicable (an authless server) → skipped with the probe\'s reason, no finding, exit 0', () => {
    const report = lintWith([rule, comRule], notRun('not-applicable'));
    expect(report.rules[ID]).toEqual({ status: 'skipped', reason: 'callback probe: because not-applicable', notApplicable: true });
    expect(report.findings).toEqual([]);
    expect(report.exitCode).toBe(0);
  });

  it.each<NotRunCause>(['offline', 'dependency', 'opt-in'])('%s → skipped, no finding, exit 3 (nothing proves the callbacks)', (cause) => {
    const report = lintWith([rule, comRule], notRun(cause));
    expect(report.rules[ID]).toEqual({ status: 'skipped', reason: `because ${cause}` });
    expect(report.rules['redirect-claude-com-accepted']).toEqual({ status: 'skipped', reason: `because ${cause}` });
    expect(report.findings).toEqual([]);
    expect(report.exitCode).toBe(3);
  });

  it('the probe failed → skipped with its reason, exit 3', () => {
    const states = statesFor(asFacts(IDP_METADATA), { redirectUris: { status: 'failed', reason: 'no usable authorization_endpoint' } });
    const report = lintWith(rule, states);
    expect(report.rules[ID]).toEqual({ status: 'skipped', reason: 'no usable authorization_endpoint' });
    expect(report.exitCode).toBe(3);
  });

  it('skipped, with an error elsewhere → exit 1', () => {
    const states = statesFor(asFacts({ ...IDP_METADATA, code_challenge_methods_supported: ['plain'] }), {
      redirectUris: { status: 'not-run', reason: 'offline', cause: 'offline' },
    });
    expect(lintWith([rule, comRule, pkce], states).exitCode).toBe(1);
  });
});

describe('redirect rules: exit code', () => {
  const both = [rule, comRule];
  it.each<[string, Scenario, number]>([
    ['both callbacks accepted', scenario(c.interaction, c.invalidRedirectUri), 0],
    ['both inconclusive, no error (required rules inconclusive)', scenario(c.entraPage, c.entraPage), 3],
    ['one accepted, one inconclusive', perHost([c.interaction, c.invalidRedirectUri], [c.status(429), c.invalidRedirectUri]), 3],
    ['one accepted, the other landing with its control on the refusal page (rejected by the peer)', perHost([c.googlePage(), mismatch], [mismatch, mismatch]), 1],
    ['one accepted, the other blocked with a bare 403 like its control (rejected by the peer)', perHost([c.interaction, c.empty(403)], [c.empty(403), c.empty(403)]), 1],
    // claude.com's control went on too: that host takes unregistered URIs, so its landing refuses nothing.
    ['one accepted, the other and its control on another page', perHost([c.interaction, c.invalidRedirectUri], [c.entraPage, c.entraPage]), 3],
    ['a block that hits every request alike (bare 403)', scenario(c.empty(403), c.empty(403)), 3],
    ['one rejected, one inconclusive', perHost([c.invalidRedirectUri, c.entraPage], [c.entraPage, c.entraPage]), 1],
    ['both rejected', scenario(c.invalidRedirectUri, c.invalidRedirectUri), 1],
    ['both accepted, one redirected to with error=invalid_scope', perHost([c.toRedirectUri('invalid_scope'), c.invalidRedirectUri], [c.interaction, c.invalidRedirectUri]), 1],
  ])('%s', (_name, s, exitCode) => {
    expect(lintWith(both, redirectStates(redirectFacts(s))).exitCode).toBe(exitCode);
  });

  it('an error from another rule makes it 1 even when the callbacks are inconclusive', () => {
    const states = redirectStates(redirectFacts(scenario(c.entraPage, c.entraPage)), { ...IDP_METADATA, code_challenge_methods_supported: ['plain'] });
    expect(lintWith([...both, pkce], states).exitCode).toBe(1);
  });

  it('warnings alone leave it 0', () => {
    const states = redirectStates(redirectFacts(scenario(c.interaction, c.invalidRedirectUri)), { ...IDP_METADATA, grant_types_supported: ['authorization_code'] });
    const report = lintWith([...both, refreshGrant], states);
    expect(report.counts).toEqual({ error: 0, warning: 1, info: 0 });
    expect(report.exitCode).toBe(0);
  });
});

describe('report.callbacks', () => {
  it('lists one verdict per Claude callback, each judged against its own control', () => {
    const report = lintWith(rule, redirectStates(redirectFacts(perHost([c.interaction, c.invalidRedirectUri], [c.invalidRedirectUri, c.invalidRedirectUri]))));
    expect(report.callbacks.map((cb) => [cb.uri, cb.verdict])).toEqual([
      [CLAUDE_AI_CALLBACK, 'accepted'],
      [CLAUDE_COM_CALLBACK, 'rejected'],
    ]);
  });

  it('says not-probed, with the reason, when the probe did not run', () => {
    const report = lintWith(rule, statesFor(asFacts(IDP_METADATA)));
    expect(report.callbacks).toEqual([
      { uri: CLAUDE_AI_CALLBACK, client: 'flag', verdict: 'not-probed', evidence: 'no client id' },
      { uri: CLAUDE_COM_CALLBACK, client: 'flag', verdict: 'not-probed', evidence: 'no client id' },
    ]);
  });
});

describe('redirect-claude-ai-accepted: differential evidence (issue 11)', () => {
  it.each<[string, Scenario, RuleStatus, string[], CallbackVerdict[]]>([
    ['the controls refused with a bare 403 before and after, the callbacks on to the login page', scenario(c.interaction, c.empty(403)), 'passed', [], ['accepted', 'accepted']],
    ['the controls refused with a bare 400 before and after, the callbacks on to the login page', scenario(c.interaction, c.empty(400)), 'passed', [], ['accepted', 'accepted']],
    ['the callbacks reach a JavaScript-only login page, the controls a bare 403', scenario(c.jsLoginPage, c.empty(403)), 'passed', [], ['accepted', 'accepted']],
    ['a block that hits callbacks and controls alike (bare 403)', scenario(c.empty(403), c.empty(403)), 'inconclusive', ['warning'], ['inconclusive', 'inconclusive']],
    ['a block that hits callbacks and controls alike (bare 400)', scenario(c.empty(400), c.empty(400)), 'inconclusive', ['warning'], ['inconclusive', 'inconclusive']],
    ['claude.ai registered, claude.com blocked like its control (403)', perHost([c.jsLoginPage, c.empty(403)], [c.empty(403), c.empty(403)]), 'passed', [], ['accepted', 'rejected']],
    ['claude.ai blocked like its control (400), claude.com registered', perHost([c.empty(400), c.empty(400)], [c.interaction, c.empty(400)]), 'failed', ['error'], ['rejected', 'accepted']],
    ['Auth0: claude.ai registered, the controls refused with "Callback URL mismatch"', perHost([c.interaction, auth0], [auth0, auth0]), 'passed', [], ['accepted', 'rejected']],
    ['an open redirector for errors: each control sent back with an error, the callbacks to sign-in', scenario(c.interaction, c.toRedirectUri('invalid_request')), 'passed', [], ['accepted', 'accepted']],
    ['Google: both controls on the 200 page naming redirect_uri_mismatch', scenario(c.googlePage(), mismatch), 'passed', [], ['accepted', 'accepted']],
  ])('%s', (_name, s, status, severities, callbacks) => {
    expect(lint(s)).toMatchObject({ status, severities });
    expect(verdicts(s)).toEqual(callbacks);
  });

  it.each<[string, Scenario]>([
    ['a limiter refusing later requests with a bare 400 while redirect_uri is checked after sign-in', { ...scenario(c.entraPage, c.entraPage), after: { 'claude-ai-control': c.empty(400), 'claude-com-control': c.empty(400) } }],
    ['a limiter refusing later requests with an error redirect', { ...scenario(c.entraPage, c.entraPage), after: { 'claude-ai-control': c.onIdpError('access_denied'), 'claude-com-control': c.onIdpError('access_denied') } }],
    ['a limiter refusing the earlier requests', { ...scenario(c.entraPage, c.empty(400)), after: { 'claude-ai-control': c.entraPage, 'claude-com-control': c.entraPage } }],
  ])('order and repetition never decide: %s → inconclusive (exit 3)', (_name, s) => {
    const report = lintWith([rule, comRule], redirectStates(redirectFacts(s)));
    expect(report.rules[ID]?.status).toBe('inconclusive');
    expect(report.callbacks.map((cb) => cb.verdict)).toEqual(['inconclusive', 'inconclusive']);
    expect(report.exitCode).toBe(3);
  });

  it('a redirect to the callback carrying error=redirect_uri_mismatch is a refusal: the verdict and the message agree', () => {
    const s = scenario(c.toRedirectUri('redirect_uri_mismatch'), c.invalidRedirectUri);
    const { report, status } = lint(s);
    expect(status).toBe('failed');
    expect(verdicts(s)).toEqual(['rejected', 'rejected']);
    const finding = findingsOf(report, ID)[0];
    expect(finding?.message).toMatch(/^The IdP refused `https:\/\/claude\.ai\/api\/mcp\/auth_callback`/);
    expect(finding?.message).not.toContain('is registered');
  });

  it('prompt=none sent the callback back with login_required, not the control: accepted where pages alone tell nothing', () => {
    const s: Scenario = { ...scenario(c.entraPage, c.entraPage), silent: { 'claude-ai': c.toRedirectUri('login_required'), 'claude-ai-control': c.entraPage } };
    expect(lint(s)).toMatchObject({ status: 'passed', severities: [] });
    expect(verdicts(s)).toEqual(['accepted', 'inconclusive']);
  });

  it('prompt=none refused the callback naming the redirect URI: rejected', () => {
    const s: Scenario = { ...scenario(c.entraPage, c.entraPage), silent: { 'claude-ai': c.invalidRedirectUri, 'claude-ai-control': c.invalidRedirectUri } };
    expect(lint(s)).toMatchObject({ status: 'failed', severities: ['error'] });
  });

  it('cites the prompt=none exchanges with the callback and its control', () => {
    const s: Scenario = { ...scenario(c.invalidRedirectUri, c.invalidRedirectUri), silent: { 'claude-ai': c.invalidRedirectUri, 'claude-ai-control': c.invalidRedirectUri } };
    expect(findingsOf(lint(s).report, ID)[0]?.evidence).toEqual(['claude-ai-control-1', 'claude-ai-control-after-1', 'claude-ai-1', 'claude-ai-control-silent-1', 'claude-ai-control-after-silent-1', 'claude-ai-silent-1']);
  });
});
