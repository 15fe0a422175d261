import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, ERAS, rawPost, rawRequest, type StartedConnector } from './harness.js';
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
    const headers: Record<string, string> = connector.token ? { authorization: `Bearer ${connector.token}` } : {};
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
