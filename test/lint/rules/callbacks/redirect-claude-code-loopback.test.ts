import { describe, expect, it } from 'vitest';
import { CLAUDE_AI_CALLBACK, CLAUDE_COM_CALLBACK } from '../../../../src/lint/judgement/claude.js';
import rule from '../../../../src/lint/rules/callbacks/redirect-claude-code-loopback.js';
import type { CallbackVerdict, NotRunCause, RuleStatus } from '../../../../src/lint/types.js';
import {
  AUTHZ,
  chains as c,
  CLIENT_ID,
  IDP_METADATA,
  LOCALHOST_URI,
  LOOPBACK_127_URI,
  redirectFacts,
  redirectStates,
  scenario,
  type Chain,
  type Scenario,
} from '../../../helpers/facts/chains.js';
import { asFacts, findingsOf, lintWith, statesFor } from '../../../helpers/facts/rule-tester.js';

const ID = 'redirect-claude-code-loopback';
const mismatch = c.googlePage(['redirect_uri_mismatch']);

/** Both loopback callbacks and their controls: `[callback, control]` on localhost, then on 127.0.0.1. */
function loopback(localhost: [Chain, Chain], ip: [Chain, Chain] = localhost): Scenario {
  return {
    'loopback-localhost': localhost[0],
    'loopback-localhost-control': localhost[1],
    'loopback-127': ip[0],
    'loopback-127-control': ip[1],
  };
}
/** The hosted callbacks accepted, and the loopback ones as given (a `--client-id` probe sends all four). */
const withHosted = (s: Scenario): Scenario => ({ ...scenario(c.interaction, c.invalidRedirectUri), ...s });

function lint(s: Scenario) {
  const report = lintWith(rule, redirectStates(redirectFacts(s)));
  return { report, status: report.rules[ID]?.status, findings: findingsOf(report, ID).map((f) => [f.severity, f.data.redirectUri]) };
}

