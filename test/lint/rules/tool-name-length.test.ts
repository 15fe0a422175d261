import { describe, expect, it } from 'vitest';
import rule from '../../../src/lint/rules/tool-name-length.js';
import type { McpServerFacts, ToolInfo } from '../../../src/lint/types.js';
import { authlessServer, lintServer, MCP_URL, oauthServer, outcome, session, TOOLS } from '../../helpers/mcp-facts.js';
import { findingsOf } from '../../helpers/rule-tester.js';

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

  it.each<[string, McpServerFacts]>([
    ['an OAuth server without a token', oauthServer()],
    ['an authless server whose tools/list failed', authlessServer({ session: session(false, null) })],
  ])('skips %s', (_name, mcp) => {
    expect(lintServer(rule, mcp).rules[ID]).toEqual({ status: 'skipped', reason: 'tools/list was not answered' });
  });
});
