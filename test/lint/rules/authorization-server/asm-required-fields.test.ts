import { describe, expect, it } from 'vitest';
import rule from '../../../../src/lint/rules/authorization-server/asm-required-fields.js';
import type { AuthorizationServerFacts, JsonObject } from '../../../../src/lint/types.js';
import { DISCOVERY_FIXTURES, loadDiscovery } from '../../../helpers/facts/discovery.js';
import { asFacts, findingsOf, lintWith, statesFor } from '../../../helpers/facts/rule-tester.js';

const ID = 'asm-required-fields';
const OK: JsonObject = {
  issuer: 'https://idp.example.com',
  authorization_endpoint: 'https://idp.example.com/authorize',
  token_endpoint: 'https://idp.example.com/token',
  response_types_supported: ['code'],
  jwks_uri: 'https://idp.example.com/jwks',
  subject_types_supported: ['public'],
  id_token_signing_alg_values_supported: ['RS256'],
};

function lint(metadata: JsonObject, overrides: Partial<AuthorizationServerFacts> = {}) {
  const report = lintWith(rule, statesFor(asFacts(metadata, overrides)));
  return { status: report.rules[ID]?.status, findings: findingsOf(report, ID).map((f) => [f.severity, f.data.field]), report };
}

describe('asm-required-fields: endpoints', () => {
  it('passes a complete document', () => {
    expect(lint(OK)).toMatchObject({ status: 'passed', findings: [] });
  });

  it.each<[string, string, unknown]>([
    ['authorization_endpoint absent', 'authorization_endpoint', undefined],
    ['authorization_endpoint relative', 'authorization_endpoint', '/authorize'],
    ['authorization_endpoint a number', 'authorization_endpoint', 1],
    ['authorization_endpoint empty', 'authorization_endpoint', ''],
    ['token_endpoint absent', 'token_endpoint', undefined],
    ['token_endpoint relative', 'token_endpoint', 'token'],
    ['token_endpoint an object', 'token_endpoint', { url: 'https://idp.example.com/token' }],
  ])('%s → error naming the field', (_name, field, value) => {
    const { status, findings } = lint({ ...OK, [field]: value });
    expect(status).toBe('failed');
    expect(findings).toEqual([['error', field]]);
  });

  it('reports both endpoints when both are missing, in order, with JSON pointers', () => {
    const { findings, report } = lint({ ...OK, authorization_endpoint: undefined, token_endpoint: undefined });
    expect(findings).toEqual([
      ['error', 'authorization_endpoint'],
      ['error', 'token_endpoint'],
    ]);
    expect(findingsOf(report, ID).map((f) => f.where?.pointer)).toEqual(['/authorization_endpoint', '/token_endpoint']);
  });
});

describe('asm-required-fields: response_types_supported', () => {
  it.each<[string, unknown, string]>([
    ['contains code', ['code', 'token'], 'passed'],
    ['only `code id_token`', ['code id_token'], 'failed'],
    ['only token', ['token'], 'failed'],
    ['empty', [], 'failed'],
    ['a string "code"', 'code', 'failed'],
    ['absent', undefined, 'failed'],
  ])('%s → %s', (_name, value, status) => {
    const result = lint({ ...OK, response_types_supported: value });
    expect(result.status).toBe(status);
    expect(result.findings).toEqual(status === 'passed' ? [] : [['error', 'response_types_supported']]);
  });
});

describe('asm-required-fields: OpenID Connect fields', () => {
  it.each([
    ['jwks_uri'],
    ['subject_types_supported'],
    ['id_token_signing_alg_values_supported'],
  ])('an openid-configuration without %s → warning', (field) => {
    const { status, findings } = lint({ ...OK, [field]: undefined });
    expect(status).toBe('failed');
    expect(findings).toEqual([['warning', field]]);
  });

  it('lists every missing OIDC field in one warning', () => {
    const { findings } = lint({ ...OK, jwks_uri: undefined, subject_types_supported: undefined, id_token_signing_alg_values_supported: undefined });
    expect(findings).toEqual([['warning', 'jwks_uri,subject_types_supported,id_token_signing_alg_values_supported']]);
  });

  it.each([
    ['an RFC 8414 document', { documentKind: 'oauth' as const }],
    ['a --metadata file', { source: 'file' as const, documentKind: undefined }],
  ])('does not require them of %s', (_name, overrides) => {
    const md = { ...OK, jwks_uri: undefined, subject_types_supported: undefined, id_token_signing_alg_values_supported: undefined };
    expect(lint(md, overrides)).toMatchObject({ status: 'passed', findings: [] });
  });
});

describe('asm-required-fields: real documents', () => {
  it.each(DISCOVERY_FIXTURES)('%s → passed', (name) => {
    expect(lint(loadDiscovery(name))).toMatchObject({ status: 'passed', findings: [] });
  });
});
