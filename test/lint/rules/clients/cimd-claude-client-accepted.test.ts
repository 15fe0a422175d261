import { describe, expect, it } from 'vitest';
import { CLAUDE_AI_CALLBACK, CLAUDE_CIMD_CLIENT_ID, CLAUDE_COM_CALLBACK } from '../../../../src/lint/judgement/claude.js';
import rule from '../../../../src/lint/rules/clients/cimd-claude-client-accepted.js';
import type { JsonObject, ProbeState, RedirectProbeFacts, RuleStatus, Severity } from '../../../../src/lint/types.js';
import { chains as c, cimdStates, IDP_METADATA, perHost, redirectFacts, redirectStates, scenario, type Scenario } from '../../../helpers/facts/chains.js';
import { asFacts, findingsOf, lintWith, statesFor } from '../../../helpers/facts/rule-tester.js';

const ID = 'cimd-claude-client-accepted';
/** Claude chooses CIMD: advertised, with public-client (`none`) token authentication (cimd-claude-gate). */
const USABLE: JsonObject = { ...IDP_METADATA, client_id_metadata_document_supported: true, token_endpoint_auth_methods_supported: ['none', 'client_secret_basic'] };
/** Advertised, but without `none`: Claude falls back to DCR, so a refusal here does not break its sign-in. */
const NOT_CHOSEN: JsonObject = { ...IDP_METADATA, client_id_metadata_document_supported: true, token_endpoint_auth_methods_supported: ['client_secret_basic'] };

/** The probe's facts with Claude's CIMD client, which declares the hosted callbacks only. */
const cimdFacts = (s: Scenario): RedirectProbeFacts => redirectFacts(s, { clientId: CLAUDE_CIMD_CLIENT_ID, clientSource: 'cimd' });

function lint(s: Scenario, metadata: JsonObject = USABLE) {
  const report = lintWith(rule, cimdStates(cimdFacts(s), metadata));
  return { report, status: report.rules[ID]?.status, findings: findingsOf(report, ID).map((f) => [f.severity, f.data.redirectUri]) };
}

