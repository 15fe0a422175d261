import { describe, expect, it } from 'vitest';
import rule from '../../../../src/lint/rules/authorization-server/asm-issuer-valid.js';
import type { AuthorizationServerFacts, JsonObject } from '../../../../src/lint/types.js';
import { loadDiscovery } from '../../../helpers/facts/discovery.js';
import { asFacts, findingsOf, lintWith, statesFor } from '../../../helpers/facts/rule-tester.js';

const ID = 'asm-issuer-valid';

function lint(metadata: JsonObject, overrides: Partial<AuthorizationServerFacts> = {}) {
  return lintWith(rule, statesFor(asFacts(metadata, overrides)));
}
const severities = (report: ReturnType<typeof lint>) => findingsOf(report, ID).map((f) => f.severity);

describe('asm-issuer-valid: the issuer value', () => {
  it.each<[string, unknown, string, string[]]>([
    ['https without path', 'https://idp.example.com', 'passed', []],
    ['https with path', 'https://idp.example.com/realms/x', 'passed', []],
    ['https with trailing slash', 'https://idp.example.com/', 'passed', []],
    ['absent', undefined, 'failed', ['error']],
    ['empty string', '', 'failed', ['error']],
    ['a number', 42, 'failed', ['error']],
    ['an array', ['https://idp.example.com'], 'failed', ['error']],
    ['not a URL', 'idp.example.com', 'failed', ['error']],
    ['with a query', 'https://idp.example.com/?tenant=1', 'failed', ['error']],
    ['with a fragment', 'https://idp.example.com/#x', 'failed', ['error']],
    ['with an empty query', 'https://idp.example.com?', 'failed', ['error']],
    ['with an empty fragment', 'https://idp.example.com#', 'failed', ['error']],
    ['http elsewhere', 'http://idp.example.com', 'failed', ['error']],
    ['http on localhost', 'http://localhost:8080/realms/x', 'passed', ['info']],
    ['http on 127.0.0.1', 'http://127.0.0.1:3000', 'passed', ['info']],
    ['http on [::1]', 'http://[::1]:3000', 'passed', ['info']],
    ['http on a .localhost name', 'http://idp.localhost', 'passed', ['info']],
    ['http on a lookalike of localhost', 'http://localhost.example.com', 'failed', ['error']],
    ['http on 0.0.0.0', 'http://0.0.0.0:8080', 'failed', ['error']],
  ])('%s → %s', (_name, issuer, status, expected) => {
    // requestedIssuer equals the issuer here: only the value itself is judged.
    const report = lint(issuer === undefined ? {} : { issuer }, { requestedIssuer: typeof issuer === 'string' ? issuer : undefined });
    expect(report.rules[ID]?.status).toBe(status);
    expect(severities(report)).toEqual(expected);
  });

  it('points every finding at /issuer of the document', () => {
    const report = lint({ issuer: 'http://idp.example.com' });
    expect(findingsOf(report, ID)[0]?.where).toEqual({ url: 'http://idp.example.com/.well-known/openid-configuration', pointer: '/issuer' });
  });
});

