import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotesStore } from '../src/notes.js';
import { bearer, connect, ERAS, rawPost, type Era } from './harness.js';
import { startTestIssuer } from './issuer.js';
import { startOAuthConnector, type OAuthTestConnector } from './start.js';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The first request a client of each era sends: what Claude's first, unauthenticated, request looks like. */
const FIRST_REQUEST: Record<Era, { headers: Record<string, string>; body: object }> = {
  legacy: {
    headers: {},
    body: { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '0' } } },
  },
  modern: {
    headers: { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'server/discover' },
    body: { jsonrpc: '2.0', id: 1, method: 'server/discover', params: { _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientCapabilities': {} } } },
  },
};

function firstRequest(connector: OAuthTestConnector, era: Era, token?: string) {
  const { headers, body } = FIRST_REQUEST[era];
  return rawPost(connector.url, { ...headers, ...bearer(token) }, JSON.stringify(body));
}

const notesOf = async (era: Era, connector: OAuthTestConnector, token: string) => {
  const client = await connect(era, connector.url, token);
  try {
    return JSON.stringify(await client.callTool({ name: 'list_notes', arguments: {} }));
  } finally {
    await client.close();
  }
};

let connector: OAuthTestConnector;
beforeAll(async () => {
  connector = await startOAuthConnector();
});
afterAll(() => connector.stop());

describe.each(ERAS)('on the %s era', (era) => {
  it('answers a request without a token 401, with a challenge naming the metadata and the scope and no error code', async () => {
    const response = await firstRequest(connector, era);
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer /);
    // RFC 6750 §3.1: a request with no credentials gets no error code.
    expect(response.headers['www-authenticate']).not.toContain('error=');
    expect(response.headers['www-authenticate']).toContain(`resource_metadata="http://127.0.0.1:${connector.url.port}/.well-known/oauth-protected-resource/mcp"`);
    expect(response.headers['www-authenticate']).toContain('scope="openid"');
  });

  it('serves the same first request once it carries a valid token', async () => {
    expect((await firstRequest(connector, era, connector.token)).status).toBe(200);
  });

  it('answers a token without the required scope 403 insufficient_scope, naming the scope to request', async () => {
    const response = await firstRequest(connector, era, await connector.issuer.token('alice', connector.resource, { scope: 'profile' }));
    expect(response.status).toBe(403);
    expect(response.headers['www-authenticate']).toContain('error="insufficient_scope"');
    expect(response.headers['www-authenticate']).toContain('scope="openid"');
    expect(response.headers['www-authenticate']).toContain('resource_metadata="');
  });

  it('accepts an API scope configured as a URI (`api://app/notes`) that the token names by its last segment, as Entra writes `scp`', async () => {
    const entra = await startOAuthConnector({ issuer: connector.issuer, scopes: ['api://app/notes'] });
    try {
      expect((await firstRequest(entra, era, await entra.issuer.token('alice', entra.resource, { scope: 'notes' }))).status).toBe(200);
      expect((await firstRequest(entra, era, await entra.issuer.token('alice', entra.resource, { scope: 'other' }))).status).toBe(403);
    } finally {
      await entra.stop();
    }
  });

  it("keeps each user's notes: one user never sees another's", async () => {
    const alice = await connect(era, connector.url, await connector.issuer.token('alice', connector.resource));
    await alice.callTool({ name: 'add_note', arguments: { note: `alice secret plan (${era})` } });
    expect(JSON.stringify(await alice.callTool({ name: 'list_notes', arguments: {} }))).toContain(`alice secret plan (${era})`);
    await alice.close();
    expect(await notesOf(era, connector, await connector.issuer.token('bob', connector.resource))).not.toContain('alice secret plan');
  });

  it('takes the same `sub` from another issuer for another user', async () => {
    // Two connectors on one store, as after OAUTH_ISSUER moves to another tenant with the data kept.
    const store = new NotesStore();
    const first = await startOAuthConnector({ store });
    const second = await startOAuthConnector({ store });
    try {
      const alice = await connect(era, first.url, first.token);
      await alice.callTool({ name: 'add_note', arguments: { note: 'first tenant alice' } });
      await alice.close();
      expect(await notesOf(era, first, first.token)).toContain('first tenant alice');
      expect(await notesOf(era, second, second.token)).not.toContain('first tenant alice');
    } finally {
      await first.stop();
      await second.stop();
    }
  });
});

