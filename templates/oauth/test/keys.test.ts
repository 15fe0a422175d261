import { afterEach, describe, expect, it, vi } from 'vitest';
import { bearer, connect, ERAS, rawPost } from './harness.js';
import { startTestIssuer, type JwksAnswer } from './issuer.js';
import { startOAuthConnector } from './start.js';

// The issuer's keys, fetched from its JWKS endpoint, are what every sign-in is checked with. An
// outage of that endpoint must neither sign everyone out (401 makes Claude ask users to sign in
// again) nor let forged tokens turn this server into a flood of requests to it.

// Each failure is logged for whoever runs the server; the tests read the log rather than print it.
const log = () => vi.spyOn(console, 'error').mockImplementation(() => {});
afterEach(() => vi.restoreAllMocks());

const FAILURES: readonly ('connection refused' | Exclude<JwksAnswer, 'keys'>)[] = ['connection refused', 'connection reset', 'no answer', 'server error', 'redirect', 'not JSON'];

describe.each(FAILURES)('when the JWKS endpoint fails (%s)', (failure) => {
  it('keeps verifying the keys it has on both eras, and answers a token needing another key 503 with Retry-After', async () => {
    const errors = log();
    const issuer = await startTestIssuer();
    const connector = await startOAuthConnector({ issuer, keys: { timeoutMs: 300, cooldownMs: 0 } });
    try {
      for (const era of ERAS) await (await connect(era, connector.url, connector.token)).close();
      if (failure === 'connection refused') await issuer.stop();
      else issuer.jwks = failure;

      for (const era of ERAS) {
        const client = await connect(era, connector.url, connector.token);
        expect((await client.listTools()).tools.length).toBeGreaterThan(0);
        await client.close();
      }
      const response = await rawPost(connector.url, bearer(await issuer.token('alice', connector.resource, { kid: 'next-key' })));
      expect(response.status).toBe(503);
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      expect(response.headers['www-authenticate']).toBeUndefined();
      expect(errors).toHaveBeenCalledWith(expect.stringContaining(`Cannot get the authorization server's keys from ${issuer.issuer}/jwks`));
    } finally {
      await connector.stop();
      await issuer.stop();
    }
  });
});

describe('JWKS requests', () => {
  it('are not made once per token naming an unknown key: at most one per cooldown', async () => {
    const connector = await startOAuthConnector();
    try {
      await (await connect('legacy', connector.url, connector.token)).close();
      const forged = await Promise.all(Array.from({ length: 20 }, () => connector.issuer.token('mallory', connector.resource, { kid: 'next-key' })));
      for (const token of forged) expect((await rawPost(connector.url, bearer(token))).status).toBe(401);
      expect(connector.issuer.jwksRequests).toBe(1);
    } finally {
      await connector.stop();
    }
  });

  it('are not repeated per token while the endpoint fails: 503 without asking again until the cooldown ends', async () => {
    log();
    const connector = await startOAuthConnector();
    connector.issuer.jwks = 'server error';
    try {
      for (let i = 0; i < 20; i++) {
        const response = await rawPost(connector.url, bearer(connector.token));
        expect(response.status).toBe(503);
        expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      }
      expect(connector.issuer.jwksRequests).toBe(1);
    } finally {
      await connector.stop();
    }
  });

  it('pick up a key the issuer rotated in', async () => {
    const connector = await startOAuthConnector({ keys: { cooldownMs: 0 } });
    try {
      await (await connect('legacy', connector.url, connector.token)).close();
      connector.issuer.publishNextKey = true;
      const client = await connect('modern', connector.url, await connector.issuer.token('alice', connector.resource, { kid: 'next-key' }));
      expect((await client.listTools()).tools.length).toBeGreaterThan(0);
      await client.close();
    } finally {
      await connector.stop();
    }
  });
});
