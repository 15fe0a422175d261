import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serveCimdDocument, type CimdDocument } from '../helpers/idp/cimd-document.js';
import { findingsOf } from '../helpers/facts/rule-tester.js';
import { failedRules, hostedVerdicts, lintJson } from '../helpers/run.js';
import { CLAUDE_AI, CLAUDE_COM, claudeClient, publicClient, startTestIdp, type TestClient, type TestIdp } from '../helpers/idp/test-idp.js';
import type { Report } from '../../src/lint/types.js';

const BOTH = publicClient('both-callbacks', [CLAUDE_AI, CLAUDE_COM]);

const finding = (report: Report, ruleId: string) => findingsOf(report, ruleId)[0];

/** An IdP for one scenario, closed after the block. */
function withIdp(options: Parameters<typeof startTestIdp>[0]): () => TestIdp {
  let idp: TestIdp;
  beforeAll(async () => {
    idp = await startTestIdp(options);
  });
  afterAll(() => idp.close());
  return () => idp;
}

describe('RFC 9207 iss, read from the prompt=none answer oidc-provider sends a registered callback', () => {
  describe('iss sent and advertised (oidc-provider default)', () => {
    const idp = withIdp({ clients: [BOTH] });
    it('passes asm-iss-parameter, with both callbacks proven by their prompt=none redirect', async () => {
      const { code, report } = await lintJson(['--issuer', idp().issuer, '--client-id', 'both-callbacks']);
      expect(report.rules['asm-iss-parameter']).toEqual({ status: 'passed' });
      expect(hostedVerdicts(report)).toEqual(['accepted', 'accepted']);
      expect(report.exchanges.some((x) => x.url.includes('prompt=none') && x.location?.includes('error=login_required'))).toBe(true);
      expect(code).toBe(0);
    });
  });

  describe('iss neither sent nor advertised', () => {
    const idp = withIdp({ clients: [BOTH], iss: 'off' });
    it('warns that the metadata lacks authorization_response_iss_parameter_supported', async () => {
      const { code, report } = await lintJson(['--issuer', idp().issuer, '--client-id', 'both-callbacks']);
      expect(finding(report, 'asm-iss-parameter')).toMatchObject({ severity: 'warning', where: { pointer: '/authorization_response_iss_parameter_supported' } });
      expect(code).toBe(0);
    });
  });

  describe('iss advertised but omitted from responses', () => {
    const idp = withIdp({ clients: [BOTH], iss: 'omitted' });
    it('fails: a 2026-07-28 client rejects the sign-in', async () => {
      const { code, report } = await lintJson(['--issuer', idp().issuer, '--client-id', 'both-callbacks']);
      const found = finding(report, 'asm-iss-parameter');
      expect(found?.severity).toBe('error');
      expect(found?.message).toContain('carries no `iss`');
      expect(code).toBe(1);
    });
  });

  describe('iss different from the metadata issuer', () => {
    const idp = withIdp({ clients: [BOTH], iss: 'different' });
    it('fails, naming the issuer the response carried (compared byte for byte)', async () => {
      const { code, report } = await lintJson(['--issuer', idp().issuer, '--client-id', 'both-callbacks']);
      const found = finding(report, 'asm-iss-parameter');
      expect(found?.severity).toBe('error');
      expect(found?.data.iss).toBe(`${idp().issuer}/`);
      expect(code).toBe(1);
    });
  });
});

