import { describe, expect, it } from 'vitest';
import rule from '../../../../src/lint/rules/authorization-server/asm-refresh-grant.js';
import { loadDiscovery, type DiscoveryFixture } from '../../../helpers/facts/discovery.js';
import { asFacts, findingsOf, lintWith, statesFor } from '../../../helpers/facts/rule-tester.js';

const ID = 'asm-refresh-grant';

function lint(grants: unknown) {
  const metadata = { issuer: 'https://idp.example.com', ...(grants === undefined ? {} : { grant_types_supported: grants }) };
  const report = lintWith(rule, statesFor(asFacts(metadata)));
  return { status: report.rules[ID]?.status, severities: findingsOf(report, ID).map((f) => f.severity), report };
}

describe('asm-refresh-grant', () => {
  it.each<[string, unknown, string, string[]]>([
    ['with refresh_token', ['authorization_code', 'refresh_token'], 'passed', []],
    ['absent', undefined, 'passed', ['info']],
    ['without refresh_token', ['authorization_code'], 'failed', ['warning']],
    ['empty', [], 'failed', ['warning']],
    ['a misspelled grant', ['authorization_code', 'refresh-token'], 'failed', ['warning']],
  ])('%s → %s %j', (_name, grants, status, severities) => {
    expect(lint(grants)).toMatchObject({ status, severities });
  });

  it('leaves a non-array value to asm-authorization-code-grant', () => {
    expect(lint('refresh_token')).toMatchObject({ status: 'passed', severities: [] });
  });

  it('names the field and points at it', () => {
    const finding = findingsOf(lint(['authorization_code']).report, ID)[0];
    expect(finding?.message).toContain('refresh_token');
    expect(finding?.where?.pointer).toBe('/grant_types_supported');
  });

  it.each<[DiscoveryFixture, string[]]>([
    ['google', []],
    ['gitlab', []],
    ['okta-org-authorization-server', []],
    ['microsoft-entra-common', ['info']],
    ['amazon-cognito', ['info']],
    ['discord', ['info']],
    ['auth0-custom-domain-login.docker.com', ['info']],
  ])('real document %s → %j', (name, severities) => {
    const report = lintWith(rule, statesFor(asFacts(loadDiscovery(name))));
    expect(report.rules[ID]?.status).toBe('passed');
    expect(findingsOf(report, ID).map((f) => f.severity)).toEqual(severities);
  });
});
