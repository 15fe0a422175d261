import { describe, expect, it } from 'vitest';
import rule from '../../../../src/lint/rules/tools/modern-tools-cacheable.js';
import type { ModernFacts, ToolInfo } from '../../../../src/lint/types.js';
import {
  authlessServer,
  CACHE_HINTS,
  CHALLENGE,
  discoverAnswer,
  discoverServed,
  exchange,
  failedExchange,
  failedToolsListing,
  lintServer,
  MCP_URL,
  modernFacts,
  modernToolsListing,
  NOT_APPLICABLE,
  oauthServer,
  outcome,
  session,
  TOOLS,
  type ToolsListing,
} from '../../../helpers/facts/mcp-facts.js';
import { findingsOf } from '../../../helpers/facts/rule-tester.js';

const ID = 'modern-tools-cacheable';
const report = (modern: ModernFacts) => lintServer(rule, authlessServer(), { modern });
const lint = (modern: ModernFacts) => outcome(report(modern), ID);
/** Facts where `tools/list` was read twice: `first`, then `second` (by default the same tools). */
const listed = (first: ToolsListing, second: ToolsListing | undefined = modernToolsListing(first.tools, [CACHE_HINTS], 'mtools2')) =>
  modernFacts({ tools: { first, ...(second ? { second } : {}) } });
/** One page of TOOLS with these caching hints. */
const hints = (page: { ttlMs?: unknown; cacheScope?: unknown }) => listed(modernToolsListing(TOOLS, [page]));

describe('modern-tools-cacheable: a cacheable, stable listing', () => {
  it.each<[string, ModernFacts]>([
    ['public, 60 s', hints(CACHE_HINTS)],
    ["SDK v2's default hints (0, private)", hints({ ttlMs: 0, cacheScope: 'private' })],
    ['two pages, both with hints', listed(modernToolsListing(TOOLS, [CACHE_HINTS, { ttlMs: 0, cacheScope: 'private' }]))],
    ['no tools at all', listed(modernToolsListing([]))],
    ['a single read (no second listing)', listed(modernToolsListing(TOOLS), undefined)],
    ['a second read that failed (only the first is judged)', listed(modernToolsListing(TOOLS), failedToolsListing(exchange({ exchangeId: 'mtools2-1', status: 500 })))],
  ])('%s → passed', (_name, modern) => {
    expect(lint(modern)).toEqual({ status: 'passed', findings: [] });
  });
});

describe('modern-tools-cacheable: caching hints', () => {
  it.each<[string, { ttlMs?: unknown; cacheScope?: unknown }, RegExp]>([
    ['ttlMs missing', { cacheScope: 'public' }, /`ttlMs` is missing/],
    ['ttlMs negative', { ttlMs: -1, cacheScope: 'public' }, /`ttlMs` is `-1`, not an integer ≥ 0/],
    ['ttlMs not an integer', { ttlMs: 1.5, cacheScope: 'public' }, /`ttlMs` is `1.5`/],
    ['ttlMs a string', { ttlMs: '60000', cacheScope: 'public' }, /`ttlMs` is `"60000"`/],
    ['ttlMs null', { ttlMs: null, cacheScope: 'public' }, /`ttlMs` is `null`/],
    ['ttlMs beyond the safe integers', { ttlMs: 2 ** 53, cacheScope: 'public' }, /`ttlMs` is/],
    ['cacheScope missing', { ttlMs: 0 }, /`cacheScope` is missing/],
    ['cacheScope invalid', { ttlMs: 0, cacheScope: 'shared' }, /`cacheScope` is `"shared"`, not `public` or `private`/],
    ['cacheScope in another case', { ttlMs: 0, cacheScope: 'Public' }, /`cacheScope` is `"Public"`/],
    ['both missing', {}, /`ttlMs` is missing and `cacheScope` is missing/],
  ])('%s → one error for the page', (_name, page, message) => {
    const r = report(hints(page));
    expect(outcome(r, ID)).toEqual({ status: 'failed', findings: [['error', { page: 1 }]] });
    const [finding] = findingsOf(r, ID);
    expect(finding?.message).toMatch(message);
    expect(finding?.message).not.toContain('(page 1)');
    expect(finding?.evidence).toEqual(['mtools-1']);
    expect(finding?.where).toEqual({ url: MCP_URL });
  });

  it('page 2 without hints → error naming page 2, citing its exchange', () => {
    const r = report(listed(modernToolsListing(TOOLS, [CACHE_HINTS, {}])));
    expect(outcome(r, ID)).toEqual({ status: 'failed', findings: [['error', { page: 2 }]] });
    expect(findingsOf(r, ID)[0]?.message).toContain('(page 2)');
    expect(findingsOf(r, ID)[0]?.evidence).toEqual(['mtools-2']);
  });

  it('every page without hints → one error per page', () => {
    expect(lint(listed(modernToolsListing(TOOLS, [{}, {}, CACHE_HINTS])))).toEqual({ status: 'failed', findings: [['error', { page: 1 }], ['error', { page: 2 }]] });
  });
});

