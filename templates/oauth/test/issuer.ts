import http from 'node:http';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { listen } from './harness.js';

/** A minimal authorization server for tests: metadata, a JWKS, and tokens signed on request. */
export async function startTestIssuer() {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  let issuer = '';
  const server = http.createServer((req, res) => {
    const body =
      req.url === '/.well-known/openid-configuration'
        ? { issuer, jwks_uri: `${issuer}/jwks`, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token` }
        : req.url === '/jwks'
          ? { keys: [jwk] }
          : undefined;
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? {}));
  });
  const { url, stop } = await listen(server);
  issuer = url.origin;
  return {
    issuer,
    stop,
    /** The public key as PEM: what an attacker would use as an HMAC secret (alg confusion). */
    publicKeyPem: await exportSPKI(publicKey),
    /** An access token for `sub`, valid for `audience` unless the claims say otherwise. */
    token(sub: string, audience: string, claims: { exp?: number | string; iss?: string; nbf?: number | string } = {}) {
      const jwt = new SignJWT({ scope: 'openid' });
      if (claims.nbf !== undefined) jwt.setNotBefore(claims.nbf);
      return jwt
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key', typ: 'at+jwt' })
        .setSubject(sub)
        .setIssuer(claims.iss ?? issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime(claims.exp ?? '5m')
        .sign(privateKey);
    },
  };
}
