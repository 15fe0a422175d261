import { createConnectorServer } from '../src/server.js';
import { createMcpServer } from '../src/tools.js';
import { listen, type StartedConnector } from './harness.js';

/** The connector on a free loopback port, as `npm start` runs it, for the tests. */
export function startConnector(): Promise<StartedConnector> {
  return listen(createConnectorServer({ allowedHosts: ['127.0.0.1', 'localhost'], allowedOrigins: [], createMcpServer: () => createMcpServer('test', '0.0.0') }));
}
