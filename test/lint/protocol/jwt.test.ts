import { decodeJwt, generateKeyPair, jwtVerify, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { tamperedToken, tokenFacts } from '../../../src/lint/protocol/jwt.js';

async function signed(claims: Record<string, unknown>) {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const token = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256' }).sign(privateKey);
  return { token, publicKey };
}

describe('tokenFacts', () => {
  it('reads aud, lifetime and the refresh token of a JWT response, keeping no token', async () => {
    const { token } = await signed({ sub: 'alice', aud: 'https://mcp.example.com/mcp', iat: 1000, exp: 1600 });
    const facts = tokenFacts({ access_token: token, expires_in: 600, refresh_token: 'r-1' });
    expect(facts).toEqual({ format: 'jwt', audience: ['https://mcp.example.com/mcp'], lifetimeSeconds: 600, expiresIn: 600, refreshToken: true });
    expect(JSON.stringify(facts)).not.toContain(token);
  });

  it('keeps an audience list as a list', async () => {
    const { token } = await signed({ aud: ['a', 'b'] });
    expect(tokenFacts({ access_token: token }).audience).toEqual(['a', 'b']);
  });

  it('calls anything that is not a JWT opaque', () => {
    expect(tokenFacts({ access_token: 'opaque-token-value' })).toEqual({ format: 'opaque', refreshToken: false });
    expect(tokenFacts({ access_token: 'a.b.c' }).format).toBe('opaque');
  });
});

describe('tamperedToken', () => {
  it('changes one claim of a JWT by one character: the claims still parse, the signature no longer verifies', async () => {
    const { token, publicKey } = await signed({ sub: 'alice', aud: 'x' });
    const tampered = tamperedToken(token);
    expect(tampered).not.toBe(token);
    expect(tampered.split('.')[0]).toBe(token.split('.')[0]);
    expect(tampered.split('.')[2]).toBe(token.split('.')[2]);
    expect(decodeJwt(tampered)).toEqual({ sub: 'alace', aud: 'x' });
    await expect(jwtVerify(token, publicKey)).resolves.toBeDefined();
    await expect(jwtVerify(tampered, publicKey)).rejects.toThrow(/signature/);
  });

  it('changes a byte of the signature of a JWT with neither `sub` nor `jti`, never the issuer or audience', async () => {
    const { token, publicKey } = await signed({ iss: 'https://idp.example.com', aud: 'x' });
    const tampered = tamperedToken(token);
    expect(tampered.split('.').slice(0, 2)).toEqual(token.split('.').slice(0, 2));
    expect(Buffer.from(tampered.split('.')[2] as string, 'base64url').equals(Buffer.from(token.split('.')[2] as string, 'base64url'))).toBe(false);
    await expect(jwtVerify(tampered, publicKey)).rejects.toThrow(/signature/);
  });

  it('changes the middle character of an opaque token, so the bytes always differ (the last base64url character may be padding bits)', () => {
    expect(tamperedToken('abcdef')).toBe('abcaef');
    for (let length = 16; length <= 48; length++) {
      const bytes = Buffer.alloc(length, 7);
      const token = bytes.toString('base64url');
      expect(Buffer.from(tamperedToken(token), 'base64url').equals(bytes), token).toBe(false);
    }
  });
});
