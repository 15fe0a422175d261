import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { discoverJwksUri } from '../src/discovery.js';
import { freePort, listen } from './harness.js';
import { startTestIssuer } from './issuer.js';

// What the server says when it cannot start: the URL it tried, why, and OAUTH_ISSUER, since the
// first start with the placeholder issuer from .env.example is every user's first sight of it.

/** A server answering every request with `status`, or never answering. */
async function answering(status: number | 'never') {
  const server = http.createServer((_req, res) => {
    if (status !== 'never') res.writeHead(status, { 'content-type': 'text/html' }).end('<h1>no</h1>');
  });
  const { url, stop } = await listen(server);
  return { origin: url.origin, stop };
}

/** The message start-up discovery fails with for this issuer. */
async function discoveryError(issuer: string, options?: { timeoutMs: number }): Promise<string> {
  try {
    await discoverJwksUri(issuer, options);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`discovery for ${issuer} succeeded`);
}

describe('start-up discovery', () => {
  it('finds the JWKS URL in the metadata of an issuer that names itself', async () => {
    const issuer = await startTestIssuer();
    try {
      expect(await discoverJwksUri(issuer.issuer)).toBe(`${issuer.issuer}/jwks`);
    } finally {
      await issuer.stop();
    }
  });

  it('names the host that does not resolve (DNS)', async () => {
    const message = await discoveryError('https://issuer.invalid');
    expect(message).toContain('OAUTH_ISSUER "https://issuer.invalid"');
    expect(message).toContain('https://issuer.invalid/.well-known/oauth-authorization-server');
    expect(message).toMatch(/issuer\.invalid does not resolve \(DNS: (ENOTFOUND|EAI_AGAIN)\)/);
  });

  it('says the connection was refused', async () => {
    const issuer = `http://127.0.0.1:${await freePort()}`;
    const message = await discoveryError(issuer);
    expect(message).toContain(`OAUTH_ISSUER "${issuer}"`);
    expect(message).toContain(`${issuer}/.well-known/oauth-authorization-server`);
    expect(message).toContain('connection refused');
  });

  it('says TLS failed when https meets a server that is not', async () => {
    const server = await answering(404);
    try {
      const message = await discoveryError(server.origin.replace('http:', 'https:'));
      expect(message).toContain('TLS connection failed');
      expect(message).toContain('OAUTH_ISSUER');
    } finally {
      await server.stop();
    }
  });

  it('names the URL and the HTTP status of a server error', async () => {
    const server = await answering(503);
    try {
      const message = await discoveryError(server.origin);
      expect(message).toContain(`GET ${server.origin}/.well-known/oauth-authorization-server: answered HTTP 503`);
      expect(message).toContain('OAUTH_ISSUER');
    } finally {
      await server.stop();
    }
  });

  it('lists every metadata URL tried when none has metadata', async () => {
    const server = await answering(404);
    try {
      const message = await discoveryError(`${server.origin}/tenant`);
      for (const url of ['/.well-known/oauth-authorization-server/tenant', '/.well-known/openid-configuration/tenant', '/tenant/.well-known/openid-configuration']) {
        expect(message).toContain(`${server.origin}${url} (404)`);
      }
    } finally {
      await server.stop();
    }
  });

  it('gives up on an issuer that does not answer, saying how long it waited', async () => {
    const server = await answering('never');
    try {
      expect(await discoveryError(server.origin, { timeoutMs: 200 })).toContain('no answer within 0.2 s');
    } finally {
      await server.stop();
    }
  });

  it('refuses metadata naming another issuer, and names it', async () => {
    const issuer = await startTestIssuer({ metadataIssuer: () => 'https://someone-else.example.com' });
    try {
      const message = await discoveryError(issuer.issuer);
      expect(message).toContain('names the issuer "https://someone-else.example.com", not OAUTH_ISSUER');
      expect(message).toContain(`${issuer.issuer}/.well-known/openid-configuration`);
    } finally {
      await issuer.stop();
    }
  });

  it('points at the trailing "/" when that is the only difference', async () => {
    // Auth0's metadata names its issuer with the "/"; OAUTH_ISSUER here lacks it.
    const issuer = await startTestIssuer({ metadataIssuer: (own) => `${own}/` });
    try {
      expect(await discoveryError(issuer.issuer)).toContain(`names the issuer "${issuer.issuer}/", which differs from OAUTH_ISSUER only by the trailing "/"`);
    } finally {
      await issuer.stop();
    }
  });
});
