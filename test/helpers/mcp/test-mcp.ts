import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { addLatency } from '../fixture-server.js';
import * as z from 'zod';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { createMcpExpressApp } from '@modelcontextprotocol/sdk/server/express.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import { getOAuthProtectedResourceMetadataUrl } from '@modelcontextprotocol/sdk/server/auth/router.js';
import { InvalidTokenError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { OAuthTokenVerifier } from '@modelcontextprotocol/sdk/server/auth/provider.js';

export type McpVariant =
  | 'public' // authless, annotated tools, Streamable HTTP at /mcp (SSE answers)
  | 'shared' // authless to clients; the server holds UPSTREAM_API_KEY; same tools (JSON answers)
  | 'oauth' // resource server verifying the test IdP's JWTs; PRM at both well-known URLs
  | 'oauth-200-iserror' // unauthenticated requests get 200, tools answer isError "please sign in"
  | 'oauth-no-www-authenticate' // 401 without any WWW-Authenticate header
  | 'oauth-prm-root-only' // no resource_metadata in WWW-Authenticate, PRM only at the root URL
  | 'oauth-prm-trailing-slash' // PRM `resource` is the MCP URL plus a trailing slash
  | 'oauth-500-on-garbage' // verifier throws a plain Error: the SDK answers 500 for a garbage token
  | 'cross-host-redirect' // /mcp on 127.0.0.1 answers 307 to http://localhost:<port>/mcp
  | 'public-unannotated' // authless, no titles or annotations, one 70-character tool name
  | 'legacy-sse'; // HTTP+SSE transport: GET /sse (and GET /mcp), POST /messages; POST /mcp is 405

export interface TestMcpServer {
  /** `http://127.0.0.1:<port>/mcp`, which is also the OAuth resource identifier. */
  url: string;
  close(): Promise<void>;
}

export interface StartMcpOptions {
  /** Delay every request this long, as a slow network or proxy would (benchmarks). */
  latencyMs?: number;
  /**
   * The authorization server, required for `oauth*` variants. A `TestIdp` fits: its
   * `addResourceServer` is then called with the MCP URL so the IdP issues tokens for it.
   */
  idp?: { issuer: string; addResourceServer?(resource: string): void };
}

/** The secret the `shared` variant holds for its (imaginary) upstream API; it must never reach a client. */
export const UPSTREAM_API_KEY = 'upstream-test-key-3f9a1c7e5b2d';

export const MCP_SCOPE = 'mcp:tools';

/** The over-long tool name of `public-unannotated`: 70 characters, past Claude's 64. */
export const LONG_TOOL_NAME = 'get_the_complete_extended_weather_forecast_for_a_city_with_hourly_data';
if (LONG_TOOL_NAME.length !== 70) throw new Error(`LONG_TOOL_NAME has ${LONG_TOOL_NAME.length} characters`);

const FORECASTS: Record<string, { summary: string; highC: number; lowC: number }> = {
  paris: { summary: 'Light rain clearing by noon', highC: 14, lowC: 8 },
  tokyo: { summary: 'Sunny', highC: 22, lowC: 15 },
  'new york': { summary: 'Overcast, windy', highC: 11, lowC: 4 },
};

const INITIAL_NOTES: Record<string, string> = { '1': 'Buy milk', '2': 'Call Alice', '3': 'Book dentist' };

type Req = http.IncomingMessage & { body?: unknown; auth?: AuthInfo };
type Res = http.ServerResponse;
type Next = (error?: unknown) => void;
type Handler = (req: Req, res: Res, next: Next) => unknown;

const isOauth = (variant: McpVariant) => variant.startsWith('oauth');

function text(value: string, isError = false) {
  return { content: [{ type: 'text' as const, text: value }], ...(isError ? { isError: true } : {}) };
}

interface ToolOptions {
  annotated: boolean;
  /** Tools refuse to work without an access token (oauth-200-iserror). */
  signInRequired: boolean;
  /** The `shared` variant's answers say they came from the upstream API. */
  upstream: boolean;
  notes: Map<string, string>;
}

function buildMcpServer(variant: McpVariant, options: ToolOptions): McpServer {
  const mcp = new McpServer({ name: `test-mcp-${variant}`, version: '1.0.0' });
  const guard = (authInfo: AuthInfo | undefined) =>
    options.signInRequired && !authInfo ? text('Please sign in: connect your account to use this tool.', true) : undefined;
  const source = options.upstream ? ' (from the upstream weather API)' : '';

  mcp.registerTool(
    'get_forecast',
    {
      ...(options.annotated ? { title: 'Get forecast' } : {}),
      description: 'Today\'s weather forecast for a city (Paris, Tokyo or New York).',
      inputSchema: { city: z.string().describe('City name') },
      ...(options.annotated ? { annotations: { title: 'Get forecast', readOnlyHint: true, openWorldHint: false } } : {}),
    },
    async ({ city }, extra) => {
      const refused = guard(extra.authInfo);
      if (refused) return refused;
      const forecast = FORECASTS[city.trim().toLowerCase()];
      if (!forecast) return text(`No forecast for ${city}.`, true);
      return text(`${city}: ${forecast.summary}, high ${forecast.highC}°C, low ${forecast.lowC}°C${source}.`);
    },
  );
  mcp.registerTool(
    'list_notes',
    {
      ...(options.annotated ? { title: 'List notes' } : {}),
      description: 'Lists the saved notes.',
      ...(options.annotated ? { annotations: { title: 'List notes', readOnlyHint: true, openWorldHint: false } } : {}),
    },
    async (extra) => {
      const refused = guard(extra.authInfo);
      if (refused) return refused;
      return text([...options.notes].map(([id, note]) => `${id}: ${note}`).join('\n') || '(no notes)');
    },
  );
  mcp.registerTool(
    'delete_note',
    {
      ...(options.annotated ? { title: 'Delete note' } : {}),
      description: 'Deletes a saved note by id.',
      inputSchema: { id: z.string().describe('Note id') },
      ...(options.annotated
        ? { annotations: { title: 'Delete note', readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false } }
        : {}),
    },
    async ({ id }, extra) => {
      const refused = guard(extra.authInfo);
      if (refused) return refused;
      return options.notes.delete(id) ? text(`Deleted note ${id}.`) : text(`No note ${id}.`, true);
    },
  );
  if (variant === 'public-unannotated') {
    mcp.registerTool(
      LONG_TOOL_NAME,
      { description: 'The same forecast as get_forecast, under a name longer than 64 characters.', inputSchema: { city: z.string() } },
      async ({ city }) => {
        const forecast = FORECASTS[city.trim().toLowerCase()];
        return forecast ? text(`${city}: ${forecast.summary}`) : text(`No forecast for ${city}.`, true);
      },
    );
  }
  return mcp;
}

function methodNotAllowed(res: Res, allow: string): void {
  res
    .writeHead(405, { allow, 'content-type': 'application/json' })
    .end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null }));
}

