import { describe, expect, it } from 'vitest';
import rule from '../../../../src/lint/rules/transport/mcp-reachable.js';
import type { HttpFailureCause, NotRunCause, ProbeStates, RuleResult } from '../../../../src/lint/types.js';
import { authlessServer, legacySseServer, lintServer, MCP_URL, oauthServer, outcome, serverStates, unreachableServer } from '../../../helpers/facts/mcp-facts.js';
import { findingsOf, lintWith } from '../../../helpers/facts/rule-tester.js';

const ID = 'mcp-reachable';

describe('mcp-reachable: the server answered', () => {
  it.each([
    ['an authless server (200)', authlessServer()],
    ['an OAuth server (401)', oauthServer()],
    ['a legacy SSE server (405)', legacySseServer()],
  ])('%s → passed', (_name, mcp) => {
    expect(outcome(lintServer(rule, mcp), ID)).toEqual({ status: 'passed', findings: [] });
  });
});

describe('mcp-reachable: no answer', () => {
  it.each<HttpFailureCause>(['dns', 'refused', 'tls', 'timeout', 'reset', 'bad-redirect'])('%s → one error with data.cause', (cause) => {
    expect(outcome(lintServer(rule, unreachableServer(cause)), ID)).toEqual({ status: 'failed', findings: [['error', { cause }]] });
  });

  it('points at the URL, cites the exchange and quotes the failure', () => {
    const [finding] = findingsOf(lintServer(rule, unreachableServer('tls')), ID);
    expect(finding?.where).toEqual({ url: MCP_URL });
    expect(finding?.evidence).toEqual(['init-1']);
    expect(finding?.message).toContain('tls: mcp.example.com');
  });
});

describe('mcp-reachable: the probe did not produce facts', () => {
  const withMcp = (mcpServer: ProbeStates['mcpServer']): ProbeStates => ({ ...serverStates(authlessServer()), mcpServer });

  it('reports a failed probe as one error', () => {
    const report = lintWith(rule, withMcp({ status: 'failed', reason: 'probe crashed' }));
    expect(outcome(report, ID)).toEqual({ status: 'failed', findings: [['error', {}]] });
    expect(findingsOf(report, ID)[0]?.message).toContain('probe crashed');
  });

  it.each<[NotRunCause, RuleResult]>([
    ['not-applicable', { status: 'skipped', reason: 'MCP server: no MCP server URL given', notApplicable: true }],
    ['missing-input', { status: 'skipped', reason: 'no MCP server URL given' }],
    ['offline', { status: 'skipped', reason: 'no MCP server URL given' }],
  ])('skips when the probe did not run (%s)', (cause, result) => {
    const report = lintWith(rule, withMcp({ status: 'not-run', reason: 'no MCP server URL given', cause }));
    expect(report.rules[ID]).toEqual(result);
    expect(report.findings).toEqual([]);
  });
});
