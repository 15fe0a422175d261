import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnectorServer } from '../src/server.js';
import { createMcpServer } from '../src/tools.js';
import { Upstream } from '../src/upstream.js';
import { connect, listen, rawPost } from './harness.js';

const KEY = 'test-upstream-key-never-leaves';
let url: URL;
let stop: () => Promise<void>;
beforeAll(async () => {
  const upstream = new Upstream(KEY);
  ({ url, stop } = await listen(createConnectorServer({ allowedHosts: ['127.0.0.1', 'localhost'], createMcpServer: () => createMcpServer('test', '0.0.0', upstream) })));
});
afterAll(() => stop());

describe('connector', () => {
  it('needs no credentials from the client, and every tool is annotated', async () => {
    const client = await connect(url);
    const { tools } = await client.listTools();
    for (const tool of tools) {
      expect(tool.title ?? tool.annotations?.title).toBeTruthy();
      expect(tool.annotations?.readOnlyHint ?? tool.annotations?.destructiveHint).toBeDefined();
    }
    await client.close();
  });

  it('answers through the upstream API and never reveals the key', async () => {
    const client = await connect(url);
    const result = await client.callTool({ name: 'convert_currency', arguments: { amount: 100, from: 'USD', to: 'EUR' } });
    expect(JSON.stringify(result)).toContain('EUR');
    expect(JSON.stringify(result)).not.toContain(KEY);
    expect(JSON.stringify(await client.listTools())).not.toContain(KEY);
    await client.close();
  });

  it('refuses to start without UPSTREAM_API_KEY, saying what to do', () => {
    expect(() => new Upstream('')).toThrow(/UPSTREAM_API_KEY is not set/);
  });

  it('refuses a request whose Host it does not serve (DNS rebinding)', async () => {
    expect((await rawPost(url, { host: 'evil.example' })).status).toBe(403);
  });
});
