import { describe, expect, it } from 'vitest';
import rule from '../../../../src/lint/rules/authorization-server/asm-endpoints-https.js';
import type { JsonObject } from '../../../../src/lint/types.js';
import { loadDiscovery } from '../../../helpers/facts/discovery.js';
import { asFacts, findingsOf, lintWith, statesFor } from '../../../helpers/facts/rule-tester.js';

const ID = 'asm-endpoints-https';
const BASE: JsonObject = {
  issuer: 'https://idp.example.com',
  authorization_endpoint: 'https://idp.example.com/authorize',
  token_endpoint: 'https://idp.example.com/token',
};

function lint(metadata: JsonObject) {
  const report = lintWith(rule, statesFor(asFacts(metadata)));
  return { status: report.rules[ID]?.status, findings: findingsOf(report, ID).map((f) => [f.severity, f.data.field]), report };
}

describe('asm-endpoints-https', () => {
  it('passes when every endpoint is https', () => {
    expect(lint({ ...BASE, jwks_uri: 'https://idp.example.com/jwks', registration_endpoint: 'https://idp.example.com/reg' })).toMatchObject({
      status: 'passed',
      findings: [],
    });
  });

  it.each([
    'authorization_endpoint',
    'token_endpoint',
    'registration_endpoint',
    'revocation_endpoint',
    'introspection_endpoint',
    'pushed_authorization_request_endpoint',
    'userinfo_endpoint',
    'jwks_uri',
  ])('http %s on a public host → error naming it', (field) => {
    const { status, findings, report } = lint({ ...BASE, [field]: 'http://idp.example.com/x' });
    expect(status).toBe('failed');
    expect(findings).toEqual([['error', field]]);
    expect(findingsOf(report, ID)[0]?.where?.pointer).toBe(`/${field}`);
  });

  it.each([
    ['localhost', 'http://localhost:8080/token'],
    ['127.0.0.1', 'http://127.0.0.1/token'],
    ['127.1.2.3', 'http://127.1.2.3:9000/token'],
    ['[::1]', 'http://[::1]:8080/token'],
    ['a .localhost name', 'http://idp.localhost/token'],
  ])('http on loopback (%s), issuer on loopback too (local development) → info, status passed', (_name, url) => {
    expect(lint({ ...BASE, issuer: 'http://localhost:8080', token_endpoint: url })).toMatchObject({ status: 'passed', findings: [['info', 'token_endpoint']] });
  });

  it('a loopback endpoint of a public issuer is an error: Claude cannot reach it', () => {
    expect(lint({ ...BASE, token_endpoint: 'http://localhost:8080/token' })).toMatchObject({ status: 'failed', findings: [['error', 'token_endpoint']] });
  });

  it.each([
    ['0.0.0.0', 'http://0.0.0.0:8080/token'],
    ['a private address', 'http://10.0.0.5/token'],
    ['a lookalike of localhost', 'http://localhost.example.com/token'],
  ])('http on %s is not loopback → error', (_name, url) => {
    expect(lint({ ...BASE, token_endpoint: url })).toMatchObject({ status: 'failed', findings: [['error', 'token_endpoint']] });
  });

  it('groups every loopback endpoint into one info finding', () => {
    const { findings } = lint({
      ...BASE,
      issuer: 'http://localhost',
      authorization_endpoint: 'http://localhost/authorize',
      token_endpoint: 'http://localhost/token',
      jwks_uri: 'http://localhost/jwks',
    });
    expect(findings).toEqual([['info', 'authorization_endpoint,token_endpoint,jwks_uri']]);
  });

  it('reports public http as errors and loopback http as info in the same document', () => {
    const { status, findings } = lint({ ...BASE, issuer: 'http://127.0.0.1', token_endpoint: 'http://idp.example.com/token', jwks_uri: 'http://127.0.0.1/jwks' });
    expect(status).toBe('failed');
    expect(findings).toEqual([
      ['error', 'token_endpoint'],
      ['info', 'jwks_uri'],
    ]);
  });

  it('flags a non-http scheme too', () => {
    expect(lint({ ...BASE, jwks_uri: 'ftp://idp.example.com/jwks' }).findings).toEqual([['error', 'jwks_uri']]);
  });

  it.each([
    ['absent', undefined],
    ['not a string', 7],
  ])('ignores an endpoint that is %s (asm-required-fields judges presence)', (_name, value) => {
    expect(lint({ ...BASE, registration_endpoint: value })).toMatchObject({ status: 'passed', findings: [] });
  });

  it('ignores endpoints Claude never calls (end_session_endpoint)', () => {
    expect(lint({ ...BASE, end_session_endpoint: 'http://idp.example.com/logout' }).findings).toEqual([]);
  });
});

describe('asm-endpoints-https: real documents', () => {
  it('keycloak on localhost: every endpoint http on loopback → one info', () => {
    const { status, findings } = lint(loadDiscovery('keycloak-localhost-realm'));
    expect(status).toBe('passed');
    expect(findings).toEqual([
      [
        'info',
        'authorization_endpoint,token_endpoint,registration_endpoint,revocation_endpoint,introspection_endpoint,pushed_authorization_request_endpoint,userinfo_endpoint,jwks_uri',
      ],
    ]);
  });

  it.each(['google', 'microsoft-entra-common', 'paypal', 'okta-custom-authorization-server-default'] as const)('%s → passed', (name) => {
    expect(lint(loadDiscovery(name))).toMatchObject({ status: 'passed', findings: [] });
  });
});

describe('asm-endpoints-https: private endpoints of a public issuer', () => {
  it.each(['http://10.0.0.5/authorize', 'https://192.168.1.10/token', 'http://169.254.169.254/latest'])('%s is an error, named as unreachable for Claude', async (endpoint) => {
    const { default: rule } = await import('../../../../src/lint/rules/authorization-server/asm-endpoints-https.js');
    const { asFacts, findingsOf, lintWith, statesFor } = await import('../../../helpers/facts/rule-tester.js');
    const report = lintWith(rule, statesFor(asFacts({ issuer: 'https://idp.example.com', authorization_endpoint: endpoint, token_endpoint: 'https://idp.example.com/token' })));
    const [finding] = findingsOf(report, 'asm-endpoints-https');
    expect(finding?.severity).toBe('error');
    expect(finding?.message).toContain('private or loopback address');
  });
});
