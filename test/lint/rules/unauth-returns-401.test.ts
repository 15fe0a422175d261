import { describe, expect, it } from 'vitest';
import rule from '../../../src/lint/rules/unauth-returns-401.js';
import type { AuthMode } from '../../../src/lint/types.js';
import { authlessServer, legacySseServer, lintServer, MCP_URL, NOT_APPLICABLE, oauthInit, oauthServer, outcome, rpcResult, unreachableServer } from '../../helpers/mcp-facts.js';
import { findingsOf } from '../../helpers/rule-tester.js';

const ID = 'unauth-returns-401';
/** The SDK's `isError` tool result: a 200, not an authorization request. */
const IS_ERROR = rpcResult({ content: [{ type: 'text', text: 'Unauthorized' }], isError: true });

describe('unauth-returns-401: servers declared or observed oauth', () => {
  it('passes a 401', () => {
    expect(outcome(lintServer(rule, oauthServer()), ID)).toEqual({ status: 'passed', findings: [] });
  });

  it('passes a 401 even without a challenge (www-authenticate-resource-metadata judges that)', () => {
    expect(outcome(lintServer(rule, oauthInit({ status: 401 })), ID)).toEqual({ status: 'passed', findings: [] });
  });

  it.each<[string, Parameters<typeof oauthInit>[0], RegExp]>([
    ['200 + isError', { status: 200, contentType: 'application/json', reply: IS_ERROR }, /isError/],
    ['403', { status: 403, contentType: 'application/json' }, /403/],
    ['302 to a login page', { status: 302, location: 'https://mcp.example.com/login' }, /redirect/],
    ['404', { status: 404, contentType: 'text/html' }, /404/],
    ['500', { status: 500 }, /500/],
  ])('%s → error', (_name, spec, message) => {
    const report = lintServer(rule, oauthInit(spec), { declared: 'oauth' });
    expect(outcome(report, ID)).toEqual({ status: 'failed', findings: [['error', { status: spec.status as number }]] });
    const [finding] = findingsOf(report, ID);
    expect(finding?.message).toMatch(message);
    expect(finding?.evidence).toEqual(['init-1']);
    expect(finding?.where).toEqual({ url: MCP_URL });
  });

  it('applies when declared oauth though the server answered like an authless one', () => {
    expect(outcome(lintServer(rule, authlessServer(), { declared: 'oauth' }), ID)).toEqual({ status: 'failed', findings: [['error', { status: 200 }]] });
  });

  it('reports nothing when the server did not answer (mcp-reachable does)', () => {
    expect(outcome(lintServer(rule, unreachableServer(), { declared: 'oauth' }), ID)).toEqual({ status: 'passed', findings: [] });
  });
});

describe('unauth-returns-401: servers without per-user auth', () => {
  it.each<[string, ReturnType<typeof authlessServer>, AuthMode | undefined]>([
    ['authless, undeclared', authlessServer(), undefined],
    ['authless, declared none', authlessServer(), 'none'],
    ['authless, declared shared', authlessServer(), 'shared'],
    ['legacy SSE, undeclared', legacySseServer(), undefined],
  ])('%s → not applicable', (_name, mcp, declared) => {
    expect(outcome(lintServer(rule, mcp, { declared }), ID)).toEqual(NOT_APPLICABLE);
  });
});
