import type { IncomingMessage, ServerResponse } from 'node:http';
import { getOAuthProtectedResourceMetadataUrl } from '@modelcontextprotocol/server';
import { sendJson } from './http.js';

export interface ResourceMetadataConfig {
  /** This server's resource identifier: `${PUBLIC_URL}/mcp`. */
  resource: string;
  /** The authorization server users sign in with. */
  issuer: string;
  /** The scopes Claude should request. */
  scopes: string[];
  /** The connector's name, shown by clients that display it. */
  name: string;
}

/** Where the protected-resource metadata is, for the 401 challenge: the path-suffixed URL (RFC 9728 §3.1). */
export function resourceMetadataUrl(resource: string): string {
  return getOAuthProtectedResourceMetadataUrl(new URL(resource));
}

/**
 * RFC 9728 protected-resource metadata, where Claude learns which authorization server to send
 * users to, as `GET` routes by path. One document, at two URLs: the path-suffixed one the challenge
 * names (its URL built by the SDK), and the root one clients try when a challenge names none
 * (MCP authorization, "Protected Resource Metadata Discovery"). The root one is hand-written, as is
 * the document: the SDK serves no root PRM, and its `oauthMetadataResponse` takes web `Request`s.
 */
export function resourceMetadataRoutes(config: ResourceMetadataConfig): Record<string, (req: IncomingMessage, res: ServerResponse) => void> {
  const document = {
    resource: config.resource,
    authorization_servers: [config.issuer],
    scopes_supported: config.scopes,
    bearer_methods_supported: ['header'],
    resource_name: config.name,
  };
  const serve = (_req: IncomingMessage, res: ServerResponse) => sendJson(res, 200, document, { 'access-control-allow-origin': '*' });
  return {
    [new URL(resourceMetadataUrl(config.resource)).pathname]: serve,
    '/.well-known/oauth-protected-resource': serve,
  };
}
