import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { createRemoteJWKSet, jwtVerify } from 'jose';

export interface AuthConfig {
  /** The authorization server's issuer, exactly as its metadata states it. */
  issuer: string;
  /** This server's resource identifier: `${PUBLIC_URL}/mcp`, the URL users paste into Claude. */
  resource: string;
  /** The audience access tokens must carry; the resource unless the IdP uses an API identifier. */
  audience: string;
  /** Scopes Claude should request, announced in the 401 challenge. */
  scopes: string[];
}

/** Why a request carries no usable token; the message goes to the client, never the token. */
export class TokenError extends Error {}

/** The issuer's keys could not be fetched: not the token's fault, so 503 rather than 401. */
export class KeysUnavailable extends Error {}

/** Asymmetric algorithms only: a JWKS holds public keys, and `none` or HS* must never verify. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** The well-known metadata URLs of an issuer, in the MCP specification's order. */
function metadataUrls(issuer: string): string[] {
  const url = new URL(issuer);
  const path = url.pathname.replace(/\/+$/, '');
  if (!path) return [`${url.origin}/.well-known/oauth-authorization-server`, `${url.origin}/.well-known/openid-configuration`];
  return [
    `${url.origin}/.well-known/oauth-authorization-server${path}`,
    `${url.origin}/.well-known/openid-configuration${path}`,
    `${url.origin}${path}/.well-known/openid-configuration`,
  ];
}

/** Reads the issuer's metadata and returns its JWKS URL, checking that the issuer is the one configured. */
export async function discoverJwksUri(issuer: string): Promise<string> {
  for (const url of metadataUrls(issuer)) {
    const response = await fetch(url, { headers: { accept: 'application/json' } });
    if (response.status >= 400 && response.status < 500) continue;
    if (!response.ok) throw new Error(`${url} answered ${response.status}.`);
    const metadata = (await response.json()) as { issuer?: string; jwks_uri?: string };
    if (metadata.issuer !== issuer) throw new Error(`${url} names issuer "${metadata.issuer}", not OAUTH_ISSUER "${issuer}".`);
    if (!metadata.jwks_uri) throw new Error(`${url} has no jwks_uri: this server verifies JWT access tokens.`);
    return metadata.jwks_uri;
  }
  throw new Error(`No authorization-server metadata found for OAUTH_ISSUER "${issuer}".`);
}

/** Verifies a JWT access token: signature (the issuer's JWKS), issuer, audience, expiry. */
export function createVerifier(config: AuthConfig, jwksUri: string): (token: string) => Promise<AuthInfo> {
  const jwks = createRemoteJWKSet(new URL(jwksUri));
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, jwks, {
        issuer: config.issuer,
        audience: config.audience,
        algorithms: ALGORITHMS,
        requiredClaims: ['exp', 'sub'],
      });
      // RFC 9068 names the claim `scope`; Okta and Entra use `scp` (a list or a string).
      const scopes = payload.scope ?? payload.scp ?? '';
      return {
        token,
        clientId: String(payload.client_id ?? payload.azp ?? ''),
        scopes: (Array.isArray(scopes) ? scopes.map(String) : String(scopes).split(' ')).filter(Boolean),
        expiresAt: payload.exp,
        resource: new URL(config.resource),
        extra: { sub: payload.sub },
      };
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (code === 'ERR_JWKS_TIMEOUT' || error instanceof TypeError) throw new KeysUnavailable('the issuer\'s keys could not be fetched');
      throw new TokenError(code || 'token verification failed');
    }
  };
}

/** The URL of this server's protected-resource metadata (RFC 9728, path-suffixed form). */
export function metadataUrl(config: AuthConfig): string {
  const resource = new URL(config.resource);
  return `${resource.origin}/.well-known/oauth-protected-resource${resource.pathname}`;
}

/** RFC 9728 protected-resource metadata: where Claude learns which authorization server to use. */
export function protectedResourceMetadata(config: AuthConfig): Record<string, unknown> {
  return {
    resource: config.resource,
    authorization_servers: [config.issuer],
    scopes_supported: config.scopes,
    bearer_methods_supported: ['header'],
  };
}

/** The `WWW-Authenticate` value of a 401: where the metadata is, which scopes, and why. */
export function challenge(config: AuthConfig, invalidToken: boolean): string {
  const params = [`resource_metadata="${metadataUrl(config)}"`, `scope="${config.scopes.join(' ')}"`];
  if (invalidToken) params.unshift('error="invalid_token"');
  return `Bearer ${params.join(', ')}`;
}
