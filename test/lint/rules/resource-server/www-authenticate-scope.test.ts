import { describe, expect, it } from 'vitest';
import rule from '../../../../src/lint/rules/resource-server/www-authenticate-scope.js';
import type { JsonObject, McpServerFacts } from '../../../../src/lint/types.js';
import { authlessServer, lintServer, MCP_URL, NOT_APPLICABLE, oauthInit, oauthServer, outcome, PRM_URL, prmFacts } from '../../../helpers/facts/mcp-facts.js';
import { findingsOf } from '../../../helpers/facts/rule-tester.js';

const ID = 'www-authenticate-scope';
const NO_SCOPE = `Bearer resource_metadata="${PRM_URL}"`;
const challenged = (wwwAuthenticate: string) => oauthInit({ status: 401, wwwAuthenticate });
const lint = (mcp: McpServerFacts, prmMetadata?: JsonObject) =>
  lintServer(rule, mcp, prmMetadata ? { prm: prmFacts(prmMetadata) } : {});

describe('www-authenticate-scope', () => {
  it.each<[string, McpServerFacts, JsonObject | undefined]>([
    ['scope in the challenge', oauthServer(), undefined],
    ['scope in the challenge, metadata without scopes', oauthServer(), { scopes_supported: undefined }],
    ['several scopes in the challenge', challenged(`Bearer resource_metadata="${PRM_URL}", scope="files:read files:write"`), undefined],
    ['no scope in the challenge, scopes_supported in the metadata', challenged(NO_SCOPE), { scopes_supported: ['mcp:tools'] }],
    ['scope in a Bearer challenge after a DPoP one', challenged(`DPoP algs="ES256", Bearer resource_metadata="${PRM_URL}", scope="mcp:tools"`), undefined],
    ['scope in a Bearer challenge after a Basic one', challenged('Basic realm="x", Bearer scope="a"'), undefined],
  ])('%s → passed', (_name, mcp, prm) => {
    expect(outcome(lint(mcp, prm), ID)).toEqual({ status: 'passed', findings: [] });
  });

  it.each<[string, string, JsonObject | undefined]>([
    ['no scope, no metadata', NO_SCOPE, undefined],
    ['no scope, metadata without scopes_supported', NO_SCOPE, { scopes_supported: undefined }],
    ['no scope, empty scopes_supported', NO_SCOPE, { scopes_supported: [] }],
    ['no scope, scopes_supported not a list', NO_SCOPE, { scopes_supported: 'mcp:tools' }],
    ['an empty scope', `Bearer resource_metadata="${PRM_URL}", scope=""`, undefined],
  ])('%s → warning', (_name, header, prm) => {
    const report = lint(challenged(header), prm);
    expect(outcome(report, ID)).toEqual({ status: 'failed', findings: [['warning', {}]] });
    expect(findingsOf(report, ID)[0]).toMatchObject({ where: { url: MCP_URL }, evidence: ['init-1'] });
  });

  it.each<[string, McpServerFacts]>([
    ['an authless server', authlessServer()],
    ['a Bearer challenge on a 403', oauthInit({ status: 403, wwwAuthenticate: 'Bearer scope="a"' })],
  ])('%s → not applicable', (_name, mcp) => {
    expect(outcome(lint(mcp), ID)).toEqual(NOT_APPLICABLE);
  });

  it.each<[string, McpServerFacts]>([
    ['a 401 without WWW-Authenticate', oauthInit({ status: 401 })],
    ['a 401 with only a DPoP challenge, whose scope is not for Bearer tokens', challenged('DPoP algs="ES256", scope="a"')],
    ['a 401 whose challenge does not parse', challenged('Bearer scope="a')],
  ])('%s → skipped, not "not applicable": the scope of an OAuth server cannot be read', (_name, mcp) => {
    const report = lint(mcp);
    expect(report.rules[ID]?.status).toBe('skipped');
    expect(report.rules[ID]?.notApplicable).toBeUndefined();
  });
});