describe('cimd-claude-client-accepted', () => {
  it.each<[string, Scenario, JsonObject, RuleStatus, [Severity, string][]]>([
    ['both callbacks accepted, CIMD chosen', scenario(c.interaction, c.invalidRedirectUri), USABLE, 'passed', []],
    ['both callbacks accepted, CIMD not chosen', scenario(c.interaction, c.invalidRedirectUri), NOT_CHOSEN, 'passed', []],
    ['claude.ai refused, CIMD chosen → error', perHost([c.invalidRedirectUri, c.invalidRedirectUri], [c.interaction, c.invalidRedirectUri]), USABLE, 'failed', [['error', CLAUDE_AI_CALLBACK]]],
    ['claude.ai refused, CIMD not chosen (no `none`) → warning', perHost([c.invalidRedirectUri, c.invalidRedirectUri], [c.interaction, c.invalidRedirectUri]), NOT_CHOSEN, 'failed', [['warning', CLAUDE_AI_CALLBACK]]],
    ['claude.com refused, CIMD chosen → error, as its callback rule', perHost([c.interaction, c.invalidRedirectUri], [c.invalidRedirectUri, c.invalidRedirectUri]), USABLE, 'failed', [['error', CLAUDE_COM_CALLBACK]]],
    ['claude.com refused, CIMD not chosen → warning', perHost([c.interaction, c.invalidRedirectUri], [c.invalidRedirectUri, c.invalidRedirectUri]), NOT_CHOSEN, 'failed', [['warning', CLAUDE_COM_CALLBACK]]],
    ['both refused, CIMD chosen', scenario(c.invalidRedirectUri, c.invalidRedirectUri), USABLE, 'failed', [['error', CLAUDE_AI_CALLBACK], ['error', CLAUDE_COM_CALLBACK]]],
    ["Claude's client refused outright (invalid_client), CIMD chosen", scenario(c.jsonError('invalid_client'), c.jsonError('invalid_client')), USABLE, 'failed', [['error', CLAUDE_AI_CALLBACK], ['error', CLAUDE_COM_CALLBACK]]],
    ['the controls refused with a bare 403, the callbacks on to sign-in', scenario(c.jsLoginPage, c.empty(403)), USABLE, 'passed', []],
    ['a block that hits every request alike', scenario(c.empty(403), c.empty(403)), USABLE, 'inconclusive', [['warning', CLAUDE_AI_CALLBACK], ['warning', CLAUDE_COM_CALLBACK]]],
    ['Entra-like: the same sign-in page for all', scenario(c.entraPage, c.entraPage), USABLE, 'inconclusive', [['warning', CLAUDE_AI_CALLBACK], ['warning', CLAUDE_COM_CALLBACK]]],
  ])('%s', (_name, s, metadata, status, findings) => {
    expect(lint(s, metadata)).toMatchObject({ status, findings });
  });

  it("names Claude's CIMD client in the message and data", () => {
    const finding = findingsOf(lint(perHost([c.invalidRedirectUri, c.invalidRedirectUri], [c.interaction, c.invalidRedirectUri])).report, ID)[0];
    expect(finding?.data).toEqual({ redirectUri: CLAUDE_AI_CALLBACK, clientId: CLAUDE_CIMD_CLIENT_ID });
    expect(finding?.message).toContain("(Claude's Client ID Metadata Document)");
  });

  it('exits 1 on the claude.ai refusal when Claude would choose CIMD, 0 when it would not', () => {
    const s = perHost([c.invalidRedirectUri, c.invalidRedirectUri], [c.interaction, c.invalidRedirectUri]);
    expect(lint(s, USABLE).report.exitCode).toBe(1);
    expect(lint(s, NOT_CHOSEN).report.exitCode).toBe(0);
  });

  it("lists the CIMD client's verdicts in report.callbacks with client `cimd`, after the given client's", () => {
    const flag = redirectFacts(perHost([c.interaction, c.invalidRedirectUri], [c.interaction, c.invalidRedirectUri]));
    const cimd = cimdFacts(perHost([c.interaction, c.invalidRedirectUri], [c.invalidRedirectUri, c.invalidRedirectUri]));
    const report = lintWith(rule, redirectStates(flag, USABLE, { cimd }));
    expect(report.callbacks.map((cb) => [cb.uri, cb.client, cb.verdict])).toEqual([
      [CLAUDE_AI_CALLBACK, 'flag', 'accepted'],
      [CLAUDE_COM_CALLBACK, 'flag', 'accepted'],
      [CLAUDE_AI_CALLBACK, 'cimd', 'accepted'],
      [CLAUDE_COM_CALLBACK, 'cimd', 'rejected'],
    ]);
  });

  it('lists each CIMD verdict once when the callback probe is the CIMD probe (no --client-id, CIMD chosen)', () => {
    // Without a given client the probe hands the CIMD facts to the callback rules as well.
    const state: ProbeState<RedirectProbeFacts> = { status: 'ok', value: cimdFacts(scenario(c.interaction, c.invalidRedirectUri)) };
    const report = lintWith(rule, statesFor(asFacts(USABLE), { redirectUris: state, cimd: state }));
    expect(report.callbacks.map((cb) => [cb.uri, cb.client, cb.verdict])).toEqual([
      [CLAUDE_AI_CALLBACK, 'cimd', 'accepted'],
      [CLAUDE_COM_CALLBACK, 'cimd', 'accepted'],
    ]);
  });

  it('does not apply when the IdP does not advertise CIMD (the probe did not run for that reason)', () => {
    const report = lintWith(rule, statesFor(asFacts(IDP_METADATA)));
    expect(report.rules[ID]).toMatchObject({ status: 'skipped', notApplicable: true });
    expect(report.findings).toEqual([]);
    expect(report.exitCode).toBe(0);
  });

  it.each<[string, ProbeState<RedirectProbeFacts>]>([
    ['failed', { status: 'failed', reason: 'the metadata has no usable `authorization_endpoint`' }],
    ['not run offline', { status: 'not-run', reason: 'offline', cause: 'offline' }],
    ['not run for lack of metadata', { status: 'not-run', reason: 'authorization-server metadata unavailable', cause: 'dependency' }],
  ])('is skipped, and still applies, when the probe %s', (_name, state) => {
    const report = lintWith(rule, cimdStates(state, USABLE));
    expect(report.rules[ID]?.status).toBe('skipped');
    expect(report.rules[ID]?.notApplicable).toBeUndefined();
    expect(report.findings).toEqual([]);
  });
});
