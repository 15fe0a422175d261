import { describe, expect, it } from 'vitest';
import rule from '../../../../src/lint/rules/resource-server/authless-no-401.js';
import type { AuthMode, McpExchange, McpServerFacts } from '../../../../src/lint/types.js';
import {
  authlessServer,
  exchange,
  failedExchange,
  legacySseServer,
  lintServer,
  MCP_URL,
  oauthServer,
  outcome,
  rpcError,
  session,
  unreachableServer,
} from '../../../helpers/facts/mcp-facts.js';
import { findingsOf } from '../../../helpers/facts/rule-tester.js';

const ID = 'authless-no-401';
const toolsListGot = (toolsList: McpExchange | undefined): McpServerFacts => {
  const s = session(false, null);
  return authlessServer({ session: { ...s, toolsList } });
};

describe('authless-no-401', () => {
  it.each<[string, McpServerFacts, AuthMode | undefined]>([
    ['initialize and tools/list without credentials', authlessServer(), undefined],
    ['the same, declared none', authlessServer(), 'none'],
    ['the same, declared shared', authlessServer(), 'shared'],
    ['no tools/list sent', toolsListGot(undefined), undefined],
    ['initialize refused with 405, so no session (transport-streamable-http reports it)', legacySseServer(), 'none'],
  ])('%s → passed', (_name, mcp, declared) => {
    expect(outcome(lintServer(rule, mcp, { declared }), ID)).toEqual({ status: 'passed', findings: [] });
  });

  it.each<[string, McpExchange, number, RegExp]>([
    ['tools/list answered 401', exchange({ exchangeId: 'tools-1', status: 401, wwwAuthenticate: 'Bearer' }), 401, /answered 401/],
    ['tools/list answered 403', exchange({ exchangeId: 'tools-1', status: 403 }), 403, /answered 403/],
    ['tools/list answered 200 with a JSON-RPC error', exchange({ exchangeId: 'tools-1', status: 200, contentType: 'application/json', reply: rpcError(-32001, 'Unauthorized') }), 200, /JSON-RPC error -32001/],
    ['tools/list answered 200 without a result', exchange({ exchangeId: 'tools-1', status: 200, reply: { kind: 'empty' } }), 200, /answered 200/],
    ['tools/list got no answer', failedExchange('tools-1', 'reset'), 0, /no answer/],
  ])('%s → error', (_name, toolsList, status, message) => {
    const report = lintServer(rule, toolsListGot(toolsList));
    expect(outcome(report, ID)).toEqual({ status: 'failed', findings: [['error', { status }]] });
    const [finding] = findingsOf(report, ID);
    expect(finding?.message).toMatch(message);
    expect(finding?.evidence).toEqual(['tools-1']);
    expect(finding?.where).toEqual({ url: MCP_URL });
  });

  it.each<[string, McpServerFacts, AuthMode | undefined]>([
    ['an OAuth server (401)', oauthServer(), undefined],
    ['an OAuth server with a token', oauthServer({ session: session(true) }), 'oauth'],
    ['a server declared oauth that answers without credentials (auth-mode-consistent reports it)', authlessServer(), 'oauth'],
  ])('skips %s', (_name, mcp, declared) => {
    const report = lintServer(rule, mcp, { declared });
    expect(report.rules[ID]).toEqual({ status: 'skipped', reason: 'applies to servers without per-user auth', notApplicable: true });
    expect(report.findings).toEqual([]);
  });

  it('skips a server that did not answer, without calling it not applicable', () => {
    const report = lintServer(rule, unreachableServer(), { declared: 'none' });
    expect(report.rules[ID]).toEqual({ status: 'skipped', reason: 'the server did not answer' });
  });
});
