import { describe, expect, it } from 'vitest';
import rule from '../../../../src/lint/rules/clients/cimd-claude-gate.js';
import type { JsonObject } from '../../../../src/lint/types.js';
import { DISCOVERY_FIXTURES, loadDiscovery } from '../../../helpers/facts/discovery.js';
import { asFacts, findingsOf, lintWith, statesFor } from '../../../helpers/facts/rule-tester.js';

const ID = 'cimd-claude-gate';

function lint(extra: JsonObject) {
  const report = lintWith(rule, statesFor(asFacts({ issuer: 'https://idp.example.com', ...extra })));
  return { status: report.rules[ID]?.status, severities: findingsOf(report, ID).map((f) => f.severity), report };
}

describe('cimd-claude-gate', () => {
  it.each<[string, JsonObject, string, string[]]>([
    ['no CIMD', {}, 'passed', []],
    ['CIMD false without none', { client_id_metadata_document_supported: false, token_endpoint_auth_methods_supported: ['client_secret_basic'] }, 'passed', []],
    ['CIMD "true" (a string) without none', { client_id_metadata_document_supported: 'true' }, 'passed', []],
    ['CIMD with none', { client_id_metadata_document_supported: true, token_endpoint_auth_methods_supported: ['private_key_jwt', 'none'] }, 'passed', []],
    ['CIMD, auth methods absent', { client_id_metadata_document_supported: true }, 'failed', ['warning']],
    ['CIMD, auth methods without none', { client_id_metadata_document_supported: true, token_endpoint_auth_methods_supported: ['client_secret_basic'] }, 'failed', ['warning']],
    ['CIMD, auth methods empty', { client_id_metadata_document_supported: true, token_endpoint_auth_methods_supported: [] }, 'failed', ['warning']],
    ['CIMD, auth methods a string "none"', { client_id_metadata_document_supported: true, token_endpoint_auth_methods_supported: 'none' }, 'failed', ['warning']],
  ])('%s → %s %j', (_name, extra, status, severities) => {
    expect(lint(extra)).toMatchObject({ status, severities });
  });

  it('names token_endpoint_auth_methods_supported and points at it', () => {
    const finding = findingsOf(lint({ client_id_metadata_document_supported: true }).report, ID)[0];
    expect(finding?.message).toContain('token_endpoint_auth_methods_supported');
    expect(finding?.where?.pointer).toBe('/token_endpoint_auth_methods_supported');
  });

  it.each(DISCOVERY_FIXTURES)('real document %s (no CIMD) → passed', (name) => {
    expect(loadDiscovery(name).client_id_metadata_document_supported).toBeUndefined();
    expect(lint(loadDiscovery(name)).status).toBe('passed');
  });
});
