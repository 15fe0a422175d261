import http from 'node:http';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { challenge, KeysUnavailable, protectedResourceMetadata, TokenError, type AuthConfig } from './auth.js';
import { handleMcpPost, hostAllowed, rpcError, sendJson } from './http.js';

export interface ServerConfig {
  allowedHosts: string[];
  auth: AuthConfig;
  verify: (token: string) => Promise<AuthInfo>;
  /** A fresh MCP server with the connector's tools, one per request. */
  createMcpServer: () => McpServer;
}

/** The bearer token of the `Authorization` header; tokens anywhere else are ignored (RFC 6750 §2.1). */
function bearerToken(req: http.IncomingMessage): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

/**
 * The connector's HTTP server: protected-resource metadata, and Streamable HTTP at `/mcp` behind
 * bearer-token checks that answer 401 (never 500) with a challenge Claude can follow.
 */
export function createConnectorServer(config: ServerConfig): http.Server {
  const resourcePath = new URL(config.auth.resource).pathname;
  // At the resource's own path (PUBLIC_URL may have one), and at /mcp behind a proxy that strips it.
  const mcpPaths = new Set([resourcePath, '/mcp']);
  const metadataPaths = new Set([`/.well-known/oauth-protected-resource${resourcePath}`, '/.well-known/oauth-protected-resource']);
  const unauthorized = (res: http.ServerResponse, invalid: boolean) =>
    rpcError(res, 401, invalid ? 'Unauthorized: the access token is invalid or expired.' : 'Unauthorized: sign in to use this connector.', {
      'www-authenticate': challenge(config.auth, invalid),
    });

  return http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (!hostAllowed(req, config.allowedHosts)) {
      rpcError(res, 403, 'Forbidden: unexpected Host or Origin header.');
      return;
    }
    if (metadataPaths.has(path) && req.method === 'GET') {
      sendJson(res, 200, protectedResourceMetadata(config.auth), { 'access-control-allow-origin': '*' });
      return;
    }
    if (!mcpPaths.has(path)) {
      rpcError(res, 404, `Not found: the MCP endpoint is ${resourcePath}.`);
      return;
    }
    const token = bearerToken(req);
    if (!token) {
      unauthorized(res, false);
      return;
    }
    config
      .verify(token)
      .then(async (authInfo) => {
        if (req.method !== 'POST') {
          rpcError(res, 405, 'Method not allowed: this stateless server answers POST only.', { allow: 'POST' });
          return;
        }
        await handleMcpPost(req, res, config.createMcpServer, authInfo);
      })
      .catch((error: unknown) => {
        if (res.headersSent) return;
        if (error instanceof TokenError) unauthorized(res, true);
        else if (error instanceof KeysUnavailable) rpcError(res, 503, 'Service unavailable: cannot check tokens right now.', { 'retry-after': '10' });
        else rpcError(res, 500, 'Internal server error.');
      });
  });
}