function sendJson(res: Res, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*' }).end(JSON.stringify(body));
}

/** WWW-Authenticate is a quoted string: keep jose's messages (`unexpected "aud" claim value`) from breaking it. */
function headerSafe(message: string): string {
  return message.replace(/["\\]/g, "'").replace(/[\x00-\x1f\x7f]/g, ' ');
}

async function jwksUriOf(issuer: string): Promise<string> {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`test MCP: IdP discovery at ${issuer} answered ${response.status}`);
  const metadata = (await response.json()) as { issuer?: string; jwks_uri?: string };
  if (metadata.issuer !== issuer || !metadata.jwks_uri) throw new Error(`test MCP: unusable IdP metadata from ${issuer}`);
  return metadata.jwks_uri;
}

/** What a verified test token says, in the shape both SDK majors' `AuthInfo` share. */
export interface VerifiedToken {
  token: string;
  clientId: string;
  scopes: string[];
  expiresAt?: number;
  resource: URL;
  extra: Record<string, unknown>;
}

/**
 * Checks the test IdP's JWT access tokens (signature from its JWKS, issuer, audience = `resource`,
 * `exp`); a refusal rejects with an `Error` whose message is safe inside a `WWW-Authenticate` header.
 * Each SDK major wraps the refusal in its own invalid-token error.
 */
export async function testTokenCheck(issuer: string, resource: string): Promise<(token: string) => Promise<VerifiedToken>> {
  const jwks = createRemoteJWKSet(new URL(await jwksUriOf(issuer)));
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, jwks, { issuer, audience: resource, requiredClaims: ['exp'] });
      return {
        token,
        clientId: String(payload['client_id'] ?? payload['azp'] ?? payload.sub ?? ''),
        scopes: String(payload['scope'] ?? '').split(' ').filter(Boolean),
        expiresAt: payload.exp,
        resource: new URL(resource),
        extra: { sub: payload.sub, iss: payload.iss },
      };
    } catch (error) {
      const { code, message } = error as { code?: string; message?: string };
      throw new Error(headerSafe(code ? `${code}: ${message}` : String(message ?? error)));
    }
  };
}

