import { describe, expect, it } from 'vitest';
import rule from '../../../../src/lint/rules/transport/url-no-trailing-slash.js';
import type { McpExchange, McpServerFacts } from '../../../../src/lint/types.js';
import { authlessServer, CHALLENGE, exchange, failedExchange, lintServer, oauthServer, okExchange, outcome } from '../../../helpers/facts/mcp-facts.js';
import { findingsOf } from '../../../helpers/facts/rule-tester.js';

const ID = 'url-no-trailing-slash';
const SLASH_URL = 'https://mcp.example.com/mcp/';
const STRIPPED_URL = 'https://mcp.example.com/mcp';

const INIT_RESULT = { protocolVersion: '2025-11-25', capabilities: {}, serverInfo: { name: 'demo', version: '1' } };
const answered = (exchangeId: string) => okExchange(exchangeId, INIT_RESULT);
const unauthorized = (exchangeId: string) => exchange({ exchangeId, status: 401, contentType: 'application/json', wwwAuthenticate: CHALLENGE });
const notFound = (exchangeId: string) => exchange({ exchangeId, status: 404, contentType: 'text/html', reply: { kind: 'other' }, bodySnippet: '<html>Not Found</html>' });

/** The server at `…/mcp/`: `initialize` got `atSlash`, the same request at `…/mcp` got `stripped`. */
function slashServer(atSlash: McpExchange, stripped: McpExchange): McpServerFacts {
  const mcp = atSlash.status === 401 ? oauthServer({ initialize: atSlash }) : authlessServer({ initialize: atSlash, session: undefined });
  return { ...mcp, url: SLASH_URL, withoutTrailingSlash: { ...stripped, url: STRIPPED_URL } };
}
const lint = (mcp: McpServerFacts) => outcome(lintServer(rule, mcp), ID);

describe('url-no-trailing-slash: nothing to strip', () => {
  it.each<[string, McpServerFacts]>([
    ['a URL without a trailing slash', authlessServer()],
    ['a bare origin (`/`), which the probe does not strip', authlessServer({ url: 'https://mcp.example.com/' })],
    ['a URL typed without a path, whose parsed form ends in the `/` URL parsing adds', authlessServer({ url: 'https://mcp.example.com' })],
    ['a loopback URL typed without a path', authlessServer({ url: 'http://127.0.0.1:8080' })],
  ])('%s → passed', (_name, mcp) => {
    expect(lint(mcp)).toEqual({ status: 'passed', findings: [] });
  });
});

describe('url-no-trailing-slash: a URL ending in `/`', () => {
  it.each<[string, McpExchange, McpExchange, 'error' | 'warning', { withSlash: string; withoutSlash: string }]>([
    ['only the slash form answers (stripped 404)', answered('init-1'), notFound('slashless-1'), 'error', { withSlash: 'answers', withoutSlash: 'no' }],
    ['only the slash form answers (stripped: no answer)', answered('init-1'), failedExchange('slashless-1', 'reset'), 'error', { withSlash: 'answers', withoutSlash: 'no' }],
    ['only the slash form answers (stripped 200 HTML)', answered('init-1'), exchange({ exchangeId: 'slashless-1', status: 200, contentType: 'text/html', reply: { kind: 'other' } }), 'error', { withSlash: 'answers', withoutSlash: 'no' }],
    ['only the slash form answers (401), stripped 404', unauthorized('init-1'), notFound('slashless-1'), 'error', { withSlash: 'answers', withoutSlash: 'no' }],
    ['both forms answer', answered('init-1'), answered('slashless-1'), 'warning', { withSlash: 'answers', withoutSlash: 'answers' }],
    ['both forms answer 401', unauthorized('init-1'), unauthorized('slashless-1'), 'warning', { withSlash: 'answers', withoutSlash: 'answers' }],
    ['only the stripped form answers', notFound('init-1'), answered('slashless-1'), 'warning', { withSlash: 'no', withoutSlash: 'answers' }],
    ['only the stripped form answers (401)', notFound('init-1'), unauthorized('slashless-1'), 'warning', { withSlash: 'no', withoutSlash: 'answers' }],
    ['neither form answers', notFound('init-1'), notFound('slashless-1'), 'warning', { withSlash: 'no', withoutSlash: 'no' }],
  ])('%s → %s', (_name, atSlash, stripped, severity, data) => {
    const r = lintServer(rule, slashServer(atSlash, stripped));
    expect(outcome(r, ID)).toEqual({ status: 'failed', findings: [[severity, data]] });
    const [finding] = findingsOf(r, ID);
    expect(finding?.evidence).toEqual(['init-1', 'slashless-1']);
    expect(finding?.where).toEqual({ url: SLASH_URL });
    expect(finding?.message).toContain(`\`${STRIPPED_URL}\``);
  });

  it('quotes why the stripped form did not answer', () => {
    const r = lintServer(rule, slashServer(answered('init-1'), failedExchange('slashless-1', 'reset')));
    expect(findingsOf(r, ID)[0]?.message).toContain('got no answer (reset: mcp.example.com)');
  });

  // The rule's fix: "MCP clients follow only 307/308 within the origin" — the mcpServer probe
  // follows them for the URL as typed, and so does Claude: a framework's same-origin 307 from
  // `/mcp` to `/mcp/` (Starlette's `redirect_slashes`) leaves the stripped URL working.
  it('judges the stripped form by its answer after same-origin redirects (the probe follows them, as clients do)', () => {
    // The probe records the final answer of `postFollowing`: a 307 to the slash form becomes that form's 200.
    const severities = lint(slashServer(answered('init-1'), answered('slashless-1'))).findings.map(([severity]) => severity);
    expect(severities).toEqual(['warning']);
  });
});
