import { describe, expect, it } from 'vitest';
import rule from '../../../../src/lint/rules/resource-server/www-authenticate-resource-metadata.js';
import type { McpServerFacts, Severity } from '../../../../src/lint/types.js';
import { authlessServer, CHALLENGE, lintServer, MCP_URL, NOT_APPLICABLE, oauthInit, oauthServer, outcome, PRM_URL, prmFacts } from '../../../helpers/facts/mcp-facts.js';
import { findingsOf } from '../../../helpers/facts/rule-tester.js';

const ID = 'www-authenticate-resource-metadata';
const with401 = (wwwAuthenticate?: string) => oauthInit({ status: 401, ...(wwwAuthenticate !== undefined ? { wwwAuthenticate } : {}) });
const lint = (mcp: McpServerFacts, prm = false) => lintServer(rule, mcp, prm ? { prm: prmFacts({}, { via: 'path' }) } : {});

describe('www-authenticate-resource-metadata: good challenges', () => {
  it.each([
    ['the SDK challenge', CHALLENGE],
    ['resource_metadata alone', `Bearer resource_metadata="${PRM_URL}"`],
    ['an unquoted URL (accepted by the MCP SDK)', `Bearer resource_metadata=${PRM_URL}`],
    ['an upper-case scheme and parameter', `BEARER Resource_Metadata="${PRM_URL}"`],
    ['Bearer first, another challenge after', `Bearer resource_metadata="${PRM_URL}", Basic realm="api"`],
    ['a DPoP challenge, then Bearer pointing at the well-known URL', `DPoP algs="ES256", Bearer resource_metadata="${PRM_URL}", scope="mcp:tools"`],
    ['DPoP and Bearer as two header lines, joined as HTTP joins them', ['DPoP algs="ES256"', `Bearer resource_metadata="${PRM_URL}"`].join(', ')],
    ['Basic, then a lower-case bearer pointing at the well-known URL', `Basic realm="api", bearer resource_metadata="${PRM_URL}"`],
    ['Bearer after a DPoP challenge with its own parameters', `DPoP algs="ES256 PS256", error="invalid_token", Bearer resource_metadata="${PRM_URL}"`],
  ])('%s → passed', (_name, header) => {
    expect(outcome(lint(with401(header)), ID)).toEqual({ status: 'passed', findings: [] });
  });
});

describe('www-authenticate-resource-metadata: failures', () => {
  it.each<[string, string | undefined, boolean, Severity, RegExp]>([
    ['no header, no metadata anywhere', undefined, false, 'error', /no `WWW-Authenticate` header, and no/],
    ['no header, metadata at a well-known URL', undefined, true, 'warning', /found the protected-resource metadata/],
    ['Bearer without resource_metadata, no metadata', 'Bearer realm="mcp"', false, 'error', /no `resource_metadata`, and no/],
    ['Bearer without resource_metadata, well-known works', 'Bearer realm="mcp"', true, 'warning', /falls back to the well-known URL/],
    ['garbage: `Bearer a=b c=d`', 'Bearer a=b c=d', true, 'error', /does not parse/],
    ['garbage: unterminated quote', 'Bearer resource_metadata="https://mcp.example.com', false, 'error', /does not parse/],
    ['only a Basic challenge', 'Basic realm="api"', true, 'error', /no `Bearer` challenge/],
    ['only a DPoP challenge', `DPoP algs="ES256", resource_metadata="${PRM_URL}"`, true, 'error', /no `Bearer` challenge/],
    ['DPoP first, Bearer pointing elsewhere than a well-known URL', 'DPoP algs="ES256", Bearer resource_metadata="https://mcp.example.com/prm.json"', true, 'warning', /not the first challenge.*no well-known URL/],
    ['a relative resource_metadata', 'Bearer resource_metadata="/.well-known/oauth-protected-resource/mcp"', false, 'error', /not an absolute http\(s\) URL/],
    ['a resource_metadata without a scheme', 'Bearer resource_metadata="localhost:3000/.well-known/oauth-protected-resource"', false, 'error', /not an absolute http\(s\) URL/],
    ['an empty header', '', true, 'error', /no `Bearer` challenge/],
  ])('%s → %s', (_name, header, prm, severity, message) => {
    const report = lint(with401(header), prm);
    expect(outcome(report, ID)).toEqual({ status: 'failed', findings: [[severity, {}]] });
    const [finding] = findingsOf(report, ID);
    expect(finding?.message).toMatch(message);
    expect(finding?.evidence).toEqual(['init-1']);
    expect(finding?.where).toEqual({ url: MCP_URL });
  });
});

describe('www-authenticate-resource-metadata: unreachable pointers', () => {
  it.each(['http://localhost:3000/.well-known/oauth-protected-resource/mcp', 'https://10.1.2.3/.well-known/oauth-protected-resource', 'https://172.16.0.1/prm'])(
    'a public server pointing at %s → error',
    (pointer) => {
      const report = lint(with401(`Bearer resource_metadata="${pointer}"`));
      expect(outcome(report, ID)).toEqual({ status: 'failed', findings: [['error', {}]] });
      expect(findingsOf(report, ID)[0]?.message).toContain('private or loopback');
    },
  );

  it('a local server pointing at localhost → passed', () => {
    const mcp = oauthServer({ url: 'http://localhost:3000/mcp', initialize: with401('Bearer resource_metadata="http://localhost:3000/.well-known/oauth-protected-resource/mcp"').initialize });
    expect(outcome(lint(mcp), ID)).toEqual({ status: 'passed', findings: [] });
  });
});

describe('www-authenticate-resource-metadata: no 401', () => {
  it.each<[string, McpServerFacts]>([
    ['an authless server', authlessServer()],
    ['an OAuth server that answers 403', oauthInit({ status: 403, wwwAuthenticate: 'Bearer' })],
  ])('%s → not applicable', (_name, mcp) => {
    expect(outcome(lint(mcp), ID)).toEqual(NOT_APPLICABLE);
  });

  it('judges only the unauthenticated initialize, not the invalid-token answer', () => {
    const mcp = oauthServer();
    mcp.invalidToken = with401('garbage "').initialize;
    expect(outcome(lint(mcp), ID)).toEqual({ status: 'passed', findings: [] });
  });
});
