import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { failedRules, lint, lintJson, hostedVerdicts } from '../helpers/run.js';
import { claudeClient, credentialsOnlyClient, startTestIdp, type TestIdp } from '../helpers/idp/test-idp.js';
import { accessTokenFor, startTestMcp, type McpVariant, type TestMcpServer } from '../helpers/mcp/test-mcp.js';


let idp: TestIdp;
let mcp: TestMcpServer | undefined;
beforeAll(async () => {
  idp = await startTestIdp({ clients: [credentialsOnlyClient('m2m'), claudeClient('claude')] });
});
afterAll(() => idp.close());
afterEach(async () => {
  await mcp?.close();
  mcp = undefined;
});

async function lintVariant(variant: McpVariant, extra: string[] = [], env: Record<string, string> = {}) {
  mcp = await startTestMcp(variant, { idp });
  return lintJson([mcp.url, '--client-id', 'claude', ...extra], env);
}

describe('connector-lint <mcp-url> against real MCP servers built with the SDK', () => {
  it('passes a public server: authless initialize and tools/list, annotated tools, no OAuth rules', async () => {
    const { code, report } = await lintVariant('public');
    // SDK v1 serves only 2025-11-25: a warning, not an error.
    expect(failedRules(report)).toEqual(['modern-era-served']);
    expect(report.protocol).toMatchObject({ legacy: { status: 'served', version: '2025-11-25' }, modern: { status: 'not-served' } });
    expect(report.target.auth).toEqual({ inferred: 'none', effective: 'none' });
    expect(report.rules['tool-annotations-title-hints']?.status).toBe('passed');
    expect(report.rules['authless-no-401']?.status).toBe('passed');
    expect(report.rules['unauth-returns-401']).toMatchObject({ status: 'skipped', notApplicable: true });
    expect(code).toBe(0);
  });

  it('passes a shared-credential server declared `shared`, answering JSON rather than SSE', async () => {
    const { code, report } = await lintVariant('shared', ['--auth', 'shared']);
    expect(failedRules(report)).toEqual(['modern-era-served']);
    expect(report.target.auth).toEqual({ declared: 'shared', inferred: 'none', effective: 'shared' });
    expect(report.rules['transport-streamable-http']?.status).toBe('passed');
    expect(code).toBe(0);
  });

  it('walks an OAuth server to its IdP: 401, challenge, PRM, issuer, both callbacks', async () => {
    const { code, report } = await lintVariant('oauth');
    expect(failedRules(report)).toEqual([]);
    for (const id of ['unauth-returns-401', 'www-authenticate-resource-metadata', 'www-authenticate-scope', 'invalid-token-401', 'prm-discoverable', 'prm-resource-exact-match', 'prm-authorization-servers', 'prm-issuer-identity', 'asm-discoverable']) {
      expect(report.rules[id]?.status, id).toBe('passed');
    }
    expect(hostedVerdicts(report)).toEqual(['accepted', 'accepted']);
    expect(report.target.auth).toEqual({ inferred: 'oauth', effective: 'oauth' });
    expect(code).toBe(0);
  });

  it('with CONNECTOR_ACCESS_TOKEN, lists the tools of an OAuth server and never prints the token', async () => {
    mcp = await startTestMcp('oauth', { idp });
    const token = await accessTokenFor(idp.issuer, mcp.url, 'm2m', 'm2m-secret-value');
    const { code, report } = await lintJson([mcp.url, '--client-id', 'claude'], { CONNECTOR_ACCESS_TOKEN: token });
    expect(report.rules['tool-annotations-title-hints']?.status).toBe('passed');
    expect(report.rules['transport-streamable-http']?.status).toBe('passed');
    expect(JSON.stringify(report)).not.toContain(token);
    const text = await lint([mcp.url, '--client-id', 'claude', '--verbose'], { CONNECTOR_ACCESS_TOKEN: token });
    expect(text.stdout).not.toContain(token);
    expect(code).toBe(0);
  });

  it.each<[McpVariant, string[], string[], number]>([
    ['oauth-200-iserror', ['--auth', 'oauth'], ['auth-mode-consistent', 'modern-era-served', 'unauth-returns-401'], 1],
    ['oauth-no-www-authenticate', [], ['invalid-token-401', 'www-authenticate-resource-metadata'], 0],
    ['oauth-prm-root-only', [], ['www-authenticate-resource-metadata'], 0],
    ['oauth-prm-trailing-slash', [], ['prm-resource-exact-match'], 1],
    ['oauth-500-on-garbage', [], ['invalid-token-401'], 1],
    ['cross-host-redirect', [], ['modern-era-served', 'no-cross-host-redirect'], 1],
    ['public-unannotated', [], ['modern-era-served', 'tool-annotations-title-hints', 'tool-name-length'], 1],
    // An authless HTTP+SSE server: the OAuth checks do not apply, so nothing is left unverified.
    ['legacy-sse', [], ['modern-era-served', 'transport-streamable-http'], 0],
  ])('%s: fails exactly %j', async (variant, extra, failed, exitCode) => {
    const { code, report } = await lintVariant(variant, extra);
    expect(failedRules(report)).toEqual(failed);
    expect(code).toBe(exitCode);
  });

  it('reads the target from connector.json, with flags overriding it', async () => {
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    mcp = await startTestMcp('public');
    const dir = await mkdtemp(join(tmpdir(), 'connector-'));
    await writeFile(join(dir, 'connector.json'), JSON.stringify({ name: 'demo', url: mcp.url, auth: 'oauth' }));
    const declared = await lintJson(['--config', join(dir, 'connector.json')]);
    expect(declared.report.target.url).toBe(mcp.url);
    expect(declared.report.rules['auth-mode-consistent']?.status).toBe('failed');
    const overridden = await lintJson(['--config', join(dir, 'connector.json'), '--auth', 'none']);
    expect(overridden.report.rules['auth-mode-consistent']?.status).toBe('passed');
    expect(overridden.code).toBe(0);
  });
});

describe('an issuer declared in connector.json', () => {
  it('never replaces the one the server publishes: Claude follows the server, and the difference is an error', async () => {
    mcp = await startTestMcp('oauth', { idp });
    const { code, report } = await lintJson([mcp.url, '--client-id', 'claude', '--issuer', 'https://auth.example.invalid']);
    const finding = report.findings.find((f) => f.ruleId === 'prm-authorization-servers');
    expect(finding?.data).toEqual({ declared: 'https://auth.example.invalid', first: idp.issuer });
    expect(report.exchanges.some((x) => x.url.startsWith(idp.issuer))).toBe(true);
    expect(report.exchanges.some((x) => x.url.includes('auth.example.invalid'))).toBe(false);
    expect(code).toBe(1);
  });
});
