import { describe, expect, it } from 'vitest';
import rule from '../../../src/lint/rules/no-cross-host-redirect.js';
import type { McpServerFacts } from '../../../src/lint/types.js';
import { authlessServer, lintServer, MCP_URL, outcome } from '../../helpers/mcp-facts.js';
import { findingsOf } from '../../helpers/rule-tester.js';

const ID = 'no-cross-host-redirect';
const SAME = 'https://mcp.example.com/mcp/';
const OTHER = 'https://www.example.com/mcp';

const redirected = (status: number, location: string, crossHost: boolean): McpServerFacts =>
  authlessServer({ redirect: { status, location, crossHost, exchangeId: 'redirect-1' } });

describe('no-cross-host-redirect', () => {
  it('passes when the URL answers itself', () => {
    expect(outcome(lintServer(rule, authlessServer()), ID)).toEqual({ status: 'passed', findings: [] });
  });

  it.each<[string, number, string, boolean, 'error' | 'warning']>([
    ['cross-host 307', 307, OTHER, true, 'error'],
    ['cross-host 308', 308, OTHER, true, 'error'],
    ['cross-host 301', 301, OTHER, true, 'error'],
    ['same-host 302 (POST becomes GET)', 302, SAME, false, 'error'],
    ['same-host 301', 301, SAME, false, 'error'],
    ['same-host 303', 303, SAME, false, 'error'],
    ['same-host 307 (works, costs a round trip)', 307, SAME, false, 'warning'],
    ['same-host 308', 308, SAME, false, 'warning'],
  ])('%s → %s', (_name, status, location, crossHost, severity) => {
    expect(outcome(lintServer(rule, redirected(status, location, crossHost)), ID)).toEqual({
      status: 'failed',
      findings: [[severity, { status, location }]],
    });
  });

  it('says why a cross-host redirect breaks, and cites the redirect', () => {
    const [finding] = findingsOf(lintServer(rule, redirected(307, OTHER, true)), ID);
    expect(finding?.message).toContain('another host');
    expect(finding?.message).toContain('Authorization');
    expect(finding?.evidence).toEqual(['redirect-1']);
    expect(finding?.where).toEqual({ url: MCP_URL });
  });

  it('says a 302 turns the POST into a GET', () => {
    expect(findingsOf(lintServer(rule, redirected(302, SAME, false)), ID)[0]?.message).toContain('turns the POST into a GET');
  });
});
