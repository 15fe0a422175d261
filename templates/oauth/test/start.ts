import { createOAuthConnector } from '../src/connector.js';
import type { IssuerKeysOptions } from '../src/keys.js';
import { NotesStore } from '../src/notes.js';
import { freePort, listen, LOCAL_ONLY, type StartedConnector } from './harness.js';
import { startTestIssuer, type TestIssuer } from './issuer.js';

export interface OAuthTestConnector extends StartedConnector {
  /** A token of `alice` this connector accepts. */
  token: string;
  /** The resource identifier, which is also the audience tokens must carry. */
  resource: string;
  issuer: TestIssuer;
}

export interface OAuthTestOptions {
  /** The issuer to trust; by default one started (and stopped) with the connector. */
  issuer?: TestIssuer;
  /** Where notes are kept; share one to see what two connectors do with the same data. */
  store?: NotesStore;
  /** A path before /mcp, as PUBLIC_URL behind a proxy has. */
  pathPrefix?: string;
  keys?: IssuerKeysOptions;
  /** Scopes every token must carry (`OAUTH_SCOPES`); `openid` by default. */
  scopes?: string[];
}

/** The oauth connector on a free loopback port, trusting a test issuer, requiring scope `openid` unless told otherwise. */
export async function startOAuthConnector(options: OAuthTestOptions = {}): Promise<OAuthTestConnector> {
  const issuer = options.issuer ?? (await startTestIssuer());
  const port = await freePort();
  const resource = `http://127.0.0.1:${port}${options.pathPrefix ?? ''}/mcp`;
  const server = await createOAuthConnector({
    name: 'test',
    version: '0.0.0',
    issuer: issuer.issuer,
    resource,
    audience: resource,
    scopes: options.scopes ?? ['openid'],
    ...LOCAL_ONLY,
    store: options.store ?? new NotesStore(),
    keys: options.keys,
  });
  const connector = await listen(server, port);
  return {
    url: new URL(resource),
    resource,
    issuer,
    token: await issuer.token('alice', resource),
    stop: async () => {
      await connector.stop();
      if (!options.issuer) await issuer.stop();
    },
  };
}

/** The connector as the generic tests (`connector.test.ts`) need it. */
export function startConnector(): Promise<StartedConnector> {
  return startOAuthConnector();
}
