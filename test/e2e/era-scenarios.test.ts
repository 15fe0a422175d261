import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { EraStatus } from '../../src/lint/types.js';
import { failedRules, lintJson } from '../helpers/run.js';
import { claudeClient, credentialsOnlyClient, startTestIdp, type TestIdp } from '../helpers/idp/test-idp.js';
import { accessTokenFor } from '../helpers/mcp/test-mcp.js';
import { startEraServer, type EraServer, type EraVariant } from '../helpers/mcp/test-mcp-eras.js';


let idp: TestIdp;
let server: EraServer | undefined;
beforeAll(async () => {
  idp = await startTestIdp({ clients: [credentialsOnlyClient('m2m'), claudeClient('claude')] });
});
afterAll(() => idp.close());
afterEach(async () => {
  vi.restoreAllMocks();
  await server?.close();
  server = undefined;
});

/** A real SDK v2 client in `auto` mode: connects, lists the tools, and says which era it spoke. */
async function connectV2(url: string, token?: string): Promise<{ era: string | undefined; tools: string[] }> {
  const client = new Client({ name: 'era-e2e', version: '1.0.0' }, { versionNegotiation: { mode: 'auto', probe: { timeoutMs: 3000 } } });
  const transport = new StreamableHTTPClientTransport(new URL(url), token ? { requestInit: { headers: { authorization: `Bearer ${token}` } } } : {});
  await client.connect(transport);
  try {
    const { tools } = await client.listTools();
    return { era: client.getProtocolEra(), tools: tools.map((t) => t.name) };
  } finally {
    await client.close();
  }
}

interface Scenario {
  variant: EraVariant;
  auth?: 'no-token' | 'token';
  legacy: EraStatus;
  modern: EraStatus;
  failed: string[];
  exit: number;
  /** The era a real SDK v2 client speaks, checked when the lint passes (exit 0). */
  clientEra?: 'modern' | 'legacy';
}

const SCENARIOS: Scenario[] = [
  { variant: 'v2-dual', legacy: 'served', modern: 'served', failed: [], exit: 0, clientEra: 'modern' },
  { variant: 'v2-modern-only', legacy: 'not-served', modern: 'served', failed: ['transport-streamable-http'], exit: 1 },
  { variant: 'v2-legacy-transport', legacy: 'served', modern: 'not-served', failed: ['modern-era-served'], exit: 0, clientEra: 'legacy' },
  { variant: 'v1-legacy', legacy: 'served', modern: 'not-served', failed: ['modern-era-served'], exit: 0, clientEra: 'legacy' },
  // Behind a bearer gate without a token, neither era shows more than its 401.
  { variant: 'v2-dual', auth: 'no-token', legacy: 'unknown', modern: 'unknown', failed: [], exit: 0 },
  { variant: 'v1-legacy', auth: 'no-token', legacy: 'unknown', modern: 'unknown', failed: [], exit: 0 },
  { variant: 'v2-dual', auth: 'token', legacy: 'served', modern: 'served', failed: [], exit: 0, clientEra: 'modern' },
  { variant: 'v2-modern-only', auth: 'token', legacy: 'not-served', modern: 'served', failed: ['transport-streamable-http'], exit: 1 },
  { variant: 'v2-legacy-transport', auth: 'token', legacy: 'served', modern: 'not-served', failed: ['modern-era-served'], exit: 0, clientEra: 'legacy' },
  { variant: 'v1-legacy', auth: 'token', legacy: 'served', modern: 'not-served', failed: ['modern-era-served'], exit: 0, clientEra: 'legacy' },
  { variant: 'discover-500', legacy: 'served', modern: 'unknown', failed: ['modern-probe-safe'], exit: 1 },
  { variant: 'discover-silent', legacy: 'served', modern: 'unknown', failed: ['modern-probe-safe'], exit: 1 },
  { variant: 'discover-200-not-json', legacy: 'served', modern: 'unknown', failed: ['modern-probe-safe'], exit: 1 },
  { variant: 'discover-404-method-not-found', legacy: 'served', modern: 'not-served', failed: ['modern-era-served'], exit: 0, clientEra: 'legacy' },
  { variant: 'tools-order-varies', legacy: 'served', modern: 'served', failed: ['modern-tools-cacheable'], exit: 0, clientEra: 'modern' },
  { variant: 'tools-no-cache-hints', legacy: 'served', modern: 'served', failed: ['modern-tools-cacheable'], exit: 1 },
  { variant: 'tools-invalid-x-mcp-header', legacy: 'served', modern: 'served', failed: ['modern-tools-cacheable'], exit: 0, clientEra: 'modern' },
  { variant: 'eras-list-different-tools', legacy: 'served', modern: 'served', failed: ['tools-consistent-across-eras'], exit: 0, clientEra: 'modern' },
  { variant: 'host-check-403', legacy: 'unknown', modern: 'unknown', failed: ['transport-streamable-http'], exit: 1 },
  { variant: 'trailing-slash-only', legacy: 'served', modern: 'served', failed: ['url-no-trailing-slash'], exit: 1 },
];

