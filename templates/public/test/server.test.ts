import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnectorServer } from '../src/server.js';
import { createMcpServer } from '../src/tools.js';
import { connect, listen, rawPost } from './harness.js';

let url: URL;
let stop: () => Promise<void>;
beforeAll(async () => {
  ({ url, stop } = await listen(createConnectorServer({ allowedHosts: ['127.0.0.1', 'localhost'], createMcpServer: () => createMcpServer('test', '0.0.0') })));
});
afterAll(() => stop());

describe('connector', () => {
  it('lists tools, each with a title and a read-only or destructive hint', async () => {
    const client = await connect(url);
    const { tools } = await client.listTools();
    expect(tools.length).toBeGreaterThan(0);
    for (const tool of tools) {
      expect(tool.title ?? tool.annotations?.title).toBeTruthy();
      expect(tool.annotations?.readOnlyHint ?? tool.annotations?.destructiveHint).toBeDefined();
    }
    await client.close();
  });

  it('answers a tool call from the bundled data', async () => {
    const client = await connect(url);
    const result = await client.callTool({ name: 'search_parks', arguments: { query: 'geysers' } });
    expect(JSON.stringify(result.content)).toContain('Yellowstone');
    await client.close();
  });

  it('refuses a request whose Host it does not serve (DNS rebinding)', async () => {
    expect((await rawPost(url, { host: 'evil.example' })).status).toBe(403);
  });
});
