import { describe, expect, it } from 'vitest';
import rule from '../../../../src/lint/rules/resource-server/prm-issuer-identity.js';
import type { JsonObject } from '../../../../src/lint/types.js';
import { asFromPrm, authlessServer, ISSUER, lintServer, NOT_APPLICABLE, oauthServer, outcome, prmFacts } from '../../../helpers/facts/mcp-facts.js';
import { asFacts, findingsOf } from '../../../helpers/facts/rule-tester.js';

const ID = 'prm-issuer-identity';
const lint = (authorizationServers: unknown, asMetadata: JsonObject, issuerFromPrm = true) =>
  lintServer(rule, oauthServer(), {
    prm: prmFacts({ authorization_servers: authorizationServers }),
    as: asFromPrm(asMetadata, { issuerFromPrm }),
  });

describe('prm-issuer-identity', () => {
  it.each([
    [ISSUER, ISSUER],
    ['https://tenant.auth0.com/', 'https://tenant.auth0.com/'],
    ['https://idp.example.com/realms/acme', 'https://idp.example.com/realms/acme'],
  ])('%s → issuer %s → passed', (entry, issuer) => {
    expect(outcome(lint([entry], { issuer }), ID)).toEqual({ status: 'passed', findings: [] });
  });

  it.each<[string, string, string]>([
    ['trailing slash dropped (Auth0)', 'https://tenant.auth0.com', 'https://tenant.auth0.com/'],
    ['trailing slash added', `${ISSUER}/`, ISSUER],
    ['another host', ISSUER, 'https://login.example.com'],
    ['a path segment', ISSUER, `${ISSUER}/oauth2/default`],
  ])('%s → error', (_name, entry, issuer) => {
    const report = lint([entry], { issuer });
    expect(outcome(report, ID)).toEqual({ status: 'failed', findings: [['error', { expected: entry, issuer }]] });
    expect(findingsOf(report, ID)[0]?.where).toEqual({ url: `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, pointer: '/issuer' });
  });

  it('compares only the first entry, the one Claude uses', () => {
    expect(outcome(lint([ISSUER, 'https://other.example.com'], { issuer: ISSUER }), ID).status).toBe('passed');
  });

  it.each<[string, unknown, boolean]>([
    ['the issuer came from --issuer', [ISSUER], false],
    ['no authorization_servers', undefined, true],
    ['a non-string first entry', [42], true],
  ])('skips when %s', (_name, servers, fromPrm) => {
    const report = lint(servers, { issuer: 'https://elsewhere.example.com' }, fromPrm);
    expect(outcome(report, ID)).toEqual({ status: 'skipped', findings: [] });
  });

  it('skips when the authorization server was not discovered', () => {
    const report = lintServer(rule, oauthServer(), { prm: prmFacts(), as: { status: 'failed', reason: 'discovery failed' } });
    expect(report.rules[ID]).toEqual({ status: 'skipped', reason: 'authorization-server metadata: discovery failed' });
  });

  it('is not applicable to an authless server, even with --issuer', () => {
    const report = lintServer(rule, authlessServer(), { as: asFacts({ issuer: ISSUER }) });
    expect(outcome(report, ID)).toEqual(NOT_APPLICABLE);
  });
});
