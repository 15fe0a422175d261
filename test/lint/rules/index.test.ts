import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../src/lint/rules/index.js';
import type { RuleStatus } from '../../../src/lint/types.js';
import { DISCOVERY_FIXTURES, loadDiscovery, type DiscoveryFixture } from '../../helpers/facts/discovery.js';
import { asFacts, lintWith, statesFor } from '../../helpers/facts/rule-tester.js';

const P: RuleStatus = 'passed';
const F: RuleStatus = 'failed';

/** Every rule's status for a real document, callback probe not run (no --client-id), no --register. */
function statuses(overrides: Record<string, RuleStatus>): Record<string, RuleStatus> {
  return {
    // Without an MCP server URL, the server rules do not apply.
    ...Object.fromEntries(RULES.filter((r) => r.meta.subject !== 'idp').map((r) => [r.id, 'skipped' as RuleStatus])),
    'asm-discoverable': P,
    'asm-issuer-valid': P,
    'asm-required-fields': P,
    'asm-endpoints-https': P,
    'asm-authorization-code-grant': P,
    'asm-refresh-grant': P,
    'pkce-s256-advertised': P,
    // None of these documents advertises RFC 9207 `iss` yet: a warning each.
    'asm-iss-parameter': F,
    'registration-path-available': P,
    'cimd-claude-gate': P,
    'dcr-deprecated': P,
    'redirect-claude-ai-accepted': 'inconclusive',
    'redirect-claude-com-accepted': 'inconclusive',
    'redirect-claude-code-loopback': 'skipped',
    'cimd-claude-client-accepted': 'skipped',
    'redirect-control-rejected': 'skipped',
    'client-not-credentials-only': 'skipped',
    'github-oauth-app-single-callback': P,
    'dcr-accepts-claude-registration': 'skipped',
    // Without --login, the signed-in checks do not run.
    'login-completed': 'skipped',
    'token-audience': 'skipped',
    'refresh-works': 'skipped',
    'token-lifetime': 'skipped',
    'endpoint-latency': P,
    ...overrides,
  };
}

const NO_REGISTRATION = { 'registration-path-available': F };
const NO_PKCE_FIELD = { 'pkce-s256-advertised': F };

const EXPECTED: Record<DiscoveryFixture, [Record<string, RuleStatus>, number]> = {
  google: [statuses(NO_REGISTRATION), 1],
  'microsoft-entra-common': [statuses({ ...NO_REGISTRATION, ...NO_PKCE_FIELD }), 1],
  'amazon-cognito': [statuses({ ...NO_REGISTRATION, ...NO_PKCE_FIELD }), 1],
  'okta-org-authorization-server': [statuses({}), 3],
  'okta-custom-authorization-server-default': [statuses({}), 3],
  'keycloak-localhost-realm': [statuses({}), 3],
  'auth0-custom-domain-login.docker.com': [statuses({}), 3],
  paypal: [statuses({}), 3],
  gitlab: [statuses(NO_REGISTRATION), 1],
  authentik: [statuses(NO_REGISTRATION), 1],
  discord: [statuses({ ...NO_REGISTRATION, ...NO_PKCE_FIELD }), 1],
};

describe('RULES on the real documents', () => {
  it.each(DISCOVERY_FIXTURES)('%s', (name) => {
    const report = lintWith([...RULES], statesFor(asFacts(loadDiscovery(name))));
    const got = Object.fromEntries(Object.entries(report.rules).map(([id, r]) => [id, r.status]));
    const [expected, exitCode] = EXPECTED[name];
    expect(got).toEqual(expected);
    expect(report.exitCode).toBe(exitCode);
  });

  it('Google with a pre-registered client id: the registration rule passes', () => {
    const report = lintWith([...RULES], statesFor(asFacts(loadDiscovery('google'))), { clientId: '1234.apps.googleusercontent.com' });
    expect(report.rules['registration-path-available']?.status).toBe('passed');
    expect(report.exitCode).toBe(3);
  });

  it("keycloak on localhost: only info findings about http and DCR's deprecation, plus the iss and callback warnings", () => {
    const report = lintWith([...RULES], statesFor(asFacts(loadDiscovery('keycloak-localhost-realm'))));
    expect(report.findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ['asm-iss-parameter', 'warning'],
      ['redirect-claude-ai-accepted', 'warning'],
      ['asm-issuer-valid', 'info'],
      ['asm-endpoints-https', 'info'],
      ['dcr-deprecated', 'info'],
    ]);
  });

  it("--metadata mode (file, no requested issuer, probes offline): only the iss warning and DCR's deprecation note for a good document, but exit 3 (callbacks unproven)", () => {
    const offline = { status: 'not-run' as const, reason: 'offline lint of a saved metadata document', cause: 'offline' as const };
    const facts = asFacts(loadDiscovery('okta-org-authorization-server'), { source: 'file', requestedIssuer: undefined, documentUrl: './okta.json', documentKind: undefined, durationMs: undefined });
    const report = lintWith([...RULES], statesFor(facts, { redirectUris: offline, registration: offline }), { mode: 'metadata', issuer: undefined, metadataFile: './okta.json' });
    expect(report.rules['redirect-claude-ai-accepted']?.status).toBe('skipped');
    expect(report.rules['redirect-claude-com-accepted']?.status).toBe('skipped');
    expect(report.rules['client-not-credentials-only']?.status).toBe('skipped');
    expect(report.findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ['asm-iss-parameter', 'warning'],
      ['dcr-deprecated', 'info'],
    ]);
    expect(report.exitCode).toBe(3);
  });

  it('--metadata mode with an error: exit 1 (Entra lacks code_challenge_methods_supported)', () => {
    const offline = { status: 'not-run' as const, reason: 'offline lint of a saved metadata document', cause: 'offline' as const };
    const facts = asFacts(loadDiscovery('microsoft-entra-common'), { source: 'file', requestedIssuer: undefined, documentUrl: './entra.json', documentKind: undefined });
    const report = lintWith([...RULES], statesFor(facts, { redirectUris: offline, registration: offline }), { mode: 'metadata', issuer: undefined, metadataFile: './entra.json', clientId: 'app-1' });
    expect(report.findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ['pkce-s256-advertised', 'error'],
      ['asm-iss-parameter', 'warning'],
      ['asm-refresh-grant', 'info'],
    ]);
    expect(report.exitCode).toBe(1);
  });
});

// Ids, files and metadata of the registry are checked in test/lint/structure.test.ts.
describe('RULES registry', () => {
  it('has a test file for every rule, in the folder of its source', () => {
    const tests = readdirSync(new URL('.', import.meta.url), { recursive: true, encoding: 'utf8' });
    const sources = readdirSync(new URL('../../../src/lint/rules/', import.meta.url), { recursive: true, encoding: 'utf8' });
    for (const rule of RULES) {
      const source = sources.find((f) => f.endsWith(`/${rule.id}.ts`));
      expect(tests).toContain(source?.replace(/\.ts$/, '.test.ts'));
    }
  });

  it('marks exactly the two callback rules as required', () => {
    expect(RULES.filter((r) => r.meta.required).map((r) => r.id)).toEqual(['redirect-claude-ai-accepted', 'redirect-claude-com-accepted']);
  });
});
