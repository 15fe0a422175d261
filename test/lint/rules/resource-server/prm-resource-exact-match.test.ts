import { describe, expect, it } from 'vitest';
import rule from '../../../../src/lint/rules/resource-server/prm-resource-exact-match.js';
import { authlessServer, lintServer, MCP_URL, NOT_APPLICABLE, oauthServer, outcome, PRM_URL, prmFacts } from '../../../helpers/facts/mcp-facts.js';
import { findingsOf } from '../../../helpers/facts/rule-tester.js';

const ID = 'prm-resource-exact-match';
const lint = (resource: unknown, url = MCP_URL) => lintServer(rule, oauthServer({ url }), { prm: prmFacts({ resource }) });

describe('prm-resource-exact-match', () => {
  it.each([
    [MCP_URL, MCP_URL],
    ['https://mcp.example.com/', 'https://mcp.example.com/'],
    ['https://mcp.example.com:8443/v1/mcp', 'https://mcp.example.com:8443/v1/mcp'],
    ['https://mcp.example.com', 'https://mcp.example.com'],
    // A URL without a path: its empty path is `/` (RFC 3986 §6.2.3), as the SDK's `checkResourceAllowed` compares.
    ['https://mcp.example.com/', 'https://mcp.example.com'],
    ['https://mcp.example.com', 'https://mcp.example.com/'],
    ['http://127.0.0.1:8080/', 'http://127.0.0.1:8080'],
  ])('resource %s for URL %s → passed', (resource, url) => {
    expect(outcome(lint(resource, url), ID)).toEqual({ status: 'passed', findings: [] });
  });

  it.each<[string, string, string, boolean]>([
    ['trailing slash added', `${MCP_URL}/`, MCP_URL, true],
    ['trailing slash dropped', 'https://mcp.example.com/mcp', 'https://mcp.example.com/mcp/', true],
    ['origin only, URL has a path', 'https://mcp.example.com', MCP_URL, false],
    ['a path for a URL typed without one', 'https://mcp.example.com/mcp', 'https://mcp.example.com', false],
    ['two slashes for a URL typed without a path', 'https://mcp.example.com//', 'https://mcp.example.com', false],
    ['another host', 'https://api.example.com/mcp', MCP_URL, false],
    ['http for https', 'http://mcp.example.com/mcp', MCP_URL, false],
    ['an explicit default port', 'https://mcp.example.com:443/mcp', MCP_URL, false],
    ['letter case of the path', 'https://mcp.example.com/MCP', MCP_URL, false],
  ])('%s → error', (_name, resource, url, slash) => {
    const report = lint(resource, url);
    expect(outcome(report, ID)).toEqual({ status: 'failed', findings: [['error', { resource, url }]] });
    const [finding] = findingsOf(report, ID);
    expect(finding?.where).toEqual({ url: PRM_URL, pointer: '/resource' });
    expect(finding?.message.includes('trailing slash')).toBe(slash);
  });

  it.each<[string, unknown]>([
    ['missing', undefined],
    ['a list', [MCP_URL]],
    ['a number', 42],
  ])('resource %s → error without data', (_name, resource) => {
    const report = lint(resource);
    expect(outcome(report, ID)).toEqual({ status: 'failed', findings: [['error', {}]] });
    expect(findingsOf(report, ID)[0]?.message).toContain('no `resource` string');
  });

  it('is not applicable to an authless server', () => {
    expect(outcome(lintServer(rule, authlessServer()), ID)).toEqual(NOT_APPLICABLE);
  });

  it('is skipped when the metadata was not found', () => {
    const report = lintServer(rule, oauthServer(), { prm: { status: 'failed', reason: 'not found' } });
    expect(report.rules[ID]).toEqual({ status: 'skipped', reason: 'protected-resource metadata: not found' });
  });
});