describe('redirect-claude-code-loopback', () => {
  it.each<[string, Scenario, RuleStatus, unknown[]]>([
    ['both loopback callbacks accepted on any port', withHosted(loopback([c.interaction, c.invalidRedirectUri])), 'passed', []],
    ['both sent back to the callback on the port sent', withHosted(loopback([c.toRedirectUri(), c.invalidRedirectUri])), 'passed', []],
    // An IdP that matches the port exactly refuses the port Claude Code chose.
    ['the port sent refused for both hosts (exact port matching)', withHosted(loopback([c.invalidRedirectUri, c.invalidRedirectUri])), 'failed', [['warning', LOCALHOST_URI], ['warning', LOOPBACK_127_URI]]],
    ['localhost accepted, 127.0.0.1 refused', withHosted(loopback([c.interaction, c.invalidRedirectUri], [c.invalidRedirectUri, c.invalidRedirectUri])), 'failed', [['warning', LOOPBACK_127_URI]]],
    ['localhost accepted, 127.0.0.1 blocked like its control (bare 403)', withHosted(loopback([c.interaction, c.empty(403)], [c.empty(403), c.empty(403)])), 'failed', [['warning', LOOPBACK_127_URI]]],
    ['Entra-like: every loopback request on the same sign-in page', withHosted(loopback([c.entraPage, c.entraPage])), 'inconclusive', [['warning', LOCALHOST_URI], ['warning', LOOPBACK_127_URI]]],
    ['a block that hits every loopback request alike (bare 403)', withHosted(loopback([c.empty(403), c.empty(403)])), 'inconclusive', [['warning', LOCALHOST_URI], ['warning', LOOPBACK_127_URI]]],
    ['the controls refused with a bare 400 before and after, the callbacks on to sign-in', withHosted(loopback([c.jsLoginPage, c.empty(400)])), 'passed', []],
    ['the client itself refused (invalid_client)', withHosted(loopback([c.jsonError('invalid_client'), c.jsonError('invalid_client')])), 'failed', [['warning', LOCALHOST_URI], ['warning', LOOPBACK_127_URI]]],
  ])('%s', (_name, s, status, findings) => {
    expect(lint(s)).toMatchObject({ status, findings });
  });

  it('rejects loopback callbacks that land, with their controls, on the page the IdP refuses unregistered hosted URIs with', () => {
    // Google-like: the hosted callbacks went on while their controls got the refusal page; the loopback
    // callbacks land on that very page, as unregistered URIs do.
    const s: Scenario = { ...scenario(c.googlePage(), mismatch), ...loopback([mismatch, mismatch]) };
    const report = lintWith(rule, redirectStates(redirectFacts(s)));
    expect(report.rules[ID]?.status).toBe('failed');
    expect(report.callbacks.map((cb) => cb.verdict)).toEqual<CallbackVerdict[]>(['accepted', 'accepted', 'rejected', 'rejected']);
  });

  it('states the loopback callback with the port sent, and the client, in data; cites its own and its control exchanges', () => {
    const finding = findingsOf(lint(withHosted(loopback([c.interaction, c.invalidRedirectUri], [c.invalidRedirectUri, c.invalidRedirectUri]))).report, ID)[0];
    expect(finding?.data).toEqual({ redirectUri: LOOPBACK_127_URI, clientId: CLIENT_ID });
    expect(finding?.where).toEqual({ url: AUTHZ });
    expect(finding?.evidence).toEqual(['loopback-127-control-1', 'loopback-127-control-after-1', 'loopback-127-1']);
    expect(finding?.message).toContain(LOOPBACK_127_URI);
  });

  it('lists the loopback callbacks in report.callbacks with their ports, after the hosted ones', () => {
    const report = lintWith(rule, redirectStates(redirectFacts(withHosted(loopback([c.interaction, c.invalidRedirectUri], [c.invalidRedirectUri, c.invalidRedirectUri])))));
    expect(report.callbacks.map((cb) => [cb.uri, cb.client, cb.verdict])).toEqual([
      [CLAUDE_AI_CALLBACK, 'flag', 'accepted'],
      [CLAUDE_COM_CALLBACK, 'flag', 'accepted'],
      [LOCALHOST_URI, 'flag', 'accepted'],
      [LOOPBACK_127_URI, 'flag', 'rejected'],
    ]);
  });

  it('is a warning: a refused loopback callback alone leaves the exit code 0', () => {
    const report = lintWith(rule, redirectStates(redirectFacts(withHosted(loopback([c.invalidRedirectUri, c.invalidRedirectUri])))));
    expect(report.counts).toEqual({ error: 0, warning: 2, info: 0 });
    expect(report.exitCode).toBe(0);
  });

  it('is not required: inconclusive alone exits 0', () => {
    const report = lintWith(rule, redirectStates(redirectFacts(withHosted(loopback([c.entraPage, c.entraPage])))));
    expect(report.rules[ID]?.status).toBe('inconclusive');
    expect(report.exitCode).toBe(0);
  });

  it('judges the loopback callbacks it has: only localhost probed', () => {
    const s = withHosted({ 'loopback-localhost': c.invalidRedirectUri, 'loopback-localhost-control': c.invalidRedirectUri });
    expect(lint(s)).toMatchObject({ status: 'failed', findings: [['warning', LOCALHOST_URI]] });
  });

  it.each<[string, 'registration' | 'cimd']>([
    ['a registered client (--register)', 'registration'],
    ["Claude's CIMD client", 'cimd'],
  ])('does not apply to %s, which declares the hosted callbacks only', (_name, clientSource) => {
    const s = scenario(c.interaction, c.invalidRedirectUri);
    const report = lintWith(rule, redirectStates(redirectFacts(s, { clientSource })));
    expect(report.rules[ID]).toMatchObject({ status: 'skipped', notApplicable: true });
    expect(report.findings).toEqual([]);
    expect(report.exitCode).toBe(0);
  });

  it.each<[NotRunCause, string]>([
    ['missing-input', 'no client id'],
    ['offline', 'offline lint of a saved metadata document'],
  ])('probe not run (%s) → skipped with the probe reason, no finding', (cause, reason) => {
    const report = lintWith(rule, statesFor(asFacts(IDP_METADATA), { redirectUris: { status: 'not-run', reason, cause } }));
    expect(report.rules[ID]).toEqual({ status: 'skipped', reason: `callback probe: ${reason}` });
    expect(report.findings).toEqual([]);
  });
});
