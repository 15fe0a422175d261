import type http from 'node:http';
import { discoverJwksUri } from './discovery.js';
import { createBearerGate } from './gate.js';
import { IssuerKeys, type IssuerKeysOptions } from './keys.js';
import type { NotesStore } from './notes.js';
import { resourceMetadataRoutes, resourceMetadataUrl } from './resource-metadata.js';
import { createConnectorServer } from './server.js';
import { createTokenVerifier, userOf } from './tokens.js';
import { createMcpServer } from './tools.js';

export interface OAuthConnectorConfig {
  name: string;
  version: string;
  /** The authorization server's issuer, exactly as its metadata states it (`OAUTH_ISSUER`). */
  issuer: string;
  /** This server's resource identifier: `${PUBLIC_URL}/mcp`, the URL users paste into Claude. */
  resource: string;
  /** The audience access tokens must carry (`OAUTH_AUDIENCE`, by default the resource). */
  audience: string;
  /** Scopes every token must carry, and Claude requests (`OAUTH_SCOPES`). */
  scopes: string[];
  allowedHosts: readonly string[];
  allowedOrigins: readonly string[];
  store: NotesStore;
  /** Deadline of each start-up metadata request. */
  discoveryTimeoutMs?: number;
  keys?: IssuerKeysOptions;
}

/**
 * Finds the issuer's keys (a start-up failure says what to fix), then builds the HTTP server:
 * protected-resource metadata, the bearer gate before the MCP endpoint on both protocol eras, and
 * the tools of the signed-in user.
 */
export async function createOAuthConnector(config: OAuthConnectorConfig): Promise<http.Server> {
  const keys = new IssuerKeys(await discoverJwksUri(config.issuer, { timeoutMs: config.discoveryTimeoutMs }), config.keys);
  return createConnectorServer({
    allowedHosts: config.allowedHosts,
    allowedOrigins: config.allowedOrigins,
    // At the resource's own path (PUBLIC_URL may have one), and at /mcp behind a proxy that strips it.
    mcpPaths: [new URL(config.resource).pathname, '/mcp'],
    routes: resourceMetadataRoutes(config),
    authenticate: createBearerGate({
      verifier: createTokenVerifier(config, keys),
      requiredScopes: config.scopes,
      resourceMetadataUrl: resourceMetadataUrl(config.resource),
    }),
    createMcpServer: (authInfo) => createMcpServer(config.name, config.version, config.store, userOf(authInfo)),
  });
}
