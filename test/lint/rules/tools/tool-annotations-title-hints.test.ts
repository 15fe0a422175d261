import { describe, expect, it } from 'vitest';
import rule from '../../../../src/lint/rules/tools/tool-annotations-title-hints.js';
import type { McpServerFacts, ToolInfo } from '../../../../src/lint/types.js';
import { authlessServer, exchange, lintServer, MCP_URL, modernFacts, modernOnlyServer, oauthServer, outcome, session, TOOLS } from '../../../helpers/facts/mcp-facts.js';
import { findingsOf } from '../../../helpers/facts/rule-tester.js';

const ID = 'tool-annotations-title-hints';
const withTools = (tools: ToolInfo[]) => authlessServer({ session: session(false, tools) });

describe('tool-annotations-title-hints', () => {
  it.each<[string, ToolInfo[]]>([
    ['the preset tools (title in `title`, and in `annotations.title`)', TOOLS],
    ['title in `title`, readOnlyHint', [{ name: 'a', title: 'A', annotations: { readOnlyHint: true } }]],
    ['title in `annotations.title`, destructiveHint', [{ name: 'a', annotations: { title: 'A', destructiveHint: true } }]],
    ['readOnlyHint: false counts as stated', [{ name: 'a', title: 'A', annotations: { readOnlyHint: false } }]],
    ['destructiveHint: false counts as stated', [{ name: 'a', title: 'A', annotations: { destructiveHint: false } }]],
    ['both hints', [{ name: 'a', title: 'A', annotations: { readOnlyHint: true, destructiveHint: false } }]],
    ['no tools at all', []],
  ])('%s → passed', (_name, tools) => {
    expect(outcome(lintServer(rule, withTools(tools)), ID)).toEqual({ status: 'passed', findings: [] });
  });

  it.each<[string, ToolInfo, string]>([
    ['no title', { name: 'search', annotations: { readOnlyHint: true } }, 'a title'],
    ['an empty title', { name: 'search', title: '', annotations: { readOnlyHint: true } }, 'a title'],
    ['no hint', { name: 'search', title: 'Search', annotations: { title: 'Search' } }, '`readOnlyHint` or `destructiveHint`'],
    ['no annotations at all, title only', { name: 'search', title: 'Search' }, '`readOnlyHint` or `destructiveHint`'],
    ['nothing', { name: 'search' }, 'a title and `readOnlyHint` or `destructiveHint`'],
  ])('%s → error naming the tool', (_name, tool, lacks) => {
    const report = lintServer(rule, withTools([TOOLS[0] as ToolInfo, tool]));
    expect(outcome(report, ID)).toEqual({ status: 'failed', findings: [['error', { tool: 'search' }]] });
    const [finding] = findingsOf(report, ID);
    expect(finding?.message).toBe(`Tool \`search\` lacks ${lacks}.`);
    expect(finding?.evidence).toEqual(['tools-1']);
    expect(finding?.where).toEqual({ url: MCP_URL });
  });

  it('reports each tool that lacks something, in order', () => {
    const report = lintServer(rule, withTools([{ name: 'b' }, TOOLS[1] as ToolInfo, { name: 'a', title: 'A' }]));
    expect(outcome(report, ID).findings).toEqual([
      ['error', { tool: 'b' }],
      ['error', { tool: 'a' }],
    ]);
  });

  it.each<[string, McpServerFacts, RegExp]>([
    ['an OAuth server without a token', oauthServer(), /CONNECTOR_ACCESS_TOKEN/],
    ['tools/list that failed', authlessServer({ session: { ...session(false, null), toolsList: exchange({ exchangeId: 'tools-1', status: 500 }) } }), /not answered/],
    ['an OAuth server whose token was refused', oauthServer({ session: { authenticated: true, initialize: exchange({ status: 401 }) } }), /not answered/],
  ])('skips %s', (_name, mcp, reason) => {
    expect(lintServer(rule, mcp).rules[ID]).toEqual({ status: 'skipped', reason: expect.stringMatching(reason) });
  });
});

describe('tool-annotations-title-hints: tools listed on either era', () => {
  it('judges tools listed only on 2026-07-28, citing that listing', () => {
    const report = lintServer(rule, modernOnlyServer(), { modern: modernFacts({ tools: [TOOLS[0] as ToolInfo, { name: 'search' }] }) });
    expect(outcome(report, ID)).toEqual({ status: 'failed', findings: [['error', { tool: 'search' }]] });
    expect(findingsOf(report, ID)[0]?.evidence).toEqual(['mtools-1']);
  });

  it('judges a tool that only the modern era adds to a dual-era server', () => {
    const report = lintServer(rule, withTools(TOOLS), { modern: modernFacts({ tools: [...TOOLS, { name: 'extra', title: 'Extra' }] }) });
    expect(outcome(report, ID).findings).toEqual([['error', { tool: 'extra' }]]);
    expect(findingsOf(report, ID)[0]?.evidence).toEqual(['tools-1', 'mtools-1']);
  });

  it('judges a tool listed on both eras once', () => {
    const report = lintServer(rule, withTools([{ name: 'search' }]), { modern: modernFacts({ tools: [{ name: 'search' }] }) });
    expect(outcome(report, ID)).toEqual({ status: 'failed', findings: [['error', { tool: 'search' }]] });
  });

  it('passes when both eras list annotated tools', () => {
    expect(outcome(lintServer(rule, withTools(TOOLS), { modern: modernFacts({ tools: TOOLS }) }), ID)).toEqual({ status: 'passed', findings: [] });
  });

  it('an OAuth server without a token on either era is skipped, naming CONNECTOR_ACCESS_TOKEN', () => {
    expect(lintServer(rule, oauthServer(), { modern: modernFacts({ discover: exchange({ exchangeId: 'discover-1', status: 401 }) }) }).rules[ID]).toEqual({
      status: 'skipped',
      reason: expect.stringContaining('CONNECTOR_ACCESS_TOKEN'),
    });
  });
});