describe('modern-tools-cacheable: the order and the set of tools', () => {
  const names = (...n: string[]): ToolInfo[] => n.map((name) => ({ name }));

  it('the same tools in another order → warning', () => {
    const r = report(listed(modernToolsListing(names('a', 'b', 'c')), modernToolsListing(names('c', 'a', 'b'), [CACHE_HINTS], 'mtools2')));
    expect(outcome(r, ID)).toEqual({ status: 'failed', findings: [['warning', {}]] });
    expect(findingsOf(r, ID)[0]?.message).toContain('different orders');
    expect(findingsOf(r, ID)[0]?.evidence).toEqual(['mtools-1', 'mtools2-1']);
  });

  it.each<[string, string[], string[]]>([
    ['one tool more', ['a', 'b'], ['a', 'b', 'c']],
    ['one tool fewer', ['a', 'b', 'c'], ['a', 'b']],
    ['as many tools, other names', ['a', 'b'], ['a', 'c']],
  ])('%s → warning that the tools differ', (_name, first, second) => {
    const r = report(listed(modernToolsListing(names(...first)), modernToolsListing(names(...second), [CACHE_HINTS], 'mtools2')));
    expect(outcome(r, ID)).toEqual({ status: 'failed', findings: [['warning', {}]] });
    expect(findingsOf(r, ID)[0]?.message).toContain('different tools');
  });
});

describe('modern-tools-cacheable: x-mcp-header', () => {
  it('a tool with an invalid declaration → warning naming the tool', () => {
    const bad: ToolInfo = { name: 'get_forecast', xMcpHeaderProblem: '`region`: `x-mcp-header` `My Region` is not an RFC 9110 token' };
    const r = report(listed(modernToolsListing([...TOOLS, bad])));
    expect(outcome(r, ID)).toEqual({ status: 'failed', findings: [['warning', { tool: 'get_forecast' }]] });
    expect(findingsOf(r, ID)[0]?.message).toContain('Tool `get_forecast`: `region`');
    expect(findingsOf(r, ID)[0]?.evidence).toEqual(['mtools-1']);
  });

  it('reports each such tool', () => {
    const tools: ToolInfo[] = [{ name: 'a', xMcpHeaderProblem: 'x' }, { name: 'b' }, { name: 'c', xMcpHeaderProblem: 'y' }];
    expect(lint(listed(modernToolsListing(tools))).findings).toEqual([['warning', { tool: 'a' }], ['warning', { tool: 'c' }]]);
  });
});

describe('modern-tools-cacheable: the listing failed', () => {
  it('a 500 → error with data.status, citing the exchange', () => {
    const r = report(listed(failedToolsListing(exchange({ exchangeId: 'mtools-1', status: 500 })), undefined));
    expect(outcome(r, ID)).toEqual({ status: 'failed', findings: [['error', { status: 500 }]] });
    expect(findingsOf(r, ID)[0]?.evidence).toEqual(['mtools-1']);
  });

  it('no answer → error with status 0, quoting the failure', () => {
    const r = report(listed(failedToolsListing(failedExchange('mtools-1', 'timeout')), undefined));
    expect(outcome(r, ID)).toEqual({ status: 'failed', findings: [['error', { status: 0 }]] });
    expect(findingsOf(r, ID)[0]?.message).toContain('timeout: mcp.example.com');
  });

  it('page 2 failing after a good page 1 → error citing page 2', () => {
    const r = report(listed(failedToolsListing(exchange({ exchangeId: 'mtools-2', status: 502 }), [CACHE_HINTS]), undefined));
    expect(outcome(r, ID)).toEqual({ status: 'failed', findings: [['error', { status: 502 }]] });
    expect(findingsOf(r, ID)[0]?.evidence).toEqual(['mtools-2']);
  });

  it('-32020 gets the header-mismatch diagnosis and fix', () => {
    const x = exchange({ exchangeId: 'mtools-1', status: 400, contentType: 'application/json', rpcError: { code: -32020, message: 'Header mismatch' } });
    const r = report(listed(failedToolsListing(x), undefined));
    expect(findingsOf(r, ID)[0]?.message).toContain('-32020');
    expect(findingsOf(r, ID)[0]?.fix).toContain('Mcp-Method');
  });

  it('a 401 with CONNECTOR_ACCESS_TOKEN gets the token-refused diagnosis', () => {
    const modern = modernFacts({
      discover: discoverAnswer({ status: 401, wwwAuthenticate: CHALLENGE }),
      authenticated: discoverServed('discover-2'),
      tools: { first: failedToolsListing(exchange({ exchangeId: 'mtools-1', status: 401, wwwAuthenticate: 'Bearer error="invalid_token"' })) },
    });
    const r = lintServer(rule, oauthServer({ session: session(true) }), { modern });
    expect(outcome(r, ID)).toEqual({ status: 'failed', findings: [['error', { status: 401 }]] });
    expect(findingsOf(r, ID)[0]?.message).toContain('refused the token');
  });
});

describe('modern-tools-cacheable: nothing to judge', () => {
  it('no listing (2026-07-28 not served) → skipped', () => {
    expect(report(modernFacts({ discover: discoverAnswer({ status: 404 }) })).rules[ID]).toEqual({ status: 'skipped', reason: expect.stringContaining('modern-era-served') });
  });

  it('the 2026-07-28 probe does not apply → not applicable', () => {
    expect(outcome(lintServer(rule, authlessServer()), ID)).toEqual(NOT_APPLICABLE);
  });
});
