import type { IncomingMessage, ServerResponse } from 'node:http';

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

/** A JSON-RPC error answer, for requests that never reach the MCP handler. */
export function rpcError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { jsonrpc: '2.0', error: { code: -32000, message }, id: null }, headers);
}

/**
 * The path of the request target, or undefined when the target is not an origin-form path Node can
 * turn into a URL (`GET //`, `GET http://[`): such a request gets a 400, never an exception.
 */
export function requestPath(req: IncomingMessage): string | undefined {
  const target = req.url ?? '';
  if (!target.startsWith('/') || target.startsWith('//')) return undefined;
  try {
    return new URL(target, 'http://localhost').pathname;
  } catch {
    return undefined;
  }
}

/** Loopback host names as `URL.hostname` gives them. */
export const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * DNS-rebinding protection (MCP Streamable HTTP transport): only the hosts this server is meant to be
 * reached at may appear in `Host`.
 */
export function hostAllowed(req: IncomingMessage, allowedHosts: readonly string[]): boolean {
  const host = (req.headers.host ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '').toLowerCase();
  return allowedHosts.includes(host);
}

/**
 * A browser's `Origin`, when there is one, must be a whole origin this server serves (scheme, host
 * and port): one of `allowedOrigins`, or loopback on the port the request arrived at (local
 * development). Claude's own requests carry no `Origin`.
 */
export function originAllowed(req: IncomingMessage, allowedOrigins: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (allowedOrigins.includes(url.origin)) return true;
  return url.protocol === 'http:' && LOOPBACK.has(url.hostname) && url.port === String(req.socket.localPort);
}