describe("Claude's own CIMD client, with the metadata document served from 127.0.0.1", () => {
  async function cimdScenario(redirectUris: string[], clients: TestClient[] = []) {
    const document = await serveCimdDocument(redirectUris);
    const idp = await startTestIdp({ clients, cimd: { ca: document.ca } });
    return { document, idp, close: async () => Promise.all([idp.close(), document.close()]) };
  }
  let scenario: { document: CimdDocument; idp: TestIdp; close: () => Promise<unknown> } | undefined;
  // Each test's servers, closed even when it fails.
  afterEach(async () => {
    await scenario?.close();
    scenario = undefined;
  });

  it('with no client id, judges the callbacks with the CIMD client Claude would use, and passes', async () => {
    scenario = await cimdScenario([CLAUDE_AI, CLAUDE_COM]);
    const { code, report } = await lintJson(['--issuer', scenario.idp.issuer, '--cimd-client-id', scenario.document.clientId]);
    expect(report.callbacks.map((c) => [c.uri, c.client, c.verdict])).toEqual([
      [CLAUDE_AI, 'cimd', 'accepted'],
      [CLAUDE_COM, 'cimd', 'accepted'],
    ]);
    expect(report.rules['redirect-claude-ai-accepted']?.status).toBe('passed');
    expect(report.rules['cimd-claude-client-accepted']?.status).toBe('skipped');
    const requests = report.exchanges.filter((x) => x.probe === 'cimd' && x.url.includes('response_type=code'));
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every((x) => new URL(x.url).searchParams.get('client_id') === scenario?.document.clientId)).toBe(true);
    expect(code).toBe(0);
  });

  it('beside a given client, reports the CIMD client separately and fails when its document lacks the claude.ai callback', async () => {
    scenario = await cimdScenario([CLAUDE_COM], [BOTH]);
    const { code, report } = await lintJson(['--issuer', scenario.idp.issuer, '--client-id', 'both-callbacks', '--cimd-client-id', scenario.document.clientId]);
    expect(report.callbacks.filter((c) => c.client === 'cimd').map((c) => [c.uri, c.verdict])).toEqual([
      [CLAUDE_AI, 'rejected'],
      [CLAUDE_COM, 'accepted'],
    ]);
    const found = finding(report, 'cimd-claude-client-accepted');
    expect(found?.severity).toBe('error');
    expect(found?.message).toContain(CLAUDE_AI);
    expect(found?.message).toContain("Claude's Client ID Metadata Document");
    expect(hostedVerdicts(report, 'flag')).toEqual(['accepted', 'accepted']);
    expect(code).toBe(1);
  });

  it('when the IdP cannot fetch the document, blames the client, not the callbacks', async () => {
    scenario = await cimdScenario([CLAUDE_AI, CLAUDE_COM]);
    const missing = scenario.document.clientId.replace('mcp-oauth-client-metadata', 'no-such-document');
    const { code, report } = await lintJson(['--issuer', scenario.idp.issuer, '--cimd-client-id', missing]);
    expect(hostedVerdicts(report, 'cimd')).toEqual(['rejected', 'rejected']);
    expect(finding(report, 'redirect-claude-ai-accepted')?.message).toMatch(/refused client .*invalid_client/);
    expect(code).toBe(1);
  });
});

describe("Claude Code's loopback callbacks (RFC 8252), probed on a random port", () => {
  const native = claudeClient('claude-code');
  const exact = publicClient('exact-port', [CLAUDE_AI, CLAUDE_COM, 'http://localhost:4321/callback', 'http://127.0.0.1:4321/callback']);
  const idp = withIdp({ clients: [native, exact] });

  it('accepts them when the IdP matches loopback redirects on any port', async () => {
    const { code, report } = await lintJson(['--issuer', idp().issuer, '--client-id', 'claude-code']);
    const loopback = report.callbacks.filter((c) => c.uri.startsWith('http://'));
    expect(loopback.map((c) => c.uri)).toEqual([expect.stringMatching(/^http:\/\/localhost:\d+\/callback$/), expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/callback$/)]);
    expect(loopback.map((c) => c.verdict)).toEqual(['accepted', 'accepted']);
    expect(report.rules['redirect-claude-code-loopback']).toEqual({ status: 'passed' });
    expect(code).toBe(0);
  });

  it('warns when the IdP matches the port exactly', async () => {
    const { code, report } = await lintJson(['--issuer', idp().issuer, '--client-id', 'exact-port']);
    expect(report.callbacks.filter((c) => c.uri.startsWith('http://')).map((c) => c.verdict)).toEqual(['rejected', 'rejected']);
    expect(report.findings.filter((f) => f.ruleId === 'redirect-claude-code-loopback').map((f) => f.severity)).toEqual(['warning', 'warning']);
    expect(failedRules(report)).toEqual(['redirect-claude-code-loopback']);
    expect(code).toBe(0);
  });
});
