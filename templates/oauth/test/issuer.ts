import http from 'node:http';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { sendJson } from '../src/http.js';
import { listen } from './harness.js';

/** What the JWKS endpoint answers: the published keys, or one way of failing. */
export type JwksAnswer = 'keys' | 'server error' | 'redirect' | 'not JSON' | 'no answer' | 'connection reset';

export interface TokenClaims {
  /** Seconds since the epoch or a jose time span (`'5m'`); `null` for a token without `exp`. */
  exp?: number | string | null;
  nbf?: number | string;
  iss?: string;
  scope?: string;
  /** The signing key: `test-key` (published) or `next-key` (published only once `publishNextKey` is set). */
  kid?: 'test-key' | 'next-key';
}

export interface TestIssuer {
  issuer: string;
  /** What the JWKS endpoint answers now. */
  jwks: JwksAnswer;
  /** Whether the JWKS publishes `next-key` too, as after a key rotation. */
  publishNextKey: boolean;
  /** How many times the JWKS was requested. */
  jwksRequests: number;
  /** The public key as PEM: what an attacker would use as an HMAC secret (algorithm confusion). */
  publicKeyPem: string;
  /** An access token for `sub` (none when `undefined`), valid for `audience` unless the claims say otherwise. */
  token(sub: string | undefined, audience: string, claims?: TokenClaims): Promise<string>;
  stop(): Promise<void>;
}

/**
 * A minimal authorization server for tests, in this process: metadata (naming another issuer when
 * `metadataIssuer` says so), a JWKS that can be made to fail, and access tokens signed on request
 * (scope `openid` unless the claims say otherwise).
 */
export async function startTestIssuer(options: { metadataIssuer?: (own: string) => string } = {}): Promise<TestIssuer> {
  const pairs = { 'test-key': await generateKeyPair('ES256'), 'next-key': await generateKeyPair('ES256') };
  const jwk = async (kid: keyof typeof pairs) => ({ ...(await exportJWK(pairs[kid].publicKey)), kid, alg: 'ES256', use: 'sig' });
  const published = { current: [await jwk('test-key')], rotated: [await jwk('test-key'), await jwk('next-key')] };

  const server = http.createServer((req, res) => {
    if (req.url === '/.well-known/openid-configuration') {
      const metadata = { issuer: options.metadataIssuer?.(issuer.issuer) ?? issuer.issuer, jwks_uri: `${issuer.issuer}/jwks`, authorization_endpoint: `${issuer.issuer}/authorize`, token_endpoint: `${issuer.issuer}/token` };
      sendJson(res, 200, metadata);
      return;
    }
    if (req.url !== '/jwks') {
      sendJson(res, 404, {});
      return;
    }
    issuer.jwksRequests++;
    switch (issuer.jwks) {
      case 'keys':
        sendJson(res, 200, { keys: issuer.publishNextKey ? published.rotated : published.current });
        return;
      case 'server error':
        res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>');
        return;
      case 'redirect':
        res.writeHead(302, { location: '/login' }).end();
        return;
      case 'not JSON':
        res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Maintenance</title>');
        return;
      case 'connection reset':
        req.socket.destroy();
        return;
      case 'no answer':
        return;
    }
  });
  const { url, stop } = await listen(server);

  const issuer: TestIssuer = {
    issuer: url.origin,
    jwks: 'keys',
    publishNextKey: false,
    jwksRequests: 0,
    publicKeyPem: await exportSPKI(pairs['test-key'].publicKey),
    token(sub, audience, claims = {}) {
      const kid = claims.kid ?? 'test-key';
      const jwt = new SignJWT({ scope: claims.scope ?? 'openid' }).setProtectedHeader({ alg: 'ES256', kid, typ: 'at+jwt' }).setIssuer(claims.iss ?? issuer.issuer).setAudience(audience).setIssuedAt();
      if (sub !== undefined) jwt.setSubject(sub);
      if (claims.exp !== null) jwt.setExpirationTime(claims.exp ?? '5m');
      if (claims.nbf !== undefined) jwt.setNotBefore(claims.nbf);
      return jwt.sign(pairs[kid].privateKey);
    },
    stop,
  };
  return issuer;
}
