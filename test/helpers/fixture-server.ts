import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FixtureServer {
  url: string;
  close(): Promise<void>;
}

/** A small HTTP server on 127.0.0.1:0 for one misbehaviour that no real product shows on demand. */
export async function startServer(handler: http.RequestListener, options: { latencyMs?: number } = {}): Promise<FixtureServer> {
  const server = http.createServer(handler);
  if (options.latencyMs) addLatency(server, options.latencyMs);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sends a JSON body with the given status. */
export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** A minimal but complete metadata document for an issuer, as a fixture IdP serves it. */
export function metadataFor(issuer: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
    ...extra,
  };
}

/**
 * Makes every request to `server` wait `ms` before it is handled: the effect of a proxy that adds
 * latency, without changing the URLs the server publishes (issuer, resource).
 */
export function addLatency(server: http.Server, ms: number): void {
  const emit = server.emit.bind(server) as (event: string, ...args: unknown[]) => boolean;
  server.emit = ((event: string, ...args: unknown[]) => {
    if (event !== 'request') return emit(event, ...args);
    setTimeout(() => emit(event, ...args), ms);
    return true;
  }) as typeof server.emit;
}

/** What a fixture IdP answers an authorization request (any path but its metadata). */
export type Authorize = (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => void;

/** A fixture IdP: RFC 8414 metadata for itself (plus `extra`), and `authorize` for every other request. */
export function startFixtureIdp(authorize: Authorize, extra: Record<string, unknown> = {}): Promise<FixtureServer> {
  return startServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    if (url.pathname === '/.well-known/oauth-authorization-server') sendJson(res, 200, metadataFor(url.origin, extra));
    else authorize(req, res, url);
  });
}
