import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import { addLatency } from '../fixture-server.js';
import { Agent, fetch as undiciFetch } from 'undici';
import { applicationTypePolicy, type ApplicationType } from './application-type-policy.js';
import { issRewrite, type IssBehaviour } from './iss-rewrite.js';

export const CLAUDE_AI = 'https://claude.ai/api/mcp/auth_callback';
export const CLAUDE_COM = 'https://claude.com/api/mcp/auth_callback';

// oidc-provider prints development notices (Node 20 "unsupported runtime", in-memory adapter,
// devInteractions) through console.warn/info with no switch to turn them off; they would bury the
// test and demo output, so drop exactly those lines.
for (const method of ['warn', 'info'] as const) {
  const original = console[method].bind(console);
  console[method] = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].replace(/\x1b\[[\d;]*m/g, '').startsWith('oidc-provider ')) return;
    original(...args);
  };
}

/** Client metadata as oidc-provider takes it. */
export type TestClient = Record<string, unknown> & { client_id: string };

/** A public client Claude could use, allowlisting the given redirect URIs. */
export function publicClient(clientId: string, redirectUris: string[]): TestClient {
  return {
    client_id: clientId,
    redirect_uris: redirectUris,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'none',
  };
}

/**
 * A client that allows the hosted callbacks given (by default both) and Claude Code's loopback
 * ones, matched on any port (a native client, RFC 8252 §7.3).
 */
export function claudeClient(clientId: string, hosted: string[] = [CLAUDE_AI, CLAUDE_COM]): TestClient {
  return { ...publicClient(clientId, [...hosted, 'http://localhost/callback', 'http://127.0.0.1/callback']), application_type: 'native' };
}

/** A machine-to-machine client: client credentials only, no redirect URIs, no response types. */
export function credentialsOnlyClient(clientId: string): TestClient {
  return {
    client_id: clientId,
    client_secret: `${clientId}-secret-value`,
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
  };
}

export interface TestIdpOptions {
  /** Delay every request this long, as a slow network or proxy would (benchmarks). */
  latencyMs?: number;
  clients?: TestClient[];
  /**
   * Dynamic client registration (RFC 7591) with RFC 7592 management: `open` to anyone, or `gated`
   * behind an initial access token, as Okta and many Keycloak realms are.
   */
  registration?: 'open' | 'gated';
  /**
   * With `registration`: the `application_type`s (SEP-837) registration accepts, enforced as a strict
   * OpenID IdP does (the type required, `web` only with https redirect URIs). Unset: not enforced.
   */
  registrationApplicationTypes?: readonly ApplicationType[];
  /** RFC 9207 `iss` other than oidc-provider's own (always sent, always advertised); see `issRewrite`. */
  iss?: IssBehaviour;
  /**
   * Client ID Metadata Documents on, trusting this certificate for the documents' https URLs (test
   * documents live on 127.0.0.1, which oidc-provider's SSRF guard otherwise refuses).
   */
  cimd?: { ca: Buffer };
  /** Issuer path, e.g. `/tenant`: metadata is then only at the path-appended OIDC URL. */
  path?: string;
  /**
   * A resource server (RFC 8707 resource indicator, e.g. an MCP URL) the IdP issues JWT access
   * tokens for: `aud` is the resource, scope `mcp:tools`, 10 minutes. More can be added later with
   * `addResourceServer` (an MCP server only knows its URL once it listens). Without any, resource
   * indicators behave as oidc-provider's defaults: every `resource` is `invalid_target`.
   */
  resourceServer?: string;
  /**
   * Refresh tokens for the authorization-code grant, to any client allowed the `refresh_token` grant
   * (whether or not `offline_access` survived: oidc-provider drops it without `prompt=consent`,
   * which Claude does not send): `rotate` a new one on every refresh (the old one then fails, and
   * its reuse revokes the grant), `reuse` the same one again, `none` never (the grant is still
   * advertised). Unset: oidc-provider's defaults.
   */
  refreshTokens?: 'rotate' | 'reuse' | 'none';
  /** RFC 7009 token revocation (`revocation_endpoint`). Unset: off, as oidc-provider's default. */
  revocation?: boolean;
  /**
   * Record every secret of the authorization-code and refresh grants as the token endpoint sees
   * them (codes, PKCE verifiers, access, refresh and ID tokens), and the registration access token
   * of every client registered (RFC 7592), into `TestIdp.issued`, so a test can look for them in
   * the linter's output.
   */
  recordSecrets?: boolean;
}

/** A secret seen at the token or registration endpoint (`TestIdpOptions.recordSecrets`). */
export interface IssuedSecret {
  kind: 'code' | 'code_verifier' | 'access_token' | 'refresh_token' | 'id_token' | 'registration_access_token';
  value: string;
}

