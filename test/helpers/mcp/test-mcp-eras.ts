import type http from 'node:http';
import {
  OAuthError,
  OAuthErrorCode,
  createMcpHandler,
  getOAuthProtectedResourceMetadataUrl,
  requireBearerAuth,
  type AuthInfo,
  type OAuthTokenVerifier,
} from '@modelcontextprotocol/server';
import { NodeStreamableHTTPServerTransport, toNodeHandler } from '@modelcontextprotocol/node';
import { sendJson } from '../fixture-server.js';
import { MCP_SCOPE, startTestMcp, testTokenCheck } from './test-mcp.js';
import {
  FIXTURE_VARIANTS,
  eraMcpServer,
  localGuards,
  pathOf,
  startEraFixture,
  startLoopback,
  type EraServer,
  type FixtureVariant,
  type McpNodeHandler,
} from './test-mcp-era-fixtures.js';

export type { EraServer, FixtureVariant } from './test-mcp-era-fixtures.js';
export { FIXTURE_VARIANTS, MODERN_ONLY_TOOL } from './test-mcp-era-fixtures.js';

/** The real SDK servers, each of which also comes behind a bearer gate (`StartEraOptions.auth`). */
export const SDK_VARIANTS = [
  'v2-dual', // SDK v2 createMcpHandler default + toNodeHandler: both eras on one URL
  'v2-modern-only', // createMcpHandler(factory, { legacy: 'reject' }): initialize gets 400 -32022
  'v2-legacy-transport', // v2 McpServer + hand-wired stateless NodeStreamableHTTPServerTransport: legacy only
  'v1-legacy', // SDK v1 stateless Streamable HTTP (test-mcp.ts 'public' / 'oauth'): legacy only
] as const;

/** A real SDK server of one or both protocol eras; these four also come with a bearer gate. */
export type SdkVariant = (typeof SDK_VARIANTS)[number];

/** Every server {@link startEraServer} starts. */
export type EraVariant = SdkVariant | FixtureVariant;

/** Every variant, SDK servers first. */
export const ERA_VARIANTS: readonly EraVariant[] = [...SDK_VARIANTS, ...FIXTURE_VARIANTS];

/** Options of {@link startEraServer}. */
export interface StartEraOptions {
  /**
   * Put a bearer gate in front of both eras (SDK variants only): 401 with `resource_metadata` and
   * `scope` to any request without a valid token from `idp`, PRM at both well-known URLs. A `TestIdp`
   * fits: its `addResourceServer` is called with the MCP URL so it issues tokens for it.
   */
  auth?: { idp: { issuer: string; addResourceServer?(resource: string): void } };
  /** Delay every request this long, as a slow network would (benchmarks; SDK v2 variants only). */
  latencyMs?: number;
  /** Serve the endpoint at `/`, so `url` is the bare origin, written without a path (SDK v2 variants only). */
  atRoot?: boolean;
}

const isSdkVariant = (variant: EraVariant): variant is SdkVariant => (SDK_VARIANTS as readonly string[]).includes(variant);

/**
 * A real MCP server of one or both protocol eras on 127.0.0.1:0 (`url` = `…/mcp`, `…/mcp/` for
 * `trailing-slash-only`, the bare origin with `atRoot`), stateless: no session ids on either era.
 * Tokens for `auth` servers come from `accessTokenFor` (test-mcp.ts).
 */
