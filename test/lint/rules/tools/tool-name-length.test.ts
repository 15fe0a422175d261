import { describe, expect, it } from 'vitest';
import rule from '../../../../src/lint/rules/tools/tool-name-length.js';
import type { McpServerFacts, ToolInfo } from '../../../../src/lint/types.js';
import { authlessServer, exchange, lintServer, MCP_URL, modernFacts, modernOnlyServer, modernToolsListing, oauthServer, outcome, session, TOOLS } from '../../../helpers/facts/mcp-facts.js';
import { findingsOf } from '../../../helpers/facts/rule-tester.js';

const ID = 'tool-name-length';
const named = (...names: string[]): McpServerFacts => authlessServer({ session: session(false, names.map((name): ToolInfo => ({ name }))) });
const N64 = `get_${'x'.repeat(60)}`;
const N65 = `${N64}y`;

describe('tool-name-length', () => {
  it('the fixture names are 64 and 65 characters', () => {
    expect([N64.length, N65.length]).toEqual([64, 65]);
  });

  it.each<[string, McpServerFacts]>([
    ['the preset tools', authlessServer({ session: session(false, TOOLS) })],
    ['a 64-character name', named('a', N64)],
    ['a 1-character name', named('a')],
    ['no tools', named()],
  ])('%s → passed', (_name, mcp) => {
    expect(outcome(lintServer(rule, mcp), ID)).toEqual({ status: 'passed', findings: [] });
  });

  it('a 65-character name → error with its length', () => {
    const report = lintServer(rule, named('ok', N65));
    expect(outcome(report, ID)).toEqual({ status: 'failed', findings: [['error', { tool: N65, length: 65 }]] });
    expect(findingsOf(report, ID)[0]?.where).toEqual({ url: MCP_URL });
    expect(findingsOf(report, ID)[0]?.message).toContain('65-character name; the limit is 64');
  });

  it('reports every long name', () => {
    const long = 'z'.repeat(100);
    expect(outcome(lintServer(rule, named(N65, N64, long)), ID).findings).toEqual([
      ['error', { tool: N65, length: 65 }],
      ['error', { tool: long, length: 100 }],
    ]);
  });

  it.each<[string, McpServerFacts, string]>([
    ['an OAuth server without a token', oauthServer(), 'tools/list needs a token: pass `--login`, or set CONNECTOR_ACCESS_TOKEN'],
    ['an authless server whose tools/list failed', authlessServer({ session: session(false, null) }), 'tools/list was not answered on either protocol era'],
  ])('skips %s', (_name, mcp, reason) => {
    expect(lintServer(rule, mcp).rules[ID]).toEqual({ status: 'skipped', reason });
  });
});

describe('tool-name-length: tools listed on either era', () => {
  it('judges tools listed only on 2026-07-28, citing that listing', () => {
    const report = lintServer(rule, modernOnlyServer(), { modern: modernFacts({ tools: [{ name: 'ok' }, { name: N65 }] }) });
    expect(outcome(report, ID)).toEqual({ status: 'failed', findings: [['error', { tool: N65, length: 65 }]] });
    expect(findingsOf(report, ID)[0]?.evidence).toEqual(['mtools-1']);
  });

  it('judges a tool that only the modern era adds to a dual-era server', () => {
    const report = lintServer(rule, named('a'), { modern: modernFacts({ tools: [{ name: 'a' }, { name: N65 }] }) });
    expect(outcome(report, ID).findings).toEqual([['error', { tool: N65, length: 65 }]]);
    expect(findingsOf(report, ID)[0]?.evidence).toEqual(['tools-1', 'mtools-1']);
  });

  it('judges a tool listed on both eras once', () => {
    const report = lintServer(rule, named(N65), { modern: modernFacts({ tools: [{ name: N65 }] }) });
    expect(outcome(report, ID)).toEqual({ status: 'failed', findings: [['error', { tool: N65, length: 65 }]] });
  });

  it('passes when neither era lists a long name', () => {
    expect(outcome(lintServer(rule, named('a'), { modern: modernFacts({ tools: [{ name: N64 }] }) }), ID)).toEqual({ status: 'passed', findings: [] });
  });

  it('does not judge the failed page of a modern listing', () => {
    const modern = modernFacts({ tools: { first: { ...modernToolsListing([]), tools: undefined, failed: exchange({ exchangeId: 'mtools-1', status: 500 }) } } });
    expect(lintServer(rule, modernOnlyServer(), { modern }).rules[ID]?.status).toBe('skipped');
  });
});
