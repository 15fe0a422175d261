import { createConnectorServer } from '../src/server.js';
import { createMcpServer } from '../src/tools.js';
import { listen, LOCAL_ONLY, type StartedConnector } from './harness.js';

/** The connector on a free loopback port, as `npm start` runs it, for the tests. */
export function startConnector(): Promise<StartedConnector> {
  return listen(createConnectorServer({ ...LOCAL_ONLY, createMcpServer: () => createMcpServer('test', '0.0.0') }));
}
