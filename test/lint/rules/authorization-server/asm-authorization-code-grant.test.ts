import { describe, expect, it } from 'vitest';
import rule from '../../../../src/lint/rules/authorization-server/asm-authorization-code-grant.js';
import { DISCOVERY_FIXTURES, loadDiscovery } from '../../../helpers/facts/discovery.js';
import { asFacts, findingsOf, lintWith, statesFor } from '../../../helpers/facts/rule-tester.js';

const ID = 'asm-authorization-code-grant';

function lint(grants: unknown) {
  const metadata = { issuer: 'https://idp.example.com', ...(grants === undefined ? {} : { grant_types_supported: grants }) };
  const report = lintWith(rule, statesFor(asFacts(metadata)));
  return { status: report.rules[ID]?.status, findings: findingsOf(report, ID).map((f) => [f.severity, f.data]), report };
}

describe('asm-authorization-code-grant', () => {
  it.each<[string, unknown, string, unknown[]]>([
    ['absent (RFC 8414 default includes authorization_code)', undefined, 'passed', []],
    ['with authorization_code', ['authorization_code', 'refresh_token'], 'passed', []],
    ['client credentials only', ['client_credentials'], 'failed', [['error', { grants: 'client_credentials' }]]],
    ['client credentials and authorization_code', ['client_credentials', 'authorization_code'], 'passed', []],
    ['client credentials twice', ['client_credentials', 'client_credentials'], 'failed', [['error', { grants: 'client_credentials,client_credentials' }]]],
    ['implicit and password', ['implicit', 'password'], 'failed', [['error', { grants: 'implicit,password' }]]],
    ['empty', [], 'failed', [['error', { grants: '' }]]],
    ['a string', 'authorization_code', 'failed', [['error', {}]]],
    ['an object', { authorization_code: true }, 'failed', [['error', {}]]],
  ])('%s → %s', (_name, grants, status, findings) => {
    const result = lint(grants);
    expect(result.status).toBe(status);
    expect(result.findings).toEqual(findings);
  });

  it('points at /grant_types_supported', () => {
    expect(findingsOf(lint(['client_credentials']).report, ID)[0]?.where).toEqual({
      url: 'https://idp.example.com/.well-known/openid-configuration',
      pointer: '/grant_types_supported',
    });
  });

  it.each(DISCOVERY_FIXTURES)('real document %s → passed', (name) => {
    const report = lintWith(rule, statesFor(asFacts(loadDiscovery(name))));
    expect(report.rules[ID]?.status).toBe('passed');
  });
});
