import http from 'node:http';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { handleMcpPost, hostAllowed, rpcError } from './http.js';

export interface ServerConfig {
  /** Host names this server may be reached at (DNS-rebinding protection). */
  allowedHosts: string[];
  /** A fresh MCP server with the connector's tools, one per request. */
  createMcpServer: () => McpServer;
}

/** The connector's HTTP server: Streamable HTTP at `/mcp`, no authentication. */
export function createConnectorServer(config: ServerConfig): http.Server {
  return http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (!hostAllowed(req, config.allowedHosts)) {
      rpcError(res, 403, 'Forbidden: unexpected Host or Origin header.');
      return;
    }
    if (path !== '/mcp') {
      rpcError(res, 404, 'Not found: the MCP endpoint is /mcp.');
      return;
    }
    if (req.method !== 'POST') {
      rpcError(res, 405, 'Method not allowed: this stateless server answers POST only.', { allow: 'POST' });
      return;
    }
    handleMcpPost(req, res, config.createMcpServer).catch(() => {
      if (!res.headersSent) rpcError(res, 500, 'Internal server error.');
    });
  });
}