describe('tokens it refuses', () => {
  it.each([
    ['garbage', async () => 'not.a.jwt'],
    ['unsigned (alg none)', async () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'alice', iss: connector.issuer.issuer, aud: connector.resource, exp: Math.floor(Date.now() / 1000) + 300 })}.`],
    [
      'HS256-signed with the public key (algorithm confusion)',
      async () =>
        new SignJWT({ sub: 'alice', scope: 'openid' })
          .setProtectedHeader({ alg: 'HS256', kid: 'test-key' })
          .setIssuer(connector.issuer.issuer)
          .setAudience(connector.resource)
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode(connector.issuer.publicKeyPem)),
    ],
    ['not yet valid', async () => connector.issuer.token('alice', connector.resource, { nbf: '10m' })],
    ['expired', async () => connector.issuer.token('alice', connector.resource, { exp: Math.floor(Date.now() / 1000) - 60 })],
    ['without an expiry', async () => connector.issuer.token('alice', connector.resource, { exp: null })],
    ['without a subject', async () => connector.issuer.token(undefined, connector.resource)],
    ['for another resource', async () => connector.issuer.token('alice', 'https://other.example.com/mcp')],
    ['from another issuer', async () => connector.issuer.token('alice', connector.resource, { iss: 'https://evil.example.com' })],
    ['signed with a key the issuer does not publish', async () => connector.issuer.token('alice', connector.resource, { kid: 'next-key' })],
  ])('answers 401 invalid_token (never 500) to a token that is %s, without echoing it', async (_name, make) => {
    const token = await make();
    const response = await rawPost(connector.url, bearer(token));
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toContain('error="invalid_token"');
    expect(response.body).not.toContain(token);
    expect(response.headers['www-authenticate']).not.toContain(token);
  });

  it.each(['Basic YWxpY2U6c2VjcmV0', 'Bearer', 'Bearer  ', 'bearer a b c', 'Bearer \u00e9\u00e9'])('answers a malformed Authorization header (%j) 401', async (authorization) => {
    expect((await rawPost(connector.url, { authorization })).status).toBe(401);
  });

  it('ignores a valid token in the query string: 401, and the token is not echoed', async () => {
    const response = await rawPost(new URL(`${connector.url.href}?access_token=${connector.token}`), {});
    expect(response.status).toBe(401);
    expect(response.body).not.toContain(connector.token);
  });
});

describe('protected-resource metadata', () => {
  it.each(['/.well-known/oauth-protected-resource/mcp', '/.well-known/oauth-protected-resource'])('is served at %s', async (path) => {
    const response = await fetch(new URL(path, connector.url));
    expect(await response.json()).toMatchObject({ resource: connector.resource, authorization_servers: [connector.issuer.issuer], scopes_supported: ['openid'] });
  });
});

describe('behind a proxy: PUBLIC_URL with a path', () => {
  it('serves MCP, the challenge and the metadata at the prefixed resource', async () => {
    const prefixed = await startOAuthConnector({ issuer: connector.issuer, pathPrefix: '/connector' });
    try {
      const challenge = await rawPost(prefixed.url, {});
      expect(challenge.status).toBe(401);
      expect(challenge.headers['www-authenticate']).toContain(`resource_metadata="http://127.0.0.1:${prefixed.url.port}/.well-known/oauth-protected-resource/connector/mcp"`);
      const metadata = await (await fetch(new URL('/.well-known/oauth-protected-resource/connector/mcp', prefixed.url))).json();
      expect(metadata).toMatchObject({ resource: prefixed.resource });
      const client = await connect('modern', prefixed.url, prefixed.token);
      expect((await client.listTools()).tools.length).toBeGreaterThan(0);
      await client.close();
    } finally {
      await prefixed.stop();
    }
  });
});
