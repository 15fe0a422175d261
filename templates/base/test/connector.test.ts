import net from 'node:net';
import { McpServer } from '@modelcontextprotocol/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnectorServer, type Limits } from '../src/server.js';
import { bearer, connect, ERAS, listen, rawPost, rawRequest, type StartedConnector } from './harness.js';
import { startConnector } from './start.js';

// What every connector must do, whatever its tools: both protocol eras from one URL, tools Claude's
// directory accepts, and HTTP checks no request can get around or crash.
let connector: StartedConnector;
beforeAll(async () => {
  connector = await startConnector();
});
afterAll(() => connector.stop());

describe.each(ERAS)('on the %s era', (era) => {
  it('lists tools, each with a title and a read-only or destructive hint', async () => {
    const client = await connect(era, connector.url, connector.token);
    const { tools } = await client.listTools();
    expect(tools.length).toBeGreaterThan(0);
    for (const tool of tools) {
      expect(tool.title ?? tool.annotations?.title).toBeTruthy();
      expect(tool.annotations?.readOnlyHint ?? tool.annotations?.destructiveHint).toBeDefined();
    }
    await client.close();
  });
});

describe('HTTP checks', () => {
  it('refuses a request whose Host it does not serve (DNS rebinding)', async () => {
    expect((await rawPost(connector.url, { host: 'evil.example' })).status).toBe(403);
  });

  it('refuses a browser Origin on the right host name but another port or scheme', async () => {
    const port = Number(connector.url.port);
    for (const origin of [`http://127.0.0.1:${port + 1}`, `https://127.0.0.1:${port}`, 'http://evil.example']) {
      expect((await rawPost(connector.url, { origin })).status, origin).toBe(403);
    }
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const headers = bearer(connector.token);
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: { padding: 'x'.repeat(1024 * 1024) } });
    expect((await rawPost(connector.url, headers, body)).status).toBe(413);
  });

  it('answers a request target Node cannot parse with 400, and keeps serving', async () => {
    for (const target of ['//', 'http://[', '*']) {
      expect((await rawRequest(connector.url, 'GET', {}, undefined, target)).status, target).toBe(400);
    }
    const client = await connect('legacy', connector.url, connector.token);
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    await client.close();
  });
});

describe('slow and greedy clients', () => {
  /** The server skeleton with bounds short enough to watch, and no tools. */
  async function bounded(limits: Partial<Limits>): Promise<StartedConnector> {
    const createMcpServer = () => new McpServer({ name: 'bounded', version: '0.0.0' });
    return listen(createConnectorServer({ allowedHosts: ['127.0.0.1'], allowedOrigins: [], createMcpServer, limits }));
  }

  /** A raw connection: resolves with what the server sent once it closes it (or after `waitMs`, with `open`). */
  function connection(url: URL, send: string, waitMs: number): Promise<{ closed: boolean; received: string }> {
    return new Promise((resolve) => {
      const socket = net.connect(Number(url.port), '127.0.0.1', () => socket.write(send));
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString()));
      socket.on('error', () => undefined);
      const timer = setTimeout(() => {
        socket.destroy();
        resolve({ closed: false, received });
      }, waitMs);
      socket.on('close', () => {
        clearTimeout(timer);
        resolve({ closed: true, received });
      });
    });
  }

  it('closes a connection whose headers never finish, with 408', async () => {
    const server = await bounded({ headersTimeout: 300, requestTimeout: 300, connectionsCheckingInterval: 50 });
    try {
      const slow = await connection(server.url, `POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${server.url.port}\r\n`, 5_000);
      expect(slow.closed).toBe(true);
      expect(slow.received).toMatch(/^HTTP\/1\.1 408 /);
    } finally {
      await server.stop();
    }
  });

  it('closes connections past the cap on arrival and still serves once one is gone', async () => {
    const server = await bounded({ maxConnections: 2 });
    try {
      const idle = [net.connect(Number(server.url.port), '127.0.0.1'), net.connect(Number(server.url.port), '127.0.0.1')];
      await Promise.all(idle.map((socket) => new Promise((resolve) => socket.once('connect', resolve))));
      const third = await connection(server.url, '', 5_000);
      expect(third).toEqual({ closed: true, received: '' });
      idle[0]?.destroy();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await rawPost(server.url, {})).status).toBeGreaterThanOrEqual(200);
      idle[1]?.destroy();
    } finally {
      await server.stop();
    }
  });
});