describe('asm-issuer-valid: issuer against the requested issuer', () => {
  it.each<[string, string, string | undefined, string[]]>([
    ['identical', 'https://idp.example.com', 'https://idp.example.com', []],
    ['document adds a trailing slash', 'https://idp.example.com/', 'https://idp.example.com', ['error']],
    ['document drops the trailing slash', 'https://idp.example.com', 'https://idp.example.com/', ['error']],
    ['different path', 'https://idp.example.com/realms/a', 'https://idp.example.com/realms/b', ['error']],
    ['different host case', 'https://idp.example.com', 'https://IDP.example.com', ['error']],
    ['http vs https', 'https://idp.example.com', 'http://idp.example.com', ['error']],
    ['no requested issuer (--metadata without --issuer)', 'https://idp.example.com', undefined, []],
  ])('%s → %j', (_name, issuer, requestedIssuer, expected) => {
    const report = lint({ issuer }, { requestedIssuer });
    expect(severities(report)).toEqual(expected);
  });

  it('states the issuer and the expected value in data on a mismatch', () => {
    const report = lint({ issuer: 'https://idp.example.com/' }, { requestedIssuer: 'https://idp.example.com' });
    expect(report.rules[ID]?.status).toBe('failed');
    expect(findingsOf(report, ID).map((f) => f.data)).toEqual([{ issuer: 'https://idp.example.com/', expected: 'https://idp.example.com' }]);
  });

  it('reports a mismatch and a non-https issuer as two errors', () => {
    const report = lint({ issuer: 'http://idp.example.com' }, { requestedIssuer: 'https://idp.example.com' });
    expect(severities(report)).toEqual(['error', 'error']);
    expect(findingsOf(report, ID).map((f) => f.data)).toEqual([{ issuer: 'http://idp.example.com', expected: 'https://idp.example.com' }, {}]);
  });

  it('--metadata mode: source file, no requested issuer, valid issuer → passed', () => {
    const report = lint({ issuer: 'https://idp.example.com/x' }, { source: 'file', requestedIssuer: undefined, documentUrl: './md.json', documentKind: undefined });
    expect(report.rules[ID]).toEqual({ status: 'passed' });
    expect(report.findings).toEqual([]);
  });

  it('--metadata with --issuer: the file is still held to the requested issuer', () => {
    const report = lint({ issuer: 'https://idp.example.com/x' }, { source: 'file', requestedIssuer: 'https://idp.example.com/y', documentUrl: './md.json' });
    expect(findingsOf(report, ID).map((f) => [f.severity, f.data.expected])).toEqual([['error', 'https://idp.example.com/y']]);
    expect(findingsOf(report, ID)[0]?.where).toEqual({ url: './md.json', pointer: '/issuer' });
  });

  it('--metadata mode still judges the issuer value itself', () => {
    const report = lint({ issuer: 'http://idp.example.com' }, { source: 'file', requestedIssuer: undefined });
    expect(findingsOf(report, ID).map((f) => [f.severity, f.data])).toEqual([['error', {}]]);
  });
});

describe('asm-issuer-valid: real documents', () => {
  it('Entra common: the `{tenantid}` template is not the URL it was fetched for → error', () => {
    const md = loadDiscovery('microsoft-entra-common');
    const requestedIssuer = 'https://login.microsoftonline.com/common/v2.0';
    const report = lint(md, { requestedIssuer, documentUrl: `${requestedIssuer}/.well-known/openid-configuration` });
    expect(report.rules[ID]?.status).toBe('failed');
    expect(findingsOf(report, ID).map((f) => [f.severity, f.data])).toEqual([
      ['error', { issuer: 'https://login.microsoftonline.com/{tenantid}/v2.0', expected: requestedIssuer }],
    ]);
  });

  it('keycloak on localhost: http issuer → info only', () => {
    const report = lint(loadDiscovery('keycloak-localhost-realm'));
    expect(report.rules[ID]?.status).toBe('passed');
    expect(findingsOf(report, ID).map((f) => [f.severity, f.data])).toEqual([['info', {}]]);
  });

  it.each(['google', 'okta-org-authorization-server', 'auth0-custom-domain-login.docker.com', 'authentik'] as const)(
    '%s fetched for its own issuer → passed',
    (name) => {
      const report = lint(loadDiscovery(name));
      expect(report.rules[ID]?.status).toBe('passed');
      expect(findingsOf(report, ID)).toEqual([]);
    },
  );

  it('Auth0 (issuer with trailing slash) fetched without the slash → error', () => {
    const report = lint(loadDiscovery('auth0-custom-domain-login.docker.com'), { requestedIssuer: 'https://login.docker.com' });
    expect(findingsOf(report, ID).map((f) => f.data.expected)).toEqual(['https://login.docker.com']);
  });
});
