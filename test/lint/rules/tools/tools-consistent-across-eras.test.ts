import { describe, expect, it } from 'vitest';
import rule from '../../../../src/lint/rules/tools/tools-consistent-across-eras.js';
import type { McpServerFacts, ModernFacts, ToolInfo } from '../../../../src/lint/types.js';
import {
  authlessServer,
  CHALLENGE,
  discoverAnswer,
  discoverServed,
  exchange,
  failedToolsListing,
  lintServer,
  MCP_URL,
  modernFacts,
  modernOnlyServer,
  NOT_APPLICABLE,
  oauthServer,
  outcome,
  session,
  TOOLS,
} from '../../../helpers/facts/mcp-facts.js';
import { findingsOf } from '../../../helpers/facts/rule-tester.js';

const ID = 'tools-consistent-across-eras';
const report = (mcp: McpServerFacts, modern: ModernFacts) => lintServer(rule, mcp, { modern });
const lint = (mcp: McpServerFacts, modern: ModernFacts) => outcome(report(mcp, modern), ID);
const names = (...n: string[]): ToolInfo[] => n.map((name) => ({ name }));
/** A dual-era server listing `legacy` on 2025-11-25 and `modern` on 2026-07-28. */
const dual = (legacy: ToolInfo[], modern: ToolInfo[]): [McpServerFacts, ModernFacts] => [authlessServer({ session: session(false, legacy) }), modernFacts({ tools: modern })];

describe('tools-consistent-across-eras: the same tools', () => {
  it.each<[string, [McpServerFacts, ModernFacts]]>([
    ['the preset tools on both', dual(TOOLS, TOOLS)],
    ['the same names in another order', dual(names('a', 'b', 'c'), names('c', 'b', 'a'))],
    ['the same names, other titles (only names are compared)', dual([{ name: 'a', title: 'A' }], [{ name: 'a', title: 'Other' }])],
    ['no tools on either', dual([], [])],
    [
      'an OAuth server with a token accepted on both',
      [oauthServer({ session: session(true) }), modernFacts({ discover: discoverAnswer({ status: 401, wwwAuthenticate: CHALLENGE }), authenticated: discoverServed('discover-2'), tools: TOOLS })],
    ],
  ])('%s → passed', (_name, [mcp, modern]) => {
    expect(lint(mcp, modern)).toEqual({ status: 'passed', findings: [] });
  });
});

describe('tools-consistent-across-eras: different tools', () => {
  it.each<[string, ToolInfo[], ToolInfo[], { onlyLegacy: number; onlyModern: number }, RegExp]>([
    ['one more on 2026-07-28', names('a', 'b'), names('a', 'b', 'c'), { onlyLegacy: 0, onlyModern: 1 }, /only 2026-07-28 \(Claude Code\) lists `c`/],
    ['one more on 2025-11-25', names('a', 'b'), names('a'), { onlyLegacy: 1, onlyModern: 0 }, /only 2025-11-25 \(hosted Claude\) lists `b`/],
    ['different on both sides', names('a', 'b'), names('a', 'c'), { onlyLegacy: 1, onlyModern: 1 }, /lists `b`; only 2026-07-28 \(Claude Code\) lists `c`/],
    ['nothing in common', names('a'), names('b'), { onlyLegacy: 1, onlyModern: 1 }, /`a`.*`b`/],
    ['none on one era', names('a', 'b'), [], { onlyLegacy: 2, onlyModern: 0 }, /`a`, `b`/],
  ])('%s → warning with the counts', (_name, legacy, modern, data, message) => {
    const r = report(...dual(legacy, modern));
    expect(outcome(r, ID)).toEqual({ status: 'failed', findings: [['warning', data]] });
    const [finding] = findingsOf(r, ID);
    expect(finding?.message).toMatch(message);
    expect(finding?.evidence).toEqual(['tools-1', 'mtools-1']);
    expect(finding?.where).toEqual({ url: MCP_URL });
  });

  it('names at most 8 tools and counts the rest', () => {
    const many = names(...Array.from({ length: 11 }, (_, i) => `t${i}`));
    const r = report(...dual([], many));
    expect(outcome(r, ID).findings).toEqual([['warning', { onlyLegacy: 0, onlyModern: 11 }]]);
    expect(findingsOf(r, ID)[0]?.message).toContain('`t7`, and 3 more');
    expect(findingsOf(r, ID)[0]?.message).not.toContain('`t8`');
  });
});

describe('tools-consistent-across-eras: nothing to compare', () => {
  /** A modern-only server: `initialize` gets 400 -32022 naming 2026-07-28. */
  const modernOnly = modernOnlyServer;
  const v1Refusal = discoverAnswer({ status: 400, contentType: 'application/json', rpcError: { code: -32000, message: 'Bad Request: Unsupported protocol version' } });

  it.each<[string, McpServerFacts, ModernFacts]>([
    ['a v1 server (2026-07-28 not served)', authlessServer(), modernFacts({ discover: v1Refusal })],
    ['a modern-only server (2025-11-25 not served)', modernOnly(), modernFacts({ tools: TOOLS })],
  ])('%s → not applicable', (_name, mcp, modern) => {
    expect(lint(mcp, modern)).toEqual(NOT_APPLICABLE);
  });

  it.each<[string, McpServerFacts, ModernFacts]>([
    ['an OAuth server without a token', oauthServer(), modernFacts({ discover: discoverAnswer({ status: 401, wwwAuthenticate: CHALLENGE }) })],
    ['a modern tools/list that failed', authlessServer(), modernFacts({ tools: { first: failedToolsListing(exchange({ exchangeId: 'mtools-1', status: 500 })) } })],
    ['a legacy tools/list that failed', authlessServer({ session: session(false, null) }), modernFacts({ tools: TOOLS })],
  ])('%s → skipped (not applicable is for one-era servers only)', (_name, mcp, modern) => {
    const r = report(mcp, modern);
    expect(r.rules[ID]).toEqual({ status: 'skipped', reason: 'tools were not listed on both eras' });
  });

  it('the 2026-07-28 probe does not apply → not applicable', () => {
    expect(outcome(lintServer(rule, authlessServer()), ID)).toEqual(NOT_APPLICABLE);
  });
});
