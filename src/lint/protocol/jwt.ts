import { decodeJwt } from 'jose';
import type { TokenFacts } from '../types.js';

/** What a token response showed, read as a client may: the token's claims unverified, no token kept. */
export function tokenFacts(response: { access_token: string; expires_in?: number; refresh_token?: string }): TokenFacts {
  const facts: TokenFacts = { format: 'opaque', refreshToken: typeof response.refresh_token === 'string' && response.refresh_token !== '' };
  if (typeof response.expires_in === 'number') facts.expiresIn = response.expires_in;
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

/** `text` with its middle character changed: in base64url, only the last character can carry unused bits. */
const changeMiddle = (text: string) => {
  const i = Math.floor(text.length / 2);
  return text.slice(0, i) + flip(text.charAt(i)) + text.slice(i + 1);
};

/**
 * The token with one byte changed and nothing else: a JWT with one character of its `sub` or `jti`
 * claim changed (the claims still parse, the issuer and audience still match, so only the signature
 * check can refuse it), else with a byte of its signature changed; an opaque token with its middle
 * character changed.
 */
export function tamperedToken(token: string): string {
  const parts = token.split('.');
  if (parts.length === 3) {
    try {
      const claims = JSON.parse(Buffer.from(parts[1] as string, 'base64url').toString('utf8')) as Record<string, unknown>;
      const name = ['sub', 'jti'].find((n) => typeof claims[n] === 'string' && (claims[n] as string).length > 0);
      if (name) {
        claims[name] = changeMiddle(claims[name] as string);
        return [parts[0], Buffer.from(JSON.stringify(claims)).toString('base64url'), parts[2]].join('.');
      }
      if ((parts[2] as string).length > 1) return [parts[0], parts[1], changeMiddle(parts[2] as string)].join('.');
    } catch {
      // Not a JWT after all: changed as an opaque token.
    }
  }
  return changeMiddle(token);
}
