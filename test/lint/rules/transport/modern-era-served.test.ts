import { describe, expect, it } from 'vitest';
import rule from '../../../../src/lint/rules/transport/modern-era-served.js';
import type { McpServerFacts, ModernFacts, ProbeStates } from '../../../../src/lint/types.js';
import {
  authlessServer,
  CHALLENGE,
  discoverAnswer,
  discoverServed,
  exchange,
  failedExchange,
  legacySseServer,
  lintServer,
  MCP_URL,
  modernFacts,
  modernOnlyServer,
  NOT_APPLICABLE,
  oauthServer,
  outcome,
  serverStates,
  serverTarget,
  session,
} from '../../../helpers/facts/mcp-facts.js';
import { findingsOf, lintWith } from '../../../helpers/facts/rule-tester.js';

const ID = 'modern-era-served';
const JSON_CT = 'application/json';
const report = (mcp: McpServerFacts, modern: ModernFacts) => lintServer(rule, mcp, { modern });
const lint = (mcp: McpServerFacts, modern: ModernFacts) => outcome(report(mcp, modern), ID);

const V1_REFUSAL = discoverAnswer({
  status: 400,
  contentType: JSON_CT,
  reply: { kind: 'json', problem: 'no answer to request server-discover-probe-1' },
  rpcError: { code: -32000, message: 'Bad Request: Unsupported protocol version: 2026-07-28' },
});
const unauthorized = (exchangeId = 'discover-1') => discoverAnswer({ exchangeId, status: 401, contentType: JSON_CT, wwwAuthenticate: CHALLENGE });
/** `createMcpHandler({ legacy: 'reject' })`: `initialize` gets 400 -32022 naming 2026-07-28. */
const modernOnly = modernOnlyServer;

describe('modern-era-served: the server serves 2026-07-28', () => {
  it.each<[string, McpServerFacts, ModernFacts]>([
    ['a dual-era server', authlessServer(), modernFacts()],
    ['a modern-only server', modernOnly(), modernFacts()],
    ['an OAuth server whose token opens 2026-07-28', oauthServer({ session: session(true) }), modernFacts({ discover: unauthorized(), authenticated: discoverServed('discover-2') })],
  ])('%s → passed', (_name, mcp, modern) => {
    expect(lint(mcp, modern)).toEqual({ status: 'passed', findings: [] });
  });
});

describe('modern-era-served: only the legacy era', () => {
  it('an SDK v1 server → warning naming the legacy version, citing server/discover', () => {
    const r = report(authlessServer(), modernFacts({ discover: V1_REFUSAL }));
    expect(outcome(r, ID)).toEqual({ status: 'failed', findings: [['warning', {}]] });
    const [finding] = findingsOf(r, ID);
    expect(finding?.message).toContain('`2025-11-25`');
    expect(finding?.message).toContain('-32000');
    expect(finding?.evidence).toEqual(['discover-1']);
    expect(finding?.where).toEqual({ url: MCP_URL });
  });

  it('a legacy HTTP+SSE server → warning naming 2024-11-05', () => {
    const r = report(legacySseServer(), modernFacts({ discover: discoverAnswer({ status: 405, contentType: 'text/plain', bodySnippet: 'Method Not Allowed' }) }));
    expect(outcome(r, ID)).toEqual({ status: 'failed', findings: [['warning', {}]] });
    expect(findingsOf(r, ID)[0]?.message).toContain('`2024-11-05`');
  });

  it('an OAuth v1 server whose token is accepted → warning citing the authenticated probe', () => {
    const r = report(oauthServer({ session: session(true) }), modernFacts({ discover: unauthorized(), authenticated: { ...V1_REFUSAL, exchangeId: 'discover-2' } }));
    expect(outcome(r, ID)).toEqual({ status: 'failed', findings: [['warning', {}]] });
    expect(findingsOf(r, ID)[0]?.evidence).toEqual(['discover-2']);
  });

  it('neither era served (404 on both) → warning without a legacy version', () => {
    const mcp = authlessServer({ initialize: exchange({ exchangeId: 'init-1', status: 404 }), session: undefined, observedMode: 'unknown' });
    const r = report(mcp, modernFacts({ discover: discoverAnswer({ status: 404 }) }));
    expect(outcome(r, ID)).toEqual({ status: 'failed', findings: [['warning', {}]] });
    expect(findingsOf(r, ID)[0]?.message).not.toContain('legacy era');
  });
});

describe('modern-era-served: nothing decidable', () => {
  it.each<[string, McpServerFacts, ModernFacts, RegExp]>([
    ['an OAuth server without a token', oauthServer(), modernFacts({ discover: unauthorized() }), /CONNECTOR_ACCESS_TOKEN/],
    ['a token refused on 2026-07-28', oauthServer({ session: session(true) }), modernFacts({ discover: unauthorized(), authenticated: unauthorized('discover-2') }), /refused the token/],
    ['a 403 on the probe', authlessServer(), modernFacts({ discover: discoverAnswer({ status: 403 }) }), /403/],
    ['a 500 on the probe', authlessServer(), modernFacts({ discover: discoverAnswer({ status: 500 }) }), /500/],
    ['no answer to the probe', authlessServer(), modernFacts({ discover: failedExchange('discover-1', 'timeout') }), /no answer/],
  ])('%s → skipped with the reason', (_name, mcp, modern, reason) => {
    const r = report(mcp, modern);
    expect(r.rules[ID]).toEqual({ status: 'skipped', reason: expect.stringMatching(reason) });
    expect(r.findings).toEqual([]);
  });

  it('the 2026-07-28 probe does not apply → not applicable', () => {
    expect(outcome(lintServer(rule, authlessServer()), ID)).toEqual(NOT_APPLICABLE);
  });

  it('the legacy probe failed → skipped (both probes are required)', () => {
    const states: ProbeStates = { ...serverStates(authlessServer(), { modern: modernFacts({ discover: V1_REFUSAL }) }), mcpServer: { status: 'failed', reason: 'crashed' } };
    expect(lintWith(rule, states, serverTarget(authlessServer())).rules[ID]?.status).toBe('skipped');
  });
});
