import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const MAX_BODY_BYTES = 1024 * 1024;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

/** A JSON-RPC error answer, for requests that never reach the MCP server. */
export function rpcError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { jsonrpc: '2.0', error: { code: -32000, message }, id: null }, headers);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/**
 * DNS-rebinding protection (MCP Streamable HTTP transport): only the hosts this server is meant to be
 * reached at may appear in `Host`, and a browser `Origin`, when present, must be one of them.
 */
export function hostAllowed(req: IncomingMessage, allowedHosts: readonly string[]): boolean {
  const host = (req.headers.host ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '').toLowerCase();
  if (!allowedHosts.includes(host)) return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return allowedHosts.includes(new URL(origin).hostname.replace(/^\[|\]$/g, '').toLowerCase());
  } catch {
    return false;
  }
}

/** Handles one MCP request statelessly: a fresh server and transport per request. */
export async function handleMcpPost(req: IncomingMessage, res: ServerResponse, createMcpServer: () => McpServer, authInfo?: AuthInfo): Promise<void> {
  let body: unknown;
  try {
    body = await readJson(req);
  } catch {
    rpcError(res, 400, 'Parse error: the body must be JSON, at most 1 MiB.');
    return;
  }
  const server = createMcpServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  // The SDK hands `req.auth` to tool handlers as `extra.authInfo`.
  await transport.handleRequest(Object.assign(req, { auth: authInfo }), res, body);
}
