import { describe, expect, it } from 'vitest';
import rule from '../../../../src/lint/rules/clients/github-oauth-app-single-callback.js';
import type { JsonObject } from '../../../../src/lint/types.js';
import { DISCOVERY_FIXTURES, loadDiscovery } from '../../../helpers/facts/discovery.js';
import { asFacts, findingsOf, lintWith, statesFor } from '../../../helpers/facts/rule-tester.js';

const ID = 'github-oauth-app-single-callback';

/** GitHub publishes no discovery document; this is the metadata façade users write for it. */
const GITHUB: JsonObject = {
  issuer: 'https://github.com/login/oauth',
  authorization_endpoint: 'https://github.com/login/oauth/authorize',
  token_endpoint: 'https://github.com/login/oauth/access_token',
  response_types_supported: ['code'],
};

function lint(metadata: JsonObject, clientId?: string) {
  const report = lintWith(rule, statesFor(asFacts(metadata)), clientId === undefined ? {} : { clientId });
  return { status: report.rules[ID]?.status, severities: findingsOf(report, ID).map((f) => f.severity), report };
}

describe('github-oauth-app-single-callback', () => {
  it.each<[string, string | undefined, string, string[]]>([
    ['no client id', undefined, 'failed', ['error']],
    ['an OAuth App client id', 'Ov23liAbCdEf0123', 'failed', ['error']],
    ['a GitHub App client id (Iv…)', 'Iv1.0123456789abcdef', 'failed', ['warning']],
    ['a newer GitHub App client id (Iv23…)', 'Iv23liAbCdEf0123', 'failed', ['warning']],
    ['a lower-case iv prefix', 'iv1.0123', 'failed', ['error']],
    ['an I prefix without v', 'Ia1b2c3d4', 'failed', ['error']],
  ])('github.com endpoint, %s → %s %j', (_name, clientId, status, severities) => {
    expect(lint(GITHUB, clientId)).toMatchObject({ status, severities });
  });

  it('matches the host case-insensitively', () => {
    expect(lint({ ...GITHUB, authorization_endpoint: 'https://GitHub.com/login/oauth/authorize' }).severities).toEqual(['error']);
  });

  it('points at /authorization_endpoint', () => {
    expect(findingsOf(lint(GITHUB).report, ID)[0]?.where?.pointer).toBe('/authorization_endpoint');
  });

  it.each([
    ['GitHub Enterprise Server', 'https://github.example.com/login/oauth/authorize'],
    ['a host that merely contains github.com', 'https://github.com.example.net/authorize'],
    ['an own server in front of GitHub', 'https://auth.example.com/authorize'],
    ['not a URL', 'github.com/login/oauth/authorize'],
  ])('%s → passed', (_name, endpoint) => {
    expect(lint({ ...GITHUB, authorization_endpoint: endpoint })).toMatchObject({ status: 'passed', severities: [] });
  });

  it('passes when there is no authorization endpoint at all', () => {
    expect(lint({ issuer: 'https://idp.example.com' }).status).toBe('passed');
  });

  it.each(DISCOVERY_FIXTURES)('real document %s → passed', (name) => {
    expect(lint(loadDiscovery(name)).status).toBe('passed');
  });
});
