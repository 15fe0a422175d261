import http from 'node:http';
import { createMcpHandler, type AuthInfo, type McpServer } from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { hostAllowed, originAllowed, requestPath, rpcError } from './http.js';

/** What a connector adds to the shared server: its tools, and optionally routes and a sign-in gate. */
export interface ConnectorServerConfig {
  /** Host names this server may be reached at (DNS-rebinding protection). */
  allowedHosts: readonly string[];
  /** Whole origins (`https://app.example.com`) browsers may call from, besides loopback on this port. */
  allowedOrigins: readonly string[];
  /**
   * A fresh MCP server for one request, of either protocol era: nothing is kept between requests, so
   * any number of instances can serve one client behind a load balancer without sticky sessions.
   */
  createMcpServer: (authInfo: AuthInfo | undefined) => McpServer;
  /** The paths of the MCP endpoint (default `/mcp`). */
  mcpPaths?: readonly string[];
  /** `GET` routes other than the MCP endpoint (protected-resource metadata, say), by path. */
  routes?: Readonly<Record<string, (req: http.IncomingMessage, res: http.ServerResponse) => void>>;
  /**
   * Checks the caller of an MCP request: returns who it is, or `undefined` after answering the
   * request itself (a 401 challenge, a 503).
   */
  authenticate?: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<AuthInfo | undefined>;
  /** Tighter or looser bounds than {@link LIMITS}; the defaults suit production, tests shorten them. */
  limits?: Partial<Limits>;
}

/**
 * Bounds for slow or greedy clients, suited to a container with 1024 file descriptors: the time a
 * client may take to send its headers and its whole request (Node checks both every
 * `connectionsCheckingInterval`), and how many connections may be open at once (more are closed on arrival).
 */
export const LIMITS = {
  headersTimeout: 10_000,
  requestTimeout: 30_000,
  keepAliveTimeout: 5_000,
  connectionsCheckingInterval: 5_000,
  maxConnections: 512,
  maxBodyBytes: 1024 * 1024,
};

export type Limits = typeof LIMITS;

/**
 * The connector's HTTP server: Host/Origin checks (the SDK's handler validates neither), the
 * template's own routes, then the MCP endpoint served by the SDK's `createMcpHandler` in its default
 * mode, which answers both protocol eras (2025-11-25 `initialize`, 2026-07-28 `server/discover`).
 * No request can crash the process: any failure becomes a 500 for that request.
 */
export function createConnectorServer(config: ConnectorServerConfig): http.Server {
  const limits = { ...LIMITS, ...config.limits };
  const mcp = toNodeHandler(
    createMcpHandler((ctx) => config.createMcpServer(ctx.authInfo), { maxRequestBodySize: limits.maxBodyBytes }),
    { maxRequestBodySize: limits.maxBodyBytes },
  );
  const mcpPaths = new Set(config.mcpPaths ?? ['/mcp']);

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = requestPath(req);
    if (path === undefined) return rpcError(res, 400, 'Bad request: the request target is not a path.');
    if (!hostAllowed(req, config.allowedHosts) || !originAllowed(req, config.allowedOrigins)) {
      return rpcError(res, 403, 'Forbidden: unexpected Host or Origin header.');
    }
    const route = config.routes?.[path];
    if (route && req.method === 'GET') return route(req, res);
    if (!mcpPaths.has(path)) return rpcError(res, 404, `Not found: the MCP endpoint is ${[...mcpPaths][0]}.`);
    let authInfo: AuthInfo | undefined;
    if (config.authenticate) {
      authInfo = await config.authenticate(req, res);
      if (!authInfo) return;
    }
    await mcp(Object.assign(req, { auth: authInfo }), res);
  }

  const server = http.createServer(
    {
      headersTimeout: limits.headersTimeout,
      requestTimeout: limits.requestTimeout,
      keepAliveTimeout: limits.keepAliveTimeout,
      connectionsCheckingInterval: limits.connectionsCheckingInterval,
    },
    (req, res) => {
      handle(req, res).catch(() => {
        if (!res.headersSent) rpcError(res, 500, 'Internal server error.');
        else res.destroy();
      });
    },
  );
  server.maxConnections = limits.maxConnections;
  return server;
}

/**
 * Listens, says where Claude connects (`mcpUrl`, by default `/mcp` on the host and port listened
 * on), and closes cleanly on SIGTERM/SIGINT (a redeploy, Ctrl-C).
 */
export function serve(server: http.Server, options: { name: string; host: string; port: number; mcpUrl?: (port: number) => string }): void {
  const mcpUrl = options.mcpUrl ?? ((actual: number) => `http://${options.host === '0.0.0.0' ? 'localhost' : options.host}:${actual}/mcp`);
  server.on('error', (error: NodeJS.ErrnoException) => {
    console.error(`${options.name}: cannot listen on ${options.host}:${options.port} (${error.code ?? error.message}).`);
    process.exitCode = 1;
  });
  server.listen(options.port, options.host, () => {
    const address = server.address();
    console.log(`${options.name} listening; Claude connects to ${mcpUrl(typeof address === 'object' && address ? address.port : options.port)}`);
  });
  const stop = () => {
    server.close();
    server.closeIdleConnections();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