function jwtVerifier(check: (token: string) => Promise<VerifiedToken>, plainErrors: boolean): OAuthTokenVerifier {
  return {
    async verifyAccessToken(token: string): Promise<AuthInfo> {
      try {
        return await check(token);
      } catch (error) {
        // The SDK turns anything but InvalidTokenError into a 500 without WWW-Authenticate.
        throw plainErrors ? error : new InvalidTokenError((error as Error).message);
      }
    },
  };
}

/** Drops WWW-Authenticate from whatever the handlers after this set (oauth-no-www-authenticate). */
const stripWwwAuthenticate: Handler = (_req, res, next) => {
  const writeHead = res.writeHead;
  res.writeHead = function (this: Res, ...args: Parameters<Res['writeHead']>) {
    this.removeHeader('www-authenticate');
    return writeHead.apply(this, args);
  } as Res['writeHead'];
  next();
};

/**
 * A real MCP server (the official SDK on express) on 127.0.0.1:0, correct or broken in one way
 * per variant. Streamable HTTP variants are stateless: a new McpServer and transport per request.
 */
export async function startTestMcp(variant: McpVariant, options: StartMcpOptions = {}): Promise<TestMcpServer> {
  const oauth = isOauth(variant);
  if (oauth && !options.idp) throw new Error(`startTestMcp('${variant}') needs options.idp`);

  // The resource URL carries the port, so listen first and build the app afterwards.
  const server = http.createServer();
  if (options.latencyMs) addLatency(server, options.latencyMs);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/mcp`;
  const sseSessions = new Map<string, { transport: SSEServerTransport; mcp: McpServer }>();
  const close = () =>
    new Promise<void>((resolve) => {
      for (const session of sseSessions.values()) void session.transport.close();
      server.closeAllConnections();
      server.close(() => resolve());
    });

  try {
    // Hostnames only (the SDK's check ignores the port): 127.0.0.1:<port> and localhost:<port>.
    const app = createMcpExpressApp({ host: '127.0.0.1', allowedHosts: ['127.0.0.1', 'localhost'] });
    const toolOptions: ToolOptions = {
      annotated: variant !== 'public-unannotated',
      signInRequired: variant === 'oauth-200-iserror',
      upstream: variant === 'shared',
      notes: new Map(Object.entries(INITIAL_NOTES)),
    };

    const streamable: Handler = async (req, res) => {
      if (req.method !== 'POST') return methodNotAllowed(res, 'POST');
      const mcp = buildMcpServer(variant, toolOptions);
      const transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: undefined,
        enableJsonResponse: variant === 'shared',
      });
      res.on('close', () => {
        void transport.close();
        void mcp.close();
      });
      try {
        await mcp.connect(transport);
        await transport.handleRequest(req, res, req.body);
      } catch (error) {
        if (!res.headersSent) {
          sendJson(res, 500, { jsonrpc: '2.0', error: { code: -32603, message: String(error) }, id: null });
        }
      }
    };

    if (variant === 'legacy-sse') {
      const openStream: Handler = async (_req, res) => {
        const transport = new SSEServerTransport('/messages', res);
        const mcp = buildMcpServer(variant, toolOptions);
        sseSessions.set(transport.sessionId, { transport, mcp });
        res.on('close', () => {
          sseSessions.delete(transport.sessionId);
          void mcp.close();
        });
        await mcp.connect(transport); // start() sends `event: endpoint` with /messages?sessionId=…
      };
      app.get('/sse', openStream);
      app.get('/mcp', openStream);
      app.all('/mcp', (_req: Req, res: Res) => methodNotAllowed(res, 'GET'));
      app.post('/messages', async (req: Req, res: Res) => {
        const sessionId = new URL(req.url ?? '/', 'http://x').searchParams.get('sessionId') ?? '';
        const session = sseSessions.get(sessionId);
        if (!session) return sendJson(res, 404, { error: 'unknown session' });
        await session.transport.handlePostMessage(req, res, req.body);
      });
    } else if (variant === 'cross-host-redirect') {
      app.all('/mcp', (req: Req, res: Res, next: Next) => {
        const hostname = new URL(`http://${req.headers.host ?? ''}`).hostname;
        if (hostname === 'localhost') return next();
        res.writeHead(307, { location: `http://localhost:${port}/mcp`, 'content-type': 'text/plain' }).end('Moved');
      }, streamable);
    } else if (!oauth) {
      app.all('/mcp', streamable);
    } else {
      const idp = options.idp!;
      idp.addResourceServer?.(url);
      const verifier = jwtVerifier(await testTokenCheck(idp.issuer, url), variant === 'oauth-500-on-garbage');
      const resourceMetadataUrl = getOAuthProtectedResourceMetadataUrl(new URL(url));
      const auth = requireBearerAuth({
        verifier,
        requiredScopes: [MCP_SCOPE],
        expectedResource: new URL(url),
        ...(variant === 'oauth-prm-root-only' ? {} : { resourceMetadataUrl }),
      }) as Handler;

      const metadata = {
        resource: variant === 'oauth-prm-trailing-slash' ? `${url}/` : url,
        authorization_servers: [idp.issuer],
        scopes_supported: [MCP_SCOPE],
        bearer_methods_supported: ['header'],
        resource_name: `Test MCP (${variant})`,
      };
      const servePrm: Handler = (_req, res) => sendJson(res, 200, metadata);
      app.get('/.well-known/oauth-protected-resource', servePrm);
      if (variant !== 'oauth-prm-root-only') app.get('/.well-known/oauth-protected-resource/mcp', servePrm);

      const guards: Handler[] =
        variant === 'oauth-200-iserror'
          ? [(req, res, next) => (req.headers.authorization ? auth(req, res, next) : next())]
          : variant === 'oauth-no-www-authenticate'
            ? [stripWwwAuthenticate, auth]
            : [auth];
      app.all('/mcp', ...guards, streamable);
    }
    server.on('request', app);
  } catch (error) {
    await close();
    throw error;
  }
  return { url, close };
}

/** For oauth variants: a real access token (JWT, `aud` = resource) from the test IdP, by client credentials. */
export async function accessTokenFor(idpIssuer: string, resource: string, clientId: string, clientSecret: string): Promise<string> {
  const client = await import('openid-client');
  const config = await client.discovery(new URL(idpIssuer), clientId, undefined, client.ClientSecretBasic(clientSecret), {
    execute: [client.allowInsecureRequests],
  });
  const tokens = await client.clientCredentialsGrant(config, { scope: MCP_SCOPE, resource });
  return tokens.access_token;
}
