import { describe, expect, it } from 'vitest';
import rule from '../../../../src/lint/rules/authorization-server/pkce-s256-advertised.js';
import { loadDiscovery, type DiscoveryFixture } from '../../../helpers/facts/discovery.js';
import { asFacts, findingsOf, lintWith, statesFor } from '../../../helpers/facts/rule-tester.js';

const ID = 'pkce-s256-advertised';

function lint(methods: unknown) {
  const metadata = { issuer: 'https://idp.example.com', ...(methods === undefined ? {} : { code_challenge_methods_supported: methods }) };
  const report = lintWith(rule, statesFor(asFacts(metadata)));
  return { status: report.rules[ID]?.status, severities: findingsOf(report, ID).map((f) => f.severity), report };
}

describe('pkce-s256-advertised', () => {
  it.each<[string, unknown, string, string[]]>([
    ['S256', ['S256'], 'passed', []],
    ['plain and S256', ['plain', 'S256'], 'passed', []],
    ['absent (Claude does not start the flow)', undefined, 'failed', ['error']],
    ['plain only', ['plain'], 'failed', ['error']],
    ['signing algorithms instead of PKCE methods', ['RS256', 'ES256'], 'failed', ['error']],
    ['lower-case s256', ['s256'], 'failed', ['error']],
    ['empty', [], 'failed', ['error']],
    ['a string "S256"', 'S256', 'failed', ['error']],
    ['null', null, 'failed', ['error']],
  ])('%s → %s %j', (_name, methods, status, severities) => {
    expect(lint(methods)).toMatchObject({ status, severities });
  });

  it('absent alone fails the run (exit 1)', () => {
    expect(lint(undefined).report.exitCode).toBe(1);
  });

  it('names the field and points at it', () => {
    for (const methods of [undefined, ['plain']]) {
      const finding = findingsOf(lint(methods).report, ID)[0];
      expect(finding?.message).toContain('code_challenge_methods_supported');
      expect(finding?.where?.pointer).toBe('/code_challenge_methods_supported');
    }
  });

  it.each<[DiscoveryFixture, string, string[]]>([
    ['microsoft-entra-common', 'failed', ['error']],
    ['amazon-cognito', 'failed', ['error']],
    ['discord', 'failed', ['error']],
    ['google', 'passed', []],
    ['okta-org-authorization-server', 'passed', []],
    ['keycloak-localhost-realm', 'passed', []],
    // PayPal lists RS256 and ES256 (signing algorithms) but also S256, so the rule is satisfied.
    ['paypal', 'passed', []],
  ])('real document %s → %s %j', (name, status, severities) => {
    const report = lintWith(rule, statesFor(asFacts(loadDiscovery(name))));
    expect(report.rules[ID]?.status).toBe(status);
    expect(findingsOf(report, ID).map((f) => f.severity)).toEqual(severities);
  });

  it('PayPal without its S256 entry (only RS256, ES256) → error', () => {
    const md = loadDiscovery('paypal');
    expect(md.code_challenge_methods_supported).toEqual(['RS256', 'ES256', 'S256']);
    const report = lintWith(rule, statesFor(asFacts({ ...md, code_challenge_methods_supported: ['RS256', 'ES256'] })));
    expect(report.rules[ID]?.status).toBe('failed');
    expect(findingsOf(report, ID).map((f) => f.severity)).toEqual(['error']);
  });
});
