import { OAuthError, OAuthErrorCode, type AuthInfo, type OAuthTokenVerifier } from '@modelcontextprotocol/server';
import { errors, jwtVerify, type JWTPayload } from 'jose';
import { KeysUnavailable, type IssuerKeys } from './keys.js';

export interface TokenPolicy {
  /** The authorization server's issuer, exactly as its metadata states it. */
  issuer: string;
  /** The audience access tokens must carry: the resource, unless the IdP uses an API identifier. */
  audience: string;
  /** This server's resource identifier: `${PUBLIC_URL}/mcp`, the URL users paste into Claude. */
  resource: string;
  /** Scopes every token must carry (`OAUTH_SCOPES`). */
  scopes: readonly string[];
}

/** The signed-in user. `sub` is unique only within its issuer (OpenID Connect Core §2), so both. */
export interface User {
  issuer: string;
  subject: string;
}

/** Asymmetric algorithms only: a JWKS holds public keys, and `none` or HS* must never verify. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** RFC 9068 names the claim `scope` (a string); Okta and Entra use `scp` (a list or a string). */
function scopesOf(payload: JWTPayload): string[] {
  const scopes = payload.scope ?? payload.scp ?? '';
  return (Array.isArray(scopes) ? scopes.map(String) : String(scopes).split(' ')).filter(Boolean);
}

/**
 * Granted scopes as this server names them. Entra puts an API's scope `api://<app>/notes` into `scp`
 * as `notes` alone; the audience check has already tied the token to this API, so the short name
 * counts as the configured URI scope.
 */
function asConfigured(granted: string[], configured: readonly string[]): string[] {
  const named = configured.filter((scope) => scope.includes('/') && granted.includes(scope.slice(scope.lastIndexOf('/') + 1)));
  return [...new Set([...granted, ...named])];
}

/**
 * Verifies JWT access tokens with jose, in the shape the SDK's bearer-auth helpers take: signature
 * (the issuer's keys), issuer, audience, expiry and subject. A token that fails is an
 * `OAuthError(InvalidToken)`, which the SDK answers 401 with the challenge; keys that cannot be
 * fetched are a `KeysUnavailable` (503), since that says nothing about the token.
 */
export function createTokenVerifier(policy: TokenPolicy, keys: IssuerKeys): OAuthTokenVerifier {
  return {
    async verifyAccessToken(token) {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys.getKey, {
          issuer: policy.issuer,
          audience: policy.audience,
          algorithms: ALGORITHMS,
          requiredClaims: ['exp', 'sub'],
        }));
      } catch (error) {
        if (error instanceof KeysUnavailable) throw error;
        // jose's reasons name the failed check, never the token; anything else gets a generic one.
        throw new OAuthError(OAuthErrorCode.InvalidToken, error instanceof errors.JOSEError ? error.message : 'the access token could not be verified');
      }
      if (!payload.sub) throw new OAuthError(OAuthErrorCode.InvalidToken, 'the access token names no subject');
      const user: User = { issuer: policy.issuer, subject: payload.sub };
      return {
        token,
        clientId: String(payload.client_id ?? payload.azp ?? ''),
        scopes: asConfigured(scopesOf(payload), policy.scopes),
        expiresAt: payload.exp,
        // The audience check above is the resource check (RFC 8707), done by jose: the audience may
        // be an API identifier (OAUTH_AUDIENCE) rather than this URL.
        resource: new URL(policy.resource),
        extra: { user },
      };
    },
  };
}

/** The user a verified token signed in; the gate runs before any tool, so there always is one. */
export function userOf(authInfo: AuthInfo | undefined): User {
  const user = authInfo?.extra?.user as User | undefined;
  if (!user) throw new Error('No signed-in user: the bearer gate must verify the token first.');
  return user;
}
