import { describe, expect, it } from 'vitest';
import rule from '../../../../src/lint/rules/resource-server/prm-authorization-servers.js';
import { authlessServer, ISSUER, lintServer, NOT_APPLICABLE, oauthServer, outcome, PRM_URL, prmFacts } from '../../../helpers/facts/mcp-facts.js';
import { findingsOf } from '../../../helpers/facts/rule-tester.js';

const ID = 'prm-authorization-servers';
const lint = (authorization_servers: unknown) => lintServer(rule, oauthServer(), { prm: prmFacts({ authorization_servers }) });
const WHERE = { url: PRM_URL, pointer: '/authorization_servers' };

describe('prm-authorization-servers', () => {
  it.each([[[ISSUER]], [['https://login.example.com/tenant/v2.0']], [['https://tenant.auth0.com/']]])('%j → passed', (servers) => {
    expect(outcome(lint(servers), ID)).toEqual({ status: 'passed', findings: [] });
  });

  it('several servers → info naming the one Claude uses, still passed', () => {
    const report = lint([ISSUER, 'https://backup.example.com']);
    expect(outcome(report, ID)).toEqual({ status: 'passed', findings: [['info', {}]] });
    const [finding] = findingsOf(report, ID);
    expect(finding?.message).toContain(`\`${ISSUER}\``);
    expect(finding?.message).toContain('2 servers');
    expect(finding?.where).toEqual(WHERE);
  });

  it.each<[string, unknown, RegExp]>([
    ['missing', undefined, /missing or empty/],
    ['empty', [], /missing or empty/],
    ['a string, not a list', ISSUER, /missing or empty/],
    ['an object', { issuer: ISSUER }, /missing or empty/],
    ['a first entry that is not a URL', ['idp.example.com', ISSUER], /not an http\(s\) URL: `idp.example.com`/],
    ['a relative first entry', ['/oauth'], /not an http\(s\) URL/],
    ['a number', [42], /not an http\(s\) URL: `42`/],
    ['an object entry', [{ issuer: ISSUER }], /not an http\(s\) URL/],
    ['a host and port without a scheme', ['idp.example.com:8443'], /not an http\(s\) URL: `idp.example.com:8443`/],
  ])('%s → error', (_name, servers, message) => {
    const report = lint(servers);
    expect(outcome(report, ID)).toEqual({ status: 'failed', findings: [['error', {}]] });
    const [finding] = findingsOf(report, ID);
    expect(finding?.message).toMatch(message);
    expect(finding?.where).toEqual(WHERE);
  });

  it.each([['http://localhost:8080/realms/acme'], ['https://10.0.0.7/oauth'], ['https://192.168.1.20'], ['http://[::1]:9000']])(
    'a first entry on a private address (%s) behind a public MCP server → error',
    (server) => {
      const report = lint([server]);
      expect(outcome(report, ID)).toEqual({ status: 'failed', findings: [['error', {}]] });
      expect(findingsOf(report, ID)[0]?.message).toContain('private or loopback');
    },
  );

  it('accepts a loopback authorization server while the MCP server is local too', () => {
    const report = lintServer(rule, oauthServer({ url: 'http://localhost:3000/mcp' }), { prm: prmFacts({ authorization_servers: ['http://localhost:8080/realms/acme'] }) });
    expect(outcome(report, ID)).toEqual({ status: 'passed', findings: [] });
  });

  it('is not applicable to an authless server', () => {
    const report = lintServer(rule, authlessServer());
    expect(outcome(report, ID)).toEqual(NOT_APPLICABLE);
  });
});
