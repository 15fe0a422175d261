import http from 'node:http';
import * as z from 'zod';
import { McpServer, createMcpHandler, type AuthInfo, type McpRequestContext } from '@modelcontextprotocol/server';
import { hostHeaderValidation, localhostHostValidation, localhostOriginValidation, toNodeHandler } from '@modelcontextprotocol/node';
import { sendJson, startServer } from '../fixture-server.js';
import { startTestMcp } from './test-mcp.js';

// The misbehaving fronts of test-mcp-eras.ts, and the parts they share with its SDK servers: the
// loopback listener, the SDK's local Host/Origin guards and the v2 server with the common tools.

/** A running era server: `url` is the MCP endpoint (and, with auth, the OAuth resource identifier). */
export interface EraServer {
  url: string;
  close(): Promise<void>;
}

/** How a {@link eraMcpServer} departs from the plain three annotated tools. */
export interface EraToolsOptions {
  /** Register the tools starting this many places further round the list, so they are listed in another order. */
  rotate?: number;
  /** One more tool on the modern era only (`eras-list-different-tools`). */
  extraModernTool?: boolean;
  /** `get_forecast`'s `city` mirrors into a header named `bad header`, which is not an RFC 9110 token. */
  badMcpHeader?: boolean;
}

const text = (value: string) => ({ content: [{ type: 'text' as const, text: value }] });

/** The tool `eras-list-different-tools` lists on the modern era only. */
export const MODERN_ONLY_TOOL = 'get_air_quality';

/**
 * An SDK v2 `McpServer` with the tools every era server exposes (those of test-mcp.ts, titled and
 * annotated), and `tools/list` cache hints for the modern era (the legacy era never carries them).
 */
export function eraMcpServer(name: string, era: McpRequestContext['era'], options: EraToolsOptions = {}): McpServer {
  const mcp = new McpServer({ name, version: '1.0.0' }, { cacheHints: { 'tools/list': { ttlMs: 60_000, cacheScope: 'public' } } });
  const city = z.string().describe('City name');
  const tools = [
    () =>
      mcp.registerTool(
        'get_forecast',
        {
          title: 'Get forecast',
          description: "Today's weather forecast for a city.",
          inputSchema: z.object({ city: options.badMcpHeader ? city.meta({ 'x-mcp-header': 'bad header' }) : city }),
          annotations: { readOnlyHint: true, openWorldHint: false },
        },
        async ({ city }) => text(`${city}: sunny (${era})`),
      ),
    () =>
      mcp.registerTool(
        'list_notes',
        { title: 'List notes', description: 'Lists the saved notes.', annotations: { readOnlyHint: true, openWorldHint: false } },
        async () => text('1: Buy milk'),
      ),
    () =>
      mcp.registerTool(
        'delete_note',
        {
          title: 'Delete note',
          description: 'Deletes a saved note by id.',
          inputSchema: z.object({ id: z.string().describe('Note id') }),
          annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
        },
        async ({ id }) => text(`Deleted note ${id}.`),
      ),
  ];
  const start = (options.rotate ?? 0) % tools.length;
  for (const register of [...tools.slice(start), ...tools.slice(0, start)]) register();
  if (options.extraModernTool && era === 'modern') {
    mcp.registerTool(
      MODERN_ONLY_TOOL,
      { title: 'Get air quality', description: 'Air quality index for a city.', inputSchema: z.object({ city }), annotations: { readOnlyHint: true } },
      async ({ city }) => text(`${city}: AQI 21`),
    );
  }
  return mcp;
}

/** Handles one request to the MCP endpoint; `auth` is the verified caller, when a gate ran first. */
export type McpNodeHandler = (req: http.IncomingMessage & { auth?: AuthInfo }, res: http.ServerResponse) => Promise<void>;

/**
 * A server on 127.0.0.1:0 whose request listener is built once its origin is known (an OAuth
 * resource identifier carries the port). `onClose` cleanups run before the sockets are dropped.
 */
export async function startLoopback(
  build: (origin: string, onClose: (cleanup: () => Promise<unknown>) => void) => Promise<McpNodeHandler> | McpNodeHandler,
  options: { latencyMs?: number } = {},
): Promise<{ origin: string; close(): Promise<void> }> {
  let listener: McpNodeHandler | undefined;
  const server = await startServer((req, res) => {
    // An async listener's rejection would go unhandled: answer 500 (or cut a started answer) instead.
    listener!(req, res).catch((error: unknown) => (res.headersSent ? res.destroy() : sendJson(res, 500, { error: String(error) })));
  }, options);
  const cleanups: (() => Promise<unknown>)[] = [];
  const close = async () => {
    await Promise.all(cleanups.map((cleanup) => cleanup()));
    await server.close();
  };
  try {
    listener = await build(server.url, (cleanup) => cleanups.push(cleanup));
  } catch (error) {
    await close();
    throw error;
  }
  return { origin: server.url, close };
}

/** The SDK's guards for a local server: Host must name localhost or 127.0.0.1, a present Origin too. */
export function localGuards(allowedHosts?: string[]): (req: http.IncomingMessage, res: http.ServerResponse) => boolean {
  const host = allowedHosts ? hostHeaderValidation(allowedHosts) : localhostHostValidation();
  const origin = localhostOriginValidation();
  return (req, res) => host(req, res) && origin(req, res);
}

/** The path of a request, without its query. */
export const pathOf = (req: http.IncomingMessage) => new URL(req.url ?? '/', 'http://x').pathname;

