import { describe, expect, it } from 'vitest';
import rule from '../../../../src/lint/rules/resource-server/prm-discoverable.js';
import type { DiscoveryAttempt, ProbeStates } from '../../../../src/lint/types.js';
import { authlessServer, lintServer, oauthServer, outcome, PRM_URL, prmFacts, prmFailed, unreachableServer, type ServerLint } from '../../../helpers/facts/mcp-facts.js';
import { findingsOf } from '../../../helpers/facts/rule-tester.js';

const ID = 'prm-discoverable';
const ROOT = 'https://mcp.example.com/.well-known/oauth-protected-resource';
const attempt = (url: string, exchangeIds: string[], status?: number, extra: Partial<DiscoveryAttempt> = {}): DiscoveryAttempt => ({
  url,
  kind: 'prm',
  exchangeIds,
  ...(status !== undefined ? { status } : {}),
  durationMs: 10,
  ...extra,
});
const lint = (prm: ServerLint['prm']) => lintServer(rule, oauthServer(), { prm });

describe('prm-discoverable: found', () => {
  it.each(['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/problem+json'])('served as %s → passed', (contentType) => {
    expect(outcome(lint(prmFacts({}, { contentType })), ID)).toEqual({ status: 'passed', findings: [] });
  });

  it.each<[string, string | undefined]>([
    ['text/html', 'text/html'],
    ['text/plain', 'text/plain; charset=utf-8'],
    ['application/jsonp', 'application/jsonp'],
    ['no content type', undefined],
  ])('served as %s → warning at the document URL', (_name, contentType) => {
    const report = lint(prmFacts({}, { contentType, via: 'root', documentUrl: ROOT }));
    expect(outcome(report, ID)).toEqual({ status: 'failed', findings: [['warning', {}]] });
    expect(findingsOf(report, ID)[0]?.where).toEqual({ url: ROOT });
    expect(findingsOf(report, ID)[0]?.message).toContain(contentType ?? 'no content type');
  });
});

describe('prm-discoverable: not found', () => {
  it('names every URL tried and cites every exchange', () => {
    const attempts = [attempt(PRM_URL, ['p-1'], 404), attempt(ROOT, ['p-2', 'p-3'], 404)];
    const report = lint(prmFailed('not found at the well-known URLs', { cause: 'not-found', statuses: [404, 404] }, attempts));
    expect(outcome(report, ID)).toEqual({ status: 'failed', findings: [['error', { cause: 'not-found' }]] });
    const [finding] = findingsOf(report, ID);
    expect(finding?.evidence).toEqual(['p-1', 'p-2', 'p-3']);
    expect(finding?.message).toContain(`\`${PRM_URL}\` (404)`);
    expect(finding?.message).toContain(`\`${ROOT}\` (404)`);
  });

  it.each<[string, ProbeStates['protectedResource'], string]>([
    ['a server error', prmFailed('HTTP 500', { cause: 'server-error', status: 500, url: PRM_URL }, [attempt(PRM_URL, ['p-1'], 500)]), 'server-error'],
    ['not JSON', prmFailed('not JSON', { cause: 'not-json', url: PRM_URL, contentType: 'text/html', status: 200 }, [attempt(PRM_URL, ['p-1'], 200)]), 'not-json'],
    ['unreachable', prmFailed('refused', { cause: 'unreachable', url: PRM_URL, failure: { cause: 'refused', detail: 'ECONNREFUSED' } }, [attempt(PRM_URL, ['p-1'], undefined, { failure: { cause: 'refused', detail: 'ECONNREFUSED' } })]), 'unreachable'],
    ['resource_metadata is not a URL (no attempts)', prmFailed('`resource_metadata` is not a URL: `/prm`'), 'unusable'],
    ['a failure without partial facts', { status: 'failed', reason: 'probe crashed' }, 'unusable'],
  ])('%s → error with data.cause', (_name, state, cause) => {
    expect(outcome(lint(state), ID)).toEqual({ status: 'failed', findings: [['error', { cause }]] });
  });

  it('shows the failure cause of an attempt that got no answer', () => {
    const failure = { cause: 'refused' as const, detail: 'ECONNREFUSED' };
    const state = prmFailed('refused', { cause: 'unreachable', url: PRM_URL, failure }, [attempt(PRM_URL, ['p-1'], undefined, { failure })]);
    expect(findingsOf(lint(state), ID)[0]?.message).toContain(`\`${PRM_URL}\` (refused)`);
  });
});

describe('prm-discoverable: not probed', () => {
  it('is not applicable to an authless server', () => {
    const report = lintServer(rule, authlessServer());
    expect(report.rules[ID]).toEqual({ status: 'skipped', reason: 'protected-resource metadata: the server does not ask for authorization', notApplicable: true });
  });

  it('is skipped without a finding when the MCP server did not answer', () => {
    const report = lintServer(rule, unreachableServer());
    expect(report.rules[ID]).toEqual({ status: 'skipped', reason: 'the MCP server did not answer' });
    expect(report.findings).toEqual([]);
  });
});
