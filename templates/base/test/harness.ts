import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client as ModernClient, StreamableHTTPClientTransport as ModernTransport } from '@modelcontextprotocol/client';
import { Client as LegacyClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as LegacyTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

/**
 * A connector running for a test file. Every template's `test/start.ts` exports
 * `startConnector(): Promise<StartedConnector>`, which the generic tests in `connector.test.ts` use.
 */
export interface StartedConnector {
  /** The MCP endpoint. */
  url: URL;
  /** A bearer token the connector accepts, when it requires sign-in. */
  token?: string;
  stop(): Promise<void>;
}

/** Starts a server on a free loopback port; returns its MCP URL and a stop function. */
export async function listen(server: http.Server, port = 0): Promise<StartedConnector> {
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`);
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The two protocol eras a connector serves from one URL, and the clients that speak them. */
export type Era = 'legacy' | 'modern';
export const ERAS: readonly Era[] = ['legacy', 'modern'];

/** What the tests need of a connected client, whichever SDK it comes from. */
export interface TestClient {
  listTools(): Promise<{ tools: { name: string; title?: string; annotations?: { title?: string; readOnlyHint?: boolean; destructiveHint?: boolean } }[] }>;
  callTool(params: { name: string; arguments?: Record<string, unknown> }): Promise<{ content?: unknown; isError?: boolean }>;
  close(): Promise<void>;
}

/** The `Authorization` header of a bearer token, or no header without one. */
export function bearer(token?: string): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** The Host/Origin settings of a connector under test: reached on loopback only, by no browser. */
export const LOCAL_ONLY = { allowedHosts: ['127.0.0.1', 'localhost'], allowedOrigins: [] as string[] };

/**
 * A real MCP client of one era, optionally sending a bearer token: `legacy` is the SDK v1 client
 * (`initialize`, 2025-11-25, as hosted Claude connects); `modern` is the SDK v2 client in `auto`
 * mode (2026-07-28 first, as Claude Code connects), which must end up on the modern era.
 */
export async function connect(era: Era, url: URL, token?: string): Promise<TestClient> {
  const requestInit = { headers: bearer(token) };
  if (era === 'legacy') {
    const client = new LegacyClient({ name: 'test-client', version: '0.0.0' });
    await client.connect(new LegacyTransport(url, { requestInit }));
    return client as unknown as TestClient;
  }
  const client = new ModernClient({ name: 'test-client', version: '0.0.0' }, { versionNegotiation: { mode: 'auto' } });
  await client.connect(new ModernTransport(url, { requestInit }));
  if (client.getProtocolEra() !== 'modern') throw new Error(`the SDK v2 client fell back to ${client.getProtocolEra()}`);
  return client as unknown as TestClient;
}

/** The text blocks of a tool result, one per line: what the model reads. */
export function resultText(result: { content?: unknown }): string {
  return ((result.content ?? []) as { type: string; text?: string }[])
    .filter((block) => block.type === 'text')
    .map((block) => block.text)
    .join('\n');
}

/** A raw POST, for what a client library would not send (another Host, a missing token). */
export function rawPost(url: URL, headers: Record<string, string>, body = '{}'): Promise<{ status?: number; headers: http.IncomingHttpHeaders; body: string }> {
  return rawRequest(url, 'POST', headers, body);
}

/** A raw request with any method and request target (`//`, `http://[`): what no client library sends. */
export function rawRequest(url: URL, method: string, headers: Record<string, string>, body?: string, target?: string): Promise<{ status?: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, method, path: target ?? `${url.pathname}${url.search}`, headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A port that is free right now, for servers whose URL must be known before they start. */
export async function freePort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
