import { describe, expect, it } from 'vitest';
import rule from '../../../../src/lint/rules/resource-server/scope-offline-access.js';
import type { JsonObject, McpServerFacts } from '../../../../src/lint/types.js';
import { authlessServer, lintServer, MCP_URL, NOT_APPLICABLE, oauthInit, oauthServer, outcome, PRM_URL, prmFacts } from '../../../helpers/facts/mcp-facts.js';
import { findingsOf } from '../../../helpers/facts/rule-tester.js';

const ID = 'scope-offline-access';
const challenged = (scope: string) => oauthInit({ status: 401, wwwAuthenticate: `Bearer resource_metadata="${PRM_URL}", scope="${scope}"` });
const lint = (mcp: McpServerFacts, prmMetadata?: JsonObject) => lintServer(rule, mcp, prmMetadata ? { prm: prmFacts(prmMetadata) } : {});

describe('scope-offline-access: scopes a resource server may name', () => {
  it.each<[string, McpServerFacts, JsonObject | undefined]>([
    ['the SDK challenge and metadata (`mcp:tools`)', oauthServer(), {}],
    ['several scopes, none of them `offline_access`', challenged('openid files:read'), { scopes_supported: ['openid', 'files:read'] }],
    ['a scope that only contains the word', challenged('offline_access_logs'), { scopes_supported: ['offline_access:read'] }],
    ['another letter case (scope tokens are case-sensitive)', challenged('OFFLINE_ACCESS'), undefined],
    ['`offline_access` only in a DPoP challenge, not the Bearer one', oauthInit({ status: 401, wwwAuthenticate: 'DPoP algs="ES256", scope="offline_access", Bearer scope="mcp:tools"' }), undefined],
    ['a 401 without a challenge and no metadata', oauthInit({ status: 401 }), undefined],
    ['`scopes_supported` not a list', challenged('mcp:tools'), { scopes_supported: 'offline_access' }],
  ])('%s → passed', (_name, mcp, prm) => {
    expect(outcome(lint(mcp, prm), ID)).toEqual({ status: 'passed', findings: [] });
  });
});

describe('scope-offline-access: `offline_access` advertised by the resource server', () => {
  it('in the Bearer challenge `scope` → warning at the MCP URL, quoting the scope', () => {
    const report = lint(challenged('mcp:tools offline_access'));
    expect(outcome(report, ID)).toEqual({ status: 'failed', findings: [['warning', { advertisedIn: 'WWW-Authenticate' }]] });
    const [finding] = findingsOf(report, ID);
    expect(finding?.message).toContain('`scope="mcp:tools offline_access"`');
    expect(finding?.where).toEqual({ url: MCP_URL });
    expect(finding?.evidence).toEqual(['init-1']);
  });

  it('in a Bearer challenge after a DPoP one → warning', () => {
    const mcp = oauthInit({ status: 401, wwwAuthenticate: `DPoP algs="ES256", Bearer resource_metadata="${PRM_URL}", scope="offline_access"` });
    expect(outcome(lint(mcp), ID).findings).toEqual([['warning', { advertisedIn: 'WWW-Authenticate' }]]);
  });

  it('in the protected-resource `scopes_supported` → warning pointing into the document', () => {
    const report = lint(oauthServer(), { scopes_supported: ['mcp:tools', 'offline_access'] });
    expect(outcome(report, ID)).toEqual({ status: 'failed', findings: [['warning', { advertisedIn: 'scopes_supported' }]] });
    expect(findingsOf(report, ID)[0]?.where).toEqual({ url: PRM_URL, pointer: '/scopes_supported' });
  });

  it('in both → one warning for each place to fix', () => {
    const report = lint(challenged('offline_access mcp:tools'), { scopes_supported: ['offline_access'] });
    expect(outcome(report, ID).findings).toEqual([
      ['warning', { advertisedIn: 'WWW-Authenticate' }],
      ['warning', { advertisedIn: 'scopes_supported' }],
    ]);
  });
});

describe('scope-offline-access: no 401', () => {
  it.each<[string, McpServerFacts]>([
    ['an authless server', authlessServer()],
    ['an OAuth server that answers 403', oauthInit({ status: 403, wwwAuthenticate: 'Bearer scope="offline_access"' })],
  ])('%s → not applicable', (_name, mcp) => {
    expect(outcome(lint(mcp), ID)).toEqual(NOT_APPLICABLE);
  });
});