describe('connector-lint walks both protocol eras of real servers', () => {
  it.each(SCENARIOS.map((s) => [`${s.variant}${s.auth ? ` (auth, ${s.auth})` : ''}`, s] as const))('%s', async (_name, s) => {
    // The SDK server and client both warn about the invalid x-mcp-header; keep that out of the output.
    if (s.variant === 'tools-invalid-x-mcp-header') vi.spyOn(console, 'warn').mockImplementation(() => {});
    server = await startEraServer(s.variant, s.auth ? { auth: { idp } } : {});
    const token = s.auth === 'token' ? await accessTokenFor(idp.issuer, server.url, 'm2m', 'm2m-secret-value') : undefined;
    const { code, report } = await lintJson([server.url, '--client-id', 'claude', '--timeout', '2'], token ? { CONNECTOR_ACCESS_TOKEN: token } : {});
    expect({ legacy: report.protocol?.legacy.status, modern: report.protocol?.modern.status }).toEqual({ legacy: s.legacy, modern: s.modern });
    expect(failedRules(report)).toEqual(s.failed);
    expect(code).toBe(s.exit);
    if (report.protocol?.modern.status === 'served') expect(report.protocol.modern.version).toBe('2026-07-28');
    if (s.exit === 0 && s.clientEra) {
      // A pass is proven by a real client, not asserted.
      const connected = await connectV2(server.url, token);
      expect(connected.era).toBe(s.clientEra);
      expect(connected.tools.length).toBeGreaterThan(0);
    }
  });

  it('names the DNS-rebinding check that refused the Host, with a fix naming the host', async () => {
    server = await startEraServer('host-check-403');
    const { report } = await lintJson([server.url, '--client-id', 'claude']);
    const finding = report.findings.find((f) => f.ruleId === 'transport-streamable-http');
    const host = new URL(server.url).host;
    expect(finding?.data.cause).toBe('host-check');
    expect(finding?.message).toContain(`\`Host: ${host}\``);
    expect(finding?.fix).toContain(host);
    expect(report.rules['modern-probe-safe']?.status).toBe('skipped');
  });

  it('tells a 2026-07-28-only endpoint that hosted Claude opens with initialize', async () => {
    server = await startEraServer('v2-modern-only');
    const { report } = await lintJson([server.url]);
    const finding = report.findings.find((f) => f.ruleId === 'transport-streamable-http');
    expect(finding?.message).toContain('this endpoint serves only 2026-07-28');
    expect(finding?.message).toContain('hosted Claude opens with `initialize`');
    expect(finding?.message).not.toContain('serve a Streamable HTTP transport');
    expect(report.protocol?.legacy.reason).toContain('-32022');
  });

  it('says which form of a URL with a trailing slash answers', async () => {
    server = await startEraServer('trailing-slash-only');
    const { report } = await lintJson([server.url]);
    const finding = report.findings.find((f) => f.ruleId === 'url-no-trailing-slash');
    expect(finding?.severity).toBe('error');
    expect(finding?.data).toEqual({ withSlash: 'answers', withoutSlash: 'no' });
    expect(finding?.message).toContain(server.url.replace(/\/$/, ''));
  });

  it('lints an OAuth server at `/` by its URL typed without a path: no trailing slash is reported, and `resource` with the `/` the SDK adds matches', async () => {
    server = await startEraServer('v2-dual', { auth: { idp }, atRoot: true });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const { code, report } = await lintJson([server.url, '--client-id', 'claude']);
    expect(report.target.url).toBe(server.url);
    expect(report.rules['url-no-trailing-slash']?.status).toBe('passed');
    expect(report.rules['prm-resource-exact-match']?.status).toBe('passed');
    expect(failedRules(report)).toEqual([]);
    expect(code).toBe(0);
  });

  it('prints both eras in the text header', async () => {
    server = await startEraServer('v1-legacy');
    const { lint } = await import('../helpers/run.js');
    const { stdout } = await lint([server.url]);
    expect(stdout.split('\n').slice(0, 4).join('\n')).toContain('eras 2025-11-25 served · 2026-07-28 not served');
  });
});
