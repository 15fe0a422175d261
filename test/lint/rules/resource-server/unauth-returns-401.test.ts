import { describe, expect, it } from 'vitest';
import rule from '../../../../src/lint/rules/resource-server/unauth-returns-401.js';
import type { AuthMode, JsonObject, McpExchange, McpServerFacts, ModernFacts, ToolInfo } from '../../../../src/lint/types.js';
import {
  authlessServer,
  CHALLENGE,
  discoverAnswer,
  discoverServed,
  exchange,
  failedExchange,
  failedToolsListing,
  legacySseServer,
  lintServer,
  MCP_URL,
  modernFacts,
  modernToolsListing,
  NOT_APPLICABLE,
  oauthInit,
  oauthServer,
  okExchange,
  outcome,
  rpcResult,
  TOOLS,
  unreachableServer,
} from '../../../helpers/facts/mcp-facts.js';
import { findingsOf } from '../../../helpers/facts/rule-tester.js';

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

/** An OAuth server whose `tools/list` without credentials or a session got `answer`. */
const listedWithout = (answer: McpExchange, tools?: ToolInfo[]): McpServerFacts =>
  oauthServer({ toolsListWithoutCredentials: { ...answer, ...(tools ? { tools } : {}) } });
const unauthorized = (exchangeId: string) => exchange({ exchangeId, status: 401, contentType: 'application/json', wwwAuthenticate: CHALLENGE });
const listing = () => okExchange('tools-open-1', { tools: TOOLS as unknown as JsonObject[] });
/** `server/discover` 401, as a gated dual-era server answers it. */
const gatedModern = () => modernFacts({ discover: discoverAnswer({ status: 401, contentType: 'application/json', wwwAuthenticate: CHALLENGE }) });

describe('unauth-returns-401: every method Claude sends, on either era', () => {
  it.each<[string, McpServerFacts, ModernFacts | undefined]>([
    ['`tools/list` refused with 401 too, discover too', listedWithout(unauthorized('tools-open-1')), gatedModern()],
    ['`tools/list` refused with 403', listedWithout(exchange({ exchangeId: 'tools-open-1', status: 403 })), undefined],
    ['`tools/list` answered 400 for want of a session', listedWithout(exchange({ exchangeId: 'tools-open-1', status: 400, rpcError: { code: -32000, message: 'Bad Request: No valid session ID provided' } })), undefined],
    ['`tools/list` answered 200 with a JSON-RPC error', listedWithout(okExchange('tools-open-1', {}, { reply: { kind: 'json', message: { error: { code: -32001, message: 'Unauthorized' } } } })), undefined],
    ['`tools/list` got no answer', listedWithout(failedExchange('tools-open-1', 'timeout')), undefined],
    ['2026-07-28 served, but its `tools/list` refused with 401', oauthServer(), modernFacts({ tools: { first: failedToolsListing(unauthorized('mtools-1')) } })],
    ['2026-07-28 served only with `CONNECTOR_ACCESS_TOKEN`', oauthServer(), { ...gatedModern(), authenticated: discoverServed('discover-2'), tools: { first: modernToolsListing() } }],
  ])('%s → passed', (_name, mcp, modern) => {
    expect(outcome(lintServer(rule, mcp, { modern }), ID)).toEqual({ status: 'passed', findings: [] });
  });

  it('`tools/list` (2025-11-25) answered without credentials after a 401 to `initialize` → error naming the method and era', () => {
    const report = lintServer(rule, listedWithout(listing(), TOOLS), { modern: gatedModern() });
    expect(outcome(report, ID)).toEqual({ status: 'failed', findings: [['error', { method: 'tools/list', era: '2025-11-25', status: 200 }]] });
    const [finding] = findingsOf(report, ID);
    expect(finding?.message).toMatch(/^`tools\/list` \(2025-11-25\) without credentials was answered 200 with 2 tools while `initialize` got 401/);
    expect(finding?.evidence).toEqual(['init-1', 'tools-open-1']);
    expect(finding?.where).toEqual({ url: MCP_URL });
  });

  it('`server/discover` and `tools/list` (2026-07-28) served without credentials while `initialize` got 401 → error naming the era', () => {
    const report = lintServer(rule, oauthServer(), { modern: modernFacts({ tools: TOOLS }) });
    expect(outcome(report, ID)).toEqual({ status: 'failed', findings: [['error', { method: 'tools/list', era: '2026-07-28', status: 200 }]] });
    const [finding] = findingsOf(report, ID);
    expect(finding?.message).toContain('after `server/discover` without credentials got a `DiscoverResult`');
    expect(finding?.evidence).toEqual(['discover-1', 'mtools-1']);
  });

  it('both eras open behind a 401 to `initialize` → one error for each', () => {
    const report = lintServer(rule, listedWithout(listing()), { modern: modernFacts({ tools: TOOLS }) });
    expect(outcome(report, ID).findings.map(([, data]) => data.era)).toEqual(['2025-11-25', '2026-07-28']);
  });

  it('declared oauth, `initialize` and the 2026-07-28 tools both served without credentials → an error for each', () => {
    const report = lintServer(rule, authlessServer(), { declared: 'oauth', modern: modernFacts({ tools: TOOLS }) });
    expect(outcome(report, ID).findings).toEqual([
      ['error', { status: 200 }],
      ['error', { method: 'tools/list', era: '2026-07-28', status: 200 }],
    ]);
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