export async function startEraServer(variant: EraVariant, options: StartEraOptions = {}): Promise<EraServer> {
  if (!isSdkVariant(variant)) {
    if (options.auth || options.atRoot) throw new Error(`startEraServer('${variant}'): auth and atRoot are for the SDK variants only`);
    return startEraFixture(variant);
  }
  if (variant === 'v1-legacy') {
    if (options.atRoot) throw new Error("startEraServer('v1-legacy'): atRoot is for the SDK v2 variants only");
    return startTestMcp(options.auth ? 'oauth' : 'public', { idp: options.auth?.idp });
  }

  const endpoint = options.atRoot ? '/' : '/mcp';
  const urlOf = (origin: string) => (options.atRoot ? origin : `${origin}${endpoint}`);
  const loopback = await startLoopback(async (origin, onClose) => {
    const url = urlOf(origin);
    const guards = localGuards();
    const serve = v2Handler(variant, onClose);
    const gate = options.auth ? await bearerGate(url, options.auth.idp) : undefined;
    return async (req, res) => {
      if (!guards(req, res)) return;
      const path = pathOf(req);
      if (gate && req.method === 'GET' && (path === '/.well-known/oauth-protected-resource/mcp' || path === '/.well-known/oauth-protected-resource')) {
        return sendJson(res, 200, gate.metadata);
      }
      if (path !== endpoint) return sendJson(res, 404, { error: 'not found' });
      if (gate) {
        const verdict = await gate.check(req);
        if (verdict instanceof Response) return writeResponse(res, verdict);
        req.auth = verdict;
      }
      await serve(req, res);
    };
  }, { latencyMs: options.latencyMs });
  return { url: urlOf(loopback.origin), close: loopback.close };
}

function v2Handler(variant: Exclude<SdkVariant, 'v1-legacy'>, onClose: (cleanup: () => Promise<unknown>) => void): McpNodeHandler {
  if (variant !== 'v2-legacy-transport') {
    const handler = createMcpHandler((ctx) => eraMcpServer(`era-${variant}`, ctx.era), variant === 'v2-modern-only' ? { legacy: 'reject' } : {});
    onClose(() => handler.close());
    return toNodeHandler(handler);
  }
  // The node README's stateless wiring: a fresh server and transport per POST; nothing to stream on GET.
  return async (req, res) => {
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST', 'content-type': 'application/json' });
      res.end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32000, message: 'Method not allowed.' } }));
      return;
    }
    const mcp = eraMcpServer(`era-${variant}`, 'legacy');
    const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => void Promise.all([transport.close(), mcp.close()]));
    await mcp.connect(transport);
    await transport.handleRequest(req, res);
  };
}

async function writeResponse(res: http.ServerResponse, response: Response): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

/** Verifies the IdP's JWT access tokens as test-mcp.ts does, failing the way the v2 gate expects. */
async function jwtVerifier(issuer: string, resource: string): Promise<OAuthTokenVerifier> {
  const check = await testTokenCheck(issuer, resource);
  return {
    async verifyAccessToken(token) {
      try {
        return await check(token);
      } catch (error) {
        // Anything but an invalid_token OAuthError becomes a 500 without a challenge.
        throw new OAuthError(OAuthErrorCode.InvalidToken, (error as Error).message);
      }
    },
  };
}

/**
 * The SDK v2 web gate (`requireBearerAuth`) adapted to node: it reads only the Authorization header,
 * so it gets a header-only Request and the body stays unread for the MCP handler.
 */
async function bearerGate(url: string, idp: NonNullable<StartEraOptions['auth']>['idp']) {
  idp.addResourceServer?.(url);
  const gate = requireBearerAuth({
    verifier: await jwtVerifier(idp.issuer, url),
    requiredScopes: [MCP_SCOPE],
    resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(new URL(url)),
    expectedResource: new URL(url),
  });
  return {
    metadata: {
      // As the SDK's metadata helpers write it (`resourceServerUrl.href`): a bare origin gains a `/`.
      resource: new URL(url).href,
      authorization_servers: [idp.issuer],
      scopes_supported: [MCP_SCOPE],
      bearer_methods_supported: ['header'],
      resource_name: 'Era test MCP',
    },
    check: (req: http.IncomingMessage): Promise<AuthInfo | Response> =>
      gate(new Request(url, { headers: req.headers.authorization ? { authorization: req.headers.authorization } : {} })),
  };
}
