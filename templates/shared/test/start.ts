import { createConnectorServer } from '../src/server.js';
import { createMcpServer } from '../src/tools.js';
import { Upstream } from '../src/upstream.js';
import { listen, LOCAL_ONLY, type StartedConnector } from './harness.js';
import { startRatesApi, type RatesApi } from './rates-api.js';

/** The upstream key the tests use: it must reach the rates API, and nothing else. */
export const UPSTREAM_KEY = 'test-upstream-key-7f3a9c-never-shown';

/** How long the connector waits for the rates API in the tests (5 s in production). */
export const TEST_TIMEOUT_MS = 1_000;

/** The connector on a free loopback port, calling a stand-in rates API with `UPSTREAM_KEY`. */
export async function startConnector(): Promise<StartedConnector & { rates: RatesApi }> {
  const rates = await startRatesApi(UPSTREAM_KEY);
  const upstream = new Upstream({ url: rates.url, apiKey: UPSTREAM_KEY, timeoutMs: TEST_TIMEOUT_MS });
  const connector = await listen(
    createConnectorServer({ ...LOCAL_ONLY, createMcpServer: () => createMcpServer('test', '0.0.0', upstream) }),
  );
  return {
    url: connector.url,
    rates,
    stop: async () => {
      await connector.stop();
      await rates.stop();
    },
  };
}
