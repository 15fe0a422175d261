import { decodeJwt } from 'jose';
import type { TokenFacts } from '../types.js';

/** What a token response showed, read as a client may: the token's claims unverified, no token kept. */
export function tokenFacts(response: { access_token: string; expires_in?: number; scope?: string; refresh_token?: string }): TokenFacts {
  const facts: TokenFacts = { format: 'opaque', refreshToken: typeof response.refresh_token === 'string' && response.refresh_token !== '' };
  if (typeof response.expires_in === 'number') facts.expiresIn = response.expires_in;
  if (typeof response.scope === 'string') facts.scope = response.scope;
  let claims: ReturnType<typeof decodeJwt>;
  try {
    claims = decodeJwt(response.access_token);
  } catch {
    return facts;
  }
  facts.format = 'jwt';
  if (typeof claims.aud === 'string') facts.audience = [claims.aud];
  else if (Array.isArray(claims.aud)) facts.audience = claims.aud.filter((a): a is string => typeof a === 'string');
  if (typeof claims.exp === 'number' && typeof claims.iat === 'number') facts.lifetimeSeconds = claims.exp - claims.iat;
  return facts;
}

const flip = (c: string) => (c === 'a' ? 'b' : 'a');

/**
 * The token with one byte of its payload changed and its signature kept: a JWT whose claims still
 * parse (one character of a string claim differs, `sub` first), so only the signature check can
 * refuse it; an opaque token with its last character changed.
 */
export function tamperedToken(token: string): string {
  const parts = token.split('.');
  if (parts.length === 3) {
    try {
      const claims = JSON.parse(Buffer.from(parts[1] as string, 'base64url').toString('utf8')) as Record<string, unknown>;
      const name = ['sub', 'jti', 'iss'].find((n) => typeof claims[n] === 'string' && (claims[n] as string).length > 0) ?? Object.keys(claims).find((n) => typeof claims[n] === 'string' && (claims[n] as string).length > 0);
      if (name) {
        const value = claims[name] as string;
        claims[name] = value.slice(0, -1) + flip(value.slice(-1));
        return [parts[0], Buffer.from(JSON.stringify(claims)).toString('base64url'), parts[2]].join('.');
      }
    } catch {
      // Not a JWT after all: changed as an opaque token.
    }
  }
  return token.slice(0, -1) + flip(token.slice(-1));
}
