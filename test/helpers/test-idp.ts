import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';

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
  clients?: TestClient[];
  /**
   * Dynamic client registration (RFC 7591) with RFC 7592 management: `open` to anyone, or `gated`
   * behind an initial access token, as Okta and many Keycloak realms are.
   */
  registration?: 'open' | 'gated';
  /** Issuer path, e.g. `/tenant`: metadata is then only at the path-appended OIDC URL. */
  path?: string;
}

export interface TestIdp {
  issuer: string;
  close(): Promise<void>;
}

/** A real OpenID provider (panva's oidc-provider) on 127.0.0.1, configured per scenario. */
export async function startTestIdp(options: TestIdpOptions = {}): Promise<TestIdp> {
  const { default: Provider } = await import('oidc-provider');
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const prefix = options.path ?? '';
  const issuer = `http://127.0.0.1:${port}${prefix}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const provider = new Provider(issuer, {
    clients: options.clients ?? [],
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] },
    pkce: { required: () => true },
    scopes: ['openid', 'offline_access', 'mcp:tools'],
    features: {
      clientCredentials: { enabled: true },
      registration: { enabled: Boolean(options.registration), initialAccessToken: options.registration === 'gated' },
      registrationManagement: { enabled: Boolean(options.registration) },
    },
    async renderError(ctx: { type: string; body: string }, out: Record<string, string>) {
      ctx.type = 'html';
      ctx.body = `<!DOCTYPE html><title>error</title>${Object.entries(out)
        .map(([k, v]) => `<p>${k}: ${String(v).replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`)}</p>`)
        .join('')}`;
    },
  });
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
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
