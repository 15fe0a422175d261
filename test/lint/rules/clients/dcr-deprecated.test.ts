import { describe, expect, it } from 'vitest';
import rule from '../../../../src/lint/rules/clients/dcr-deprecated.js';
import type { JsonObject, RuleStatus } from '../../../../src/lint/types.js';
import { loadDiscovery, type DiscoveryFixture } from '../../../helpers/facts/discovery.js';
import { asFacts, findingsOf, lintWith, statesFor } from '../../../helpers/facts/rule-tester.js';

const ID = 'dcr-deprecated';
const BASE: JsonObject = { issuer: 'https://idp.example.com', authorization_endpoint: 'https://idp.example.com/authorize' };
const DCR: JsonObject = { registration_endpoint: 'https://idp.example.com/reg' };
const CIMD: JsonObject = { client_id_metadata_document_supported: true, token_endpoint_auth_methods_supported: ['none'] };

function lint(metadata: JsonObject, clientId?: string) {
  const report = lintWith(rule, statesFor(asFacts(metadata)), clientId === undefined ? {} : { clientId });
  return { status: report.rules[ID]?.status, severities: findingsOf(report, ID).map((f) => f.severity), report };
}

describe('dcr-deprecated', () => {
  it.each<[string, JsonObject, string | undefined, string[]]>([
    ['DCR alone', DCR, undefined, ['info']],
    ['DCR beside usable CIMD', { ...DCR, ...CIMD }, undefined, []],
    ['DCR beside a pre-registered client (--client-id)', DCR, 'abc', []],
    ['DCR beside CIMD without `none` (Claude cannot use it)', { ...DCR, client_id_metadata_document_supported: true, token_endpoint_auth_methods_supported: ['client_secret_basic'] }, undefined, ['info']],
    ['DCR beside CIMD with auth methods absent', { ...DCR, client_id_metadata_document_supported: true }, undefined, ['info']],
    ['usable CIMD alone', CIMD, undefined, []],
    ['nothing (registration-path-available reports it)', {}, undefined, []],
    ['a relative registration_endpoint (no usable DCR)', { registration_endpoint: '/register' }, undefined, []],
    ['registration_endpoint null', { registration_endpoint: null }, undefined, []],
  ])('%s → %j', (_name, extra, clientId, severities) => {
    const result = lint({ ...BASE, ...extra }, clientId);
    expect(result.severities).toEqual(severities);
    // An info finding never fails a rule or the run.
    expect(result.status).toBe<RuleStatus>('passed');
    expect(result.report.exitCode).toBe(0);
  });

  it('says DCR is deprecated and when it may go, and points at registration_endpoint', () => {
    const finding = findingsOf(lint({ ...BASE, ...DCR }).report, ID)[0];
    expect(finding?.message).toContain('deprecated in MCP 2026-07-28');
    expect(finding?.message).toContain('PR #2858');
    expect(finding?.message).toContain('2027-07-28');
    expect(finding?.message).toContain('new client on every fresh connection');
    expect(finding?.where).toEqual({ url: 'https://idp.example.com/.well-known/openid-configuration', pointer: '/registration_endpoint' });
  });

  it('fixes by adding CIMD support with `none` token authentication', () => {
    const finding = findingsOf(lint({ ...BASE, ...DCR }).report, ID)[0];
    expect(finding?.fix).toContain('"client_id_metadata_document_supported": true');
    expect(finding?.fix).toContain('token_endpoint_auth_methods_supported');
  });

  it.each<[DiscoveryFixture, string[]]>([
    ['okta-org-authorization-server', ['info']],
    ['keycloak-localhost-realm', ['info']],
    ['auth0-custom-domain-login.docker.com', ['info']],
    ['google', []],
    ['microsoft-entra-common', []],
  ])('real document %s → %j', (name, severities) => {
    expect(lint(loadDiscovery(name)).severities).toEqual(severities);
  });

  it('is not applicable without an authorization server (an authless server)', () => {
    const report = lintWith(rule, {
      ...statesFor(asFacts(BASE)),
      authorizationServer: { status: 'not-run', reason: 'the server needs no OAuth', cause: 'not-applicable' },
    });
    expect(report.rules[ID]).toMatchObject({ status: 'skipped', notApplicable: true });
  });
});
