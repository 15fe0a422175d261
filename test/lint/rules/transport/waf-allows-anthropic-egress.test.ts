import { describe, expect, it } from 'vitest';
import rule from '../../../../src/lint/rules/transport/waf-allows-anthropic-egress.js';
import type { McpServerFacts } from '../../../../src/lint/types.js';
import { authlessServer, exchange, failedExchange, lintServer, MCP_URL, okExchange, outcome } from '../../../helpers/facts/mcp-facts.js';
import { findingsOf } from '../../../helpers/facts/rule-tester.js';

const ID = 'waf-allows-anthropic-egress';
const CF = { server: 'cloudflare', 'cf-ray': '8a1b2c3d4e5f-SJC' };

/** `Claude-User` got `claude`; the linter's own user agent got `other`. */
function blocked(claude: Parameters<typeof exchange>[0], other?: ReturnType<typeof exchange>): McpServerFacts {
  return {
    url: MCP_URL,
    initialize: exchange({ exchangeId: 'init-1', ...claude }),
    redirects: [],
    ...(other ? { otherAgent: other } : {}),
    observedMode: 'unknown',
  };
}

describe('waf-allows-anthropic-egress', () => {
  it.each<[string, McpServerFacts]>([
    ['no CDN headers', authlessServer()],
    ['an origin `server` header (nginx)', authlessServer({ initialize: okExchange('init-1', {}, { edge: { server: 'nginx/1.25' } }) })],
  ])('%s → passed without findings', (_name, mcp) => {
    expect(outcome(lintServer(rule, mcp), ID)).toEqual({ status: 'passed', findings: [] });
  });

  it.each<[string, Record<string, string>]>([
    ['Cloudflare', CF],
    ['a `server: cloudflare` header alone', { server: 'cloudflare' }],
    ['CloudFront', { 'x-amz-cf-id': 'abc==' }],
    ['Akamai', { server: 'AkamaiGHost', 'x-akamai-transformed': '9 - 0 pmb=mRUM,1' }],
  ])('%s let Claude-User through → info, passed', (_name, edge) => {
    const report = lintServer(rule, authlessServer({ initialize: okExchange('init-1', {}, { edge }) }));
    expect(outcome(report, ID)).toEqual({ status: 'passed', findings: [['info', {}]] });
    expect(findingsOf(report, ID)[0]?.message).toContain('160.79.104.0/21');
  });

  it.each<[string, number, Record<string, string>, number]>([
    ['Cloudflare challenge for Claude-User, 200 for another agent', 403, { ...CF, 'cf-mitigated': 'challenge' }, 200],
    ['403 for Claude-User, 401 for another agent', 403, CF, 401],
    ['429 for Claude-User, 200 for another agent', 429, {}, 200],
  ])('%s → warning', (_name, claudeStatus, edge, otherStatus) => {
    const report = lintServer(rule, blocked({ status: claudeStatus, edge }, exchange({ exchangeId: 'other-1', status: otherStatus })));
    expect(outcome(report, ID)).toEqual({ status: 'failed', findings: [['warning', { claudeStatus, otherStatus }]] });
    expect(findingsOf(report, ID)[0]?.evidence).toEqual(['init-1', 'other-1']);
  });

  it('names the Cloudflare challenge', () => {
    const report = lintServer(rule, blocked({ status: 403, edge: { 'cf-mitigated': 'challenge' } }, exchange({ exchangeId: 'other-1', status: 200 })));
    expect(findingsOf(report, ID)[0]?.message).toContain('Cloudflare challenge');
  });

  it('does not blame the WAF when every user agent gets the same 403 (only the CDN info)', () => {
    const report = lintServer(rule, blocked({ status: 403, edge: CF }, exchange({ exchangeId: 'other-1', status: 403, edge: CF })));
    expect(outcome(report, ID)).toEqual({ status: 'passed', findings: [['info', {}]] });
  });

  it('does not compare with another agent that got no answer', () => {
    const report = lintServer(rule, blocked({ status: 403 }, failedExchange('other-1', 'timeout')));
    expect(outcome(report, ID)).toEqual({ status: 'passed', findings: [] });
  });
});