export interface TestIdp {
  issuer: string;
  /** With `recordSecrets`: every secret the token and registration endpoints received or issued, in order; else empty. */
  issued: IssuedSecret[];
  /** Registers another resource server (see `TestIdpOptions.resourceServer`). */
  addResourceServer(resource: string): void;
  /** Whether a client with this id is known to the IdP now (registered and not deleted, or configured). */
  hasClient(clientId: string): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * oidc-provider's outgoing fetch (CIMD documents) with a dispatcher that trusts `ca`. It replaces
 * the SSRF-guarded dispatcher oidc-provider passes, which refuses loopback addresses.
 */
function trustingFetch(ca: Buffer) {
  const dispatcher = new Agent({ connect: { ca } });
  return (url: string, init: Record<string, unknown>) => undiciFetch(url, { ...init, dispatcher } as Parameters<typeof undiciFetch>[1]);
}

/** The part of oidc-provider's Koa context `recordSecrets` reads. */
interface TokenContext {
  oidc?: { route?: string; params?: Record<string, unknown> };
  body?: unknown;
}

/**
 * A middleware that records what the token endpoint was sent (`code`, `code_verifier`,
 * `refresh_token`) and what it answered (`access_token`, `refresh_token`, `id_token`), and the
 * `registration_access_token` the registration endpoint answered.
 */
function recordSecrets(issued: IssuedSecret[]) {
  const keep = (kind: IssuedSecret['kind'], value: unknown) => {
    if (typeof value === 'string' && value !== '' && !issued.some((s) => s.value === value)) issued.push({ kind, value });
  };
  return async (ctx: TokenContext, next: () => Promise<void>) => {
    await next();
    const body = typeof ctx.body === 'object' && ctx.body !== null ? (ctx.body as Record<string, unknown>) : {};
    if (ctx.oidc?.route === 'registration') keep('registration_access_token', body.registration_access_token);
    if (ctx.oidc?.route !== 'token') return;
    const params = ctx.oidc.params ?? {};
    keep('code', params.code);
    keep('code_verifier', params.code_verifier);
    keep('refresh_token', params.refresh_token);
    keep('access_token', body.access_token);
    keep('refresh_token', body.refresh_token);
    keep('id_token', body.id_token);
  };
}

/** A real OpenID provider (panva's oidc-provider) on 127.0.0.1, configured per scenario. */
export async function startTestIdp(options: TestIdpOptions = {}): Promise<TestIdp> {
  const oidc = await import('oidc-provider');
  const { default: Provider } = oidc;
  // test/types/oidc-provider.d.ts declares only the default export.
  const { errors } = oidc as unknown as { errors: { InvalidTarget: new () => Error } };
  const server = http.createServer();
  if (options.latencyMs) addLatency(server, options.latencyMs);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const prefix = options.path ?? '';
  const issuer = `http://127.0.0.1:${port}${prefix}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const resourceServers = new Set<string>(options.resourceServer === undefined ? [] : [options.resourceServer]);
  const refreshPolicy = options.refreshTokens;
  const provider = new Provider(issuer, {
    clients: options.clients ?? [],
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] },
    pkce: { required: () => true },
    scopes: ['openid', 'offline_access', 'mcp:tools'],
    ...(refreshPolicy
      ? {
          issueRefreshToken: async (_ctx: unknown, client: { grantTypeAllowed(type: string): boolean }) =>
            refreshPolicy !== 'none' && client.grantTypeAllowed('refresh_token'),
          rotateRefreshToken: () => refreshPolicy === 'rotate',
        }
      : {}),
    features: {
      ...(options.revocation ? { revocation: { enabled: true } } : {}),
      clientCredentials: { enabled: true },
      registration: { enabled: Boolean(options.registration), initialAccessToken: options.registration === 'gated' },
      registrationManagement: { enabled: Boolean(options.registration) },
      clientIdMetadataDocument: { enabled: Boolean(options.cimd), ack: 'draft-02' },
      // With no resource server registered, these behave as oidc-provider's defaults; a token
      // request without `resource` still gets the one granted at authorization.
      resourceIndicators: {
        enabled: true,
        defaultResource: async (_ctx: unknown, _client: unknown, oneOf?: string) => oneOf,
        useGrantedResource: async () => resourceServers.size > 0,
        getResourceServerInfo: async (_ctx: unknown, resource: string) => {
          if (!resourceServers.has(resource)) throw new errors.InvalidTarget();
          return {
            scope: 'mcp:tools',
            audience: resource,
            accessTokenTTL: 600,
            accessTokenFormat: 'jwt' as const,
            jwt: { sign: { alg: 'RS256' as const } },
          };
        },
      },
    },
    ...(options.cimd ? { fetch: trustingFetch(options.cimd.ca) } : {}),
    async renderError(ctx: { type: string; body: string }, out: Record<string, string>) {
      ctx.type = 'html';
      ctx.body = `<!DOCTYPE html><title>error</title>${Object.entries(out)
        .map(([k, v]) => `<p>${k}: ${String(v).replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`)}</p>`)
        .join('')}`;
    },
  });
  if (options.registrationApplicationTypes) provider.use(applicationTypePolicy(options.registrationApplicationTypes));
  if (options.iss) provider.use(issRewrite(options.iss, issuer));
  const issued: IssuedSecret[] = [];
  if (options.recordSecrets) provider.use(recordSecrets(issued));
  const callback = provider.callback();
  server.on('request', (req: http.IncomingMessage & { originalUrl?: string }, res) => {
    const url = req.url ?? '/';
    if (prefix && !url.startsWith(`${prefix}/`)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (prefix) {
      req.originalUrl = url;
      req.url = url.slice(prefix.length);
    }
    callback(req, res);
  });
  return {
    issuer,
    issued,
    addResourceServer: (resource: string) => void resourceServers.add(resource),
    hasClient: async (clientId: string) => (await (provider as unknown as { Client: { find(id: string): Promise<unknown> } }).Client.find(clientId)) !== undefined,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