/** The fixture fronts, one misbehaviour each. */
export const FIXTURE_VARIANTS = [
  'discover-500', // legacy served by SDK v1; the modern probe gets 500
  'discover-silent', // legacy served by SDK v1; the modern probe is accepted and never answered
  'discover-200-not-json', // legacy served by SDK v1; the modern probe gets 200 text/html
  'discover-404-method-not-found', // legacy served by SDK v1; the modern probe gets 404 + JSON-RPC -32601
  'tools-order-varies', // dual era; each modern tools/list lists the tools in another order
  'tools-no-cache-hints', // dual era; the modern tools/list result lacks ttlMs and cacheScope
  'tools-invalid-x-mcp-header', // dual era; get_forecast's city carries x-mcp-header "bad header"
  'eras-list-different-tools', // dual era; the modern era lists one tool more (MODERN_ONLY_TOOL)
  'host-check-403', // dual era behind a Host allow-list without 127.0.0.1: 403 naming the Host
  'trailing-slash-only', // dual era at /mcp/ only; /mcp answers 404
] as const;

/** A server that misbehaves in one way no product does on demand, in front of a real SDK server. */
export type FixtureVariant = (typeof FIXTURE_VARIANTS)[number];

type DiscoverFixture = Extract<FixtureVariant, `discover-${string}`>;
const isDiscoverFixture = (variant: FixtureVariant): variant is DiscoverFixture => variant.startsWith('discover-');

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseMessage(body: Buffer): { method?: unknown; id?: unknown } | undefined {
  try {
    return JSON.parse(body.toString('utf8')) as { method?: unknown; id?: unknown };
  } catch {
    return undefined;
  }
}

/** Passes a request on to `target` unchanged (Host included, so the back end's Host check still sees 127.0.0.1). */
function forward(target: string, req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): Promise<void> {
  return new Promise((resolve, reject) => {
    const upstream = http.request(target, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res).on('finish', resolve).on('error', reject);
    });
    upstream.on('error', reject);
    upstream.end(body);
  });
}

/** Legacy traffic goes to SDK v1 (test-mcp.ts 'public'); the modern probe gets the variant's answer. */
async function startDiscoverFixture(variant: DiscoverFixture): Promise<EraServer> {
  const { origin, close } = await startLoopback(async (_origin, onClose) => {
    const legacy = await startTestMcp('public');
    onClose(() => legacy.close());
    const guards = localGuards();
    return async (req, res) => {
      if (!guards(req, res)) return;
      if (pathOf(req) !== '/mcp') return sendJson(res, 404, { error: 'not found' });
      const body = await readBody(req);
      const message = parseMessage(body);
      if (req.headers['mcp-method'] === undefined && message?.method !== 'server/discover') return forward(legacy.url, req, body, res);
      const id = message?.id ?? null;
      switch (variant) {
        case 'discover-500':
          return sendJson(res, 500, { jsonrpc: '2.0', id, error: { code: -32603, message: 'Internal error' } });
        case 'discover-silent':
          return; // accepted and never answered: close() drops the socket
        case 'discover-200-not-json':
          res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Welcome</title><p>Nothing here.</p>');
          return;
        case 'discover-404-method-not-found':
          return sendJson(res, 404, { jsonrpc: '2.0', id, error: { code: -32601, message: 'Method not found' } });
      }
    };
  });
  return { url: `${origin}/mcp`, close };
}

/** Drops `ttlMs` and `cacheScope` from a modern `tools/list` result, which the SDK always fills in. */
async function withoutCacheHints(request: Request, response: Response): Promise<Response> {
  if (request.headers.get('mcp-method') !== 'tools/list' || !response.headers.get('content-type')?.startsWith('application/json')) return response;
  const message = (await response.json()) as { result?: Record<string, unknown> };
  delete message.result?.['ttlMs'];
  delete message.result?.['cacheScope'];
  return Response.json(message, { status: response.status });
}

/** Dual-era SDK v2 (`createMcpHandler` default) with the variant's twist. */
async function startDualFixture(variant: Exclude<FixtureVariant, DiscoverFixture>): Promise<EraServer> {
  const path = variant === 'trailing-slash-only' ? '/mcp/' : '/mcp';
  let listings = 0;
  const factory = (ctx: McpRequestContext) =>
    eraMcpServer(`era-fixture-${variant}`, ctx.era, {
      // Rotate on modern tools/list requests only, so consecutive listings differ whatever comes between.
      rotate: variant === 'tools-order-varies' && ctx.requestInfo?.headers.get('mcp-method') === 'tools/list' ? listings++ : 0,
      extraModernTool: variant === 'eras-list-different-tools',
      badMcpHeader: variant === 'tools-invalid-x-mcp-header',
    });
  const { origin, close } = await startLoopback((_origin, onClose) => {
    const handler = createMcpHandler(factory);
    onClose(() => handler.close());
    const serve = toNodeHandler(
      variant === 'tools-no-cache-hints'
        ? { fetch: async (request, options) => withoutCacheHints(request, await handler.fetch(request, options)) }
        : handler,
    );
    // A Host allow-list that leaves out 127.0.0.1, as a server configured for its public name has.
    const guards = localGuards(variant === 'host-check-403' ? ['mcp.example.com'] : undefined);
    return async (req, res) => {
      if (!guards(req, res)) return;
      if (pathOf(req) !== path) return sendJson(res, 404, { error: 'not found' });
      await serve(req, res);
    };
  });
  return { url: `${origin}${path}`, close };
}

/** Starts one {@link FixtureVariant}. */
export function startEraFixture(variant: FixtureVariant): Promise<EraServer> {
  return isDiscoverFixture(variant) ? startDiscoverFixture(variant) : startDualFixture(variant);
}
