import { describe, expect, it } from 'vitest';
import rule from '../../../../src/lint/rules/transport/no-cross-host-redirect.js';
import type { McpServerFacts } from '../../../../src/lint/types.js';
import { authlessServer, lintServer, MCP_URL, outcome } from '../../../helpers/facts/mcp-facts.js';
import { findingsOf } from '../../../helpers/facts/rule-tester.js';

const ID = 'no-cross-host-redirect';
const SAME = 'https://mcp.example.com/mcp/';
const OTHER = 'https://www.example.com/mcp';

type Hop = McpServerFacts['redirects'][number];
const hop = (status: number, location: string, crossOrigin: boolean, followed: boolean, n = 1): Hop => ({
  status,
  location,
  crossOrigin,
  followed,
  exchangeId: `redirect-${n}`,
});
const redirected = (...redirects: Hop[]): McpServerFacts => authlessServer({ redirects });

describe('no-cross-host-redirect', () => {
  it('passes when the URL answers itself', () => {
    expect(outcome(lintServer(rule, authlessServer()), ID)).toEqual({ status: 'passed', findings: [] });
  });

  it.each<[string, Hop[], 'error' | 'warning']>([
    ['cross-origin 307, not followed', [hop(307, OTHER, true, false)], 'error'],
    ['cross-origin 308, not followed', [hop(308, OTHER, true, false)], 'error'],
    ['cross-origin 301', [hop(301, OTHER, true, false)], 'error'],
    ['same-origin 302 (POST becomes GET)', [hop(302, SAME, false, false)], 'error'],
    ['same-origin 303', [hop(303, SAME, false, false)], 'error'],
    ['same-origin 307, followed (works, costs a round trip)', [hop(307, SAME, false, true)], 'warning'],
    ['same-origin 308, followed', [hop(308, SAME, false, true)], 'warning'],
    ['a followed 307, then a cross-origin 307', [hop(307, SAME, false, true, 1), hop(307, OTHER, true, false, 2)], 'error'],
  ])('%s → %s', (_name, redirects, severity) => {
    const last = redirects[redirects.length - 1] as Hop;
    expect(outcome(lintServer(rule, redirected(...redirects)), ID)).toEqual({
      status: 'failed',
      findings: [[severity, { status: last.status, location: last.location }]],
    });
  });

  it('says why a cross-origin redirect breaks, and cites every redirect', () => {
    const [finding] = findingsOf(lintServer(rule, redirected(hop(307, SAME, false, true, 1), hop(307, OTHER, true, false, 2))), ID);
    expect(finding?.message).toContain('another origin');
    expect(finding?.message).toContain('Authorization');
    expect(finding?.evidence).toEqual(['redirect-1', 'redirect-2']);
    expect(finding?.where).toEqual({ url: MCP_URL });
  });

  it('says a 302 turns the POST into a GET', () => {
    expect(findingsOf(lintServer(rule, redirected(hop(302, SAME, false, false))), ID)[0]?.message).toContain('turns the POST into a GET');
  });

  it('names a chain longer than clients follow', () => {
    const chain = [1, 2, 3, 4, 5].map((n) => hop(307, SAME, false, true, n));
    const message = findingsOf(lintServer(rule, redirected(...chain, hop(307, SAME, false, false, 6))), ID)[0]?.message;
    expect(message).toContain('past the 5');
  });
});
