import { describe, expect, it } from 'vitest';
import rule from '../../../../src/lint/rules/clients/registration-path-available.js';
import { cimdUsable } from '../../../../src/lint/judgement/claude.js';
import type { JsonObject } from '../../../../src/lint/types.js';
import { loadDiscovery, type DiscoveryFixture } from '../../../helpers/facts/discovery.js';
import { asFacts, findingsOf, lintWith, statesFor } from '../../../helpers/facts/rule-tester.js';

const ID = 'registration-path-available';
const BASE: JsonObject = { issuer: 'https://idp.example.com', authorization_endpoint: 'https://idp.example.com/authorize' };

function lint(metadata: JsonObject, clientId?: string) {
  const report = lintWith(rule, statesFor(asFacts(metadata)), clientId === undefined ? {} : { clientId });
  return { status: report.rules[ID]?.status, severities: findingsOf(report, ID).map((f) => f.severity), report };
}

describe('registration-path-available', () => {
  it.each<[string, JsonObject, string | undefined, string]>([
    ['DCR', { registration_endpoint: 'https://idp.example.com/reg' }, undefined, 'passed'],
    ['usable CIMD', { client_id_metadata_document_supported: true, token_endpoint_auth_methods_supported: ['none'] }, undefined, 'passed'],
    ['a pre-registered client (--client-id)', {}, 'abc', 'passed'],
    ['nothing', {}, undefined, 'failed'],
    ['registration_endpoint null', { registration_endpoint: null }, undefined, 'failed'],
    ['CIMD without `none`', { client_id_metadata_document_supported: true, token_endpoint_auth_methods_supported: ['client_secret_basic'] }, undefined, 'failed'],
    ['CIMD with auth methods absent', { client_id_metadata_document_supported: true }, undefined, 'failed'],
    ['CIMD as the string "true"', { client_id_metadata_document_supported: 'true', token_endpoint_auth_methods_supported: ['none'] }, undefined, 'failed'],
    ['`none` without CIMD', { token_endpoint_auth_methods_supported: ['none'] }, undefined, 'failed'],
  ])('%s → %s', (_name, extra, clientId, status) => {
    const result = lint({ ...BASE, ...extra }, clientId);
    expect(result.status).toBe(status);
    expect(result.severities).toEqual(status === 'passed' ? [] : ['error']);
  });

  it.each<[string, unknown, string | undefined, string, string[]]>([
    ['a relative registration_endpoint and nothing else', '/register', undefined, 'failed', ['error']],
    ['an empty registration_endpoint and nothing else', '', undefined, 'failed', ['error']],
    ['a urn: registration_endpoint and nothing else', 'urn:example:register', undefined, 'failed', ['error']],
    ['a scheme-less host:port registration_endpoint and nothing else', 'idp.example.com:8443/register', undefined, 'failed', ['error']],
    ['a relative registration_endpoint beside a pre-registered client', '/register', 'abc', 'failed', ['warning']],
  ])('%s → %s', (_name, endpoint, clientId, status, severities) => {
    const result = lint({ ...BASE, registration_endpoint: endpoint as string }, clientId);
    expect(result.status).toBe(status);
    expect(result.severities).toEqual(severities);
    expect(findingsOf(result.report, ID)[0]?.where?.pointer).toBe('/registration_endpoint');
  });

  it('points at the metadata document', () => {
    expect(findingsOf(lint(BASE).report, ID)[0]?.where).toEqual({ url: 'https://idp.example.com/.well-known/openid-configuration' });
  });

  it('names CIMD first and DCR last, as deprecated, in the message and the fix', () => {
    const finding = findingsOf(lint(BASE).report, ID)[0];
    expect(finding?.message).toMatch(/^Claude has no way to get a client: no usable Client ID Metadata Document support, .*`registration_endpoint` \(DCR, deprecated\)\.$/);
    expect(finding?.fix).toMatch(/^Offer Client ID Metadata Documents/);
    expect(finding?.fix).toContain('deprecated in MCP 2026-07-28');
  });

  it.each<[DiscoveryFixture, string | undefined, string]>([
    ['google', undefined, 'failed'],
    ['google', '1234.apps.googleusercontent.com', 'passed'],
    ['gitlab', undefined, 'failed'],
    ['discord', undefined, 'failed'],
    ['amazon-cognito', undefined, 'failed'],
    ['microsoft-entra-common', undefined, 'failed'],
    ['authentik', undefined, 'failed'],
    ['auth0-custom-domain-login.docker.com', undefined, 'passed'],
    ['okta-org-authorization-server', undefined, 'passed'],
    ['keycloak-localhost-realm', undefined, 'passed'],
    ['paypal', undefined, 'passed'],
  ])('real document %s with client id %s → %s', (name, clientId, status) => {
    expect(lint(loadDiscovery(name), clientId).status).toBe(status);
  });
});

describe('cimdUsable', () => {
  it.each<[JsonObject, boolean]>([
    [{ client_id_metadata_document_supported: true, token_endpoint_auth_methods_supported: ['none', 'private_key_jwt'] }, true],
    [{ client_id_metadata_document_supported: true, token_endpoint_auth_methods_supported: ['private_key_jwt'] }, false],
    [{ client_id_metadata_document_supported: true, token_endpoint_auth_methods_supported: 'none' }, false],
    [{ client_id_metadata_document_supported: false, token_endpoint_auth_methods_supported: ['none'] }, false],
    [{}, false],
  ])('%j → %s', (metadata, usable) => {
    expect(cimdUsable(metadata)).toBe(usable);
  });
});
