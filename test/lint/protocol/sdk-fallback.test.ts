import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { probeModern } from '../../../src/lint/probes/mcp-modern.js';
import { modernProbeOutcome, type ModernProbeOutcome } from '../../../src/lint/protocol/eras.js';
import { HttpClient } from '../../../src/lint/transport/http.js';
import { startTestIdp, type TestIdp } from '../../helpers/idp/test-idp.js';
import { ERA_VARIANTS, MODERN_ONLY_TOOL, SDK_VARIANTS, startEraServer, type EraServer, type EraVariant, type SdkVariant } from '../../helpers/mcp/test-mcp-eras.js';

/** Every server of test-mcp-eras.ts, and the SDK ones again behind a bearer gate (the client has no token). */
type Case = EraVariant | `${SdkVariant}+auth`;

const CASES: Case[] = [...ERA_VARIANTS, ...SDK_VARIANTS.map((variant) => `${variant}+auth` as const)];

/** What the SDK v2 client in `auto` mode made of a server. */
interface SdkOutcome {
  /** `client.getProtocolEra()` after connect, or `fails` when connect rejected. */
  era: 'modern' | 'legacy' | 'fails';
  /** The `SdkError` code connect rejected with. */
  error?: string;
  /** `listTools()` after connecting: the names in the order returned, or the code it rejected with. */
  tools?: string[] | { rejects: string };
  /** A second `listTools()` straight after the first (`tools-order-varies` only). */
  secondListing?: string[];
}

const TOOLS = ['get_forecast', 'list_notes', 'delete_note'];

/**
 * Recorded with @modelcontextprotocol/client 2.4.0 against the servers of test-mcp-eras.ts. An SDK
 * upgrade that changes any of this fails here first: then re-record, and re-read
 * src/lint/protocol/eras.ts, which mirrors the client's fall-back rules.
 */
const RECORDED: Record<Case, SdkOutcome> = {
  'v2-dual': { era: 'modern', tools: TOOLS },
  'v2-modern-only': { era: 'modern', tools: TOOLS },
  // 400 -32000 "Unsupported protocol version" is no modern-era error: the client falls back.
  'v2-legacy-transport': { era: 'legacy', tools: TOOLS },
  'v1-legacy': { era: 'legacy', tools: TOOLS },
  // "A 5xx rejecting the probe is a server failure, not era evidence", although initialize would work.
  'discover-500': { era: 'fails', error: 'ERA_NEGOTIATION_FAILED' },
  // On HTTP, silence is an outage (on stdio it would mean legacy).
  'discover-silent': { era: 'fails', error: 'REQUEST_TIMEOUT' },
  'discover-200-not-json': { era: 'fails', error: 'ERA_NEGOTIATION_FAILED' },
  'discover-404-method-not-found': { era: 'legacy', tools: TOOLS },
  // The client keeps the first list for its ttlMs (60 s), so its second listTools() never sees the new order.
  'tools-order-varies': { era: 'modern', tools: TOOLS, secondListing: TOOLS },
  // ttlMs and cacheScope are required on a modern tools/list: without them the client refuses the result.
  'tools-no-cache-hints': { era: 'modern', tools: { rejects: 'INVALID_RESULT' } },
  // A tool whose x-mcp-header is no RFC 9110 token is dropped from the list (with a console warning).
  'tools-invalid-x-mcp-header': { era: 'modern', tools: ['list_notes', 'delete_note'] },
  'eras-list-different-tools': { era: 'modern', tools: [...TOOLS, MODERN_ONLY_TOOL] },
  'host-check-403': { era: 'fails', error: 'CLIENT_HTTP_FORBIDDEN' },
  'trailing-slash-only': { era: 'modern', tools: TOOLS },
  // Without an auth provider a 401 to the probe ends the connect: it is never read as a legacy sign.
  'v2-dual+auth': { era: 'fails', error: 'CLIENT_HTTP_AUTHENTICATION' },
  'v2-modern-only+auth': { era: 'fails', error: 'CLIENT_HTTP_AUTHENTICATION' },
  'v2-legacy-transport+auth': { era: 'fails', error: 'CLIENT_HTTP_AUTHENTICATION' },
  'v1-legacy+auth': { era: 'fails', error: 'CLIENT_HTTP_AUTHENTICATION' },
};

let idp: TestIdp;
let server: EraServer | undefined;

beforeAll(async () => {
  idp = await startTestIdp();
});
afterAll(() => idp.close());
afterEach(async () => {
  vi.restoreAllMocks();
  await server?.close();
  server = undefined;
});

async function start(name: Case): Promise<EraServer> {
  // The SDK (server, and client) warns about the invalid x-mcp-header; keep that out of the test output.
  if (name === 'tools-invalid-x-mcp-header') vi.spyOn(console, 'warn').mockImplementation(() => {});
  const [variant, auth] = name.split('+') as [EraVariant, string | undefined];
  server = await startEraServer(variant, auth ? { auth: { idp } } : {});
  return server;
}

const codeOf = (error: unknown) => String((error as { code?: unknown }).code ?? (error as Error).message);

async function listTools(client: Client): Promise<string[] | { rejects: string }> {
  try {
    return (await client.listTools()).tools.map((tool) => tool.name);
  } catch (error) {
    return { rejects: codeOf(error) };
  }
}

async function observe(name: Case, url: string): Promise<SdkOutcome> {
  const client = new Client(
    { name: 'sdk-fallback-test', version: '1.0.0' },
    // Short enough for discover-silent; the probe otherwise waits the standard 60 s request timeout.
    { versionNegotiation: { mode: 'auto', probe: { timeoutMs: 2000 } } },
  );
  try {
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  } catch (error) {
    return { era: 'fails', error: codeOf(error) };
  }
  try {
    const era = client.getProtocolEra();
    if (era !== 'modern' && era !== 'legacy') throw new Error(`connected without an era (${era})`);
    const tools = await listTools(client);
    if (name !== 'tools-order-varies') return { era, tools };
    const second = await listTools(client);
    if (!Array.isArray(second)) throw new Error(`second listTools() rejected: ${second.rejects}`);
    return { era, tools, secondListing: second };
  } finally {
    await client.close();
  }
}

describe('the SDK v2 client in auto mode (recorded)', () => {
  it.each(CASES)('%s', async (name) => {
    const { url } = await start(name);
    expect(await observe(name, url)).toEqual(RECORDED[name]);
  });
});

/** A client without an auth provider cannot get past a 401 or 403, so `auth` fails as the client does. */
const ERA_OF: Record<ModernProbeOutcome['kind'], SdkOutcome['era']> = { modern: 'modern', fallback: 'legacy', fails: 'fails', auth: 'fails' };

describe("the linter's reading of server/discover matches the recorded client", () => {
  it.each(CASES)('%s', async (name) => {
    const { url } = await start(name);
    const { facts } = await probeModern(new HttpClient({ timeoutMs: 2000, userAgent: 'test', secrets: [] }), url);
    const outcome = modernProbeOutcome(facts.discover);
    expect(ERA_OF[outcome.kind], JSON.stringify(outcome)).toBe(RECORDED[name].era);
  });
});
