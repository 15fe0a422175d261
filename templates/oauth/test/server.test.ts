import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifier, discoverJwksUri, type AuthConfig } from '../src/auth.js';
import { createConnectorServer } from '../src/server.js';
import { createMcpServer, NotesStore } from '../src/tools.js';
import { connect, freePort, listen, rawPost } from './harness.js';
import { startTestIssuer } from './issuer.js';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

let issuer: Awaited<ReturnType<typeof startTestIssuer>>;
let auth: AuthConfig;
let url: URL;
let stop: () => Promise<void>;

beforeAll(async () => {
  issuer = await startTestIssuer();
  const port = await freePort();
  const resource = `http://127.0.0.1:${port}/mcp`;
  auth = { issuer: issuer.issuer, resource, audience: resource, scopes: ['openid'] };
  const verify = createVerifier(auth, await discoverJwksUri(auth.issuer));
  const store = new NotesStore();
  const server = createConnectorServer({ allowedHosts: ['127.0.0.1', 'localhost'], auth, verify, createMcpServer: () => createMcpServer('test', '0.0.0', store) });
  ({ url, stop } = await listen(server, port));
});
afterAll(async () => {
  await stop();
  await issuer.stop();
});

describe('without a valid token', () => {
  it('answers 401 with a challenge that points to the protected-resource metadata', async () => {
    const response = await rawPost(url, {});
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toContain(`resource_metadata="http://127.0.0.1:${url.port}/.well-known/oauth-protected-resource/mcp"`);
    expect(response.headers['www-authenticate']).toContain('scope="openid"');
  });

  it.each([
    ['garbage', async () => 'not.a.jwt'],
    ['unsigned (alg none)', async () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'alice', iss: issuer.issuer, aud: auth.resource, exp: Math.floor(Date.now() / 1000) + 300 })}.`],
    [
      'HS256-signed with the public key (algorithm confusion)',
      async () =>
        new SignJWT({ sub: 'alice' })
          .setProtectedHeader({ alg: 'HS256', kid: 'test-key' })
          .setIssuer(issuer.issuer)
          .setAudience(auth.resource)
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode(issuer.publicKeyPem)),
    ],
    ['not yet valid', async () => issuer.token('alice', auth.resource, { nbf: '10m' })],
    ['expired', async () => issuer.token('alice', auth.resource, { exp: Math.floor(Date.now() / 1000) - 60 })],
    ['for another resource', async () => issuer.token('alice', 'https://other.example.com/mcp')],
    ['from another issuer', async () => issuer.token('alice', auth.resource, { iss: 'https://evil.example.com' })],
  ])('answers 401 invalid_token (never 500) to a token that is %s, without echoing it', async (_name, make) => {
    const token = await make();
    const response = await rawPost(url, { authorization: `Bearer ${token}` });
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toContain('error="invalid_token"');
    expect(response.body).not.toContain(token);
  });
});

describe('tokens outside the Authorization header', () => {
  it('a valid token in the query string is ignored: 401, and the token is not echoed', async () => {
    const token = await issuer.token('alice', auth.resource);
    const response = await rawPost(new URL(`${url.href}?access_token=${token}`), {});
    expect(response.status).toBe(401);
    expect(response.body).not.toContain(token);
  });
});

describe('behind a proxy: PUBLIC_URL with a path', () => {
  it('serves MCP, the challenge and the metadata at the prefixed resource', async () => {
    const port = await freePort();
    const prefixed: AuthConfig = { ...auth, resource: `http://127.0.0.1:${port}/connector/mcp`, audience: `http://127.0.0.1:${port}/connector/mcp` };
    const server = createConnectorServer({
      allowedHosts: ['127.0.0.1'],
      auth: prefixed,
      verify: createVerifier(prefixed, await discoverJwksUri(prefixed.issuer)),
      createMcpServer: () => createMcpServer('test', '0.0.0', new NotesStore()),
    });
    const { url: root, stop: stopPrefixed } = await listen(server, port);
    try {
      const challenge = await rawPost(new URL('/connector/mcp', root), {});
      expect(challenge.status).toBe(401);
      expect(challenge.headers['www-authenticate']).toContain(`resource_metadata="http://127.0.0.1:${port}/.well-known/oauth-protected-resource/connector/mcp"`);
      const metadata = await (await fetch(new URL('/.well-known/oauth-protected-resource/connector/mcp', root))).json();
      expect(metadata).toMatchObject({ resource: prefixed.resource });
      const client = await connect(new URL('/connector/mcp', root), await issuer.token('carol', prefixed.resource));
      expect((await client.listTools()).tools.length).toBeGreaterThan(0);
      await client.close();
    } finally {
      await stopPrefixed();
    }
  });
});

describe('protected-resource metadata', () => {
  it.each(['/.well-known/oauth-protected-resource/mcp', '/.well-known/oauth-protected-resource'])('is served at %s', async (path) => {
    const response = await fetch(new URL(path, url));
    expect(await response.json()).toMatchObject({ resource: auth.resource, authorization_servers: [issuer.issuer] });
  });
});

describe('signed-in users', () => {
  it("keep their own notes: one user never sees another's", async () => {
    const alice = await connect(url, await issuer.token('alice', auth.resource));
    const bob = await connect(url, await issuer.token('bob', auth.resource));
    await alice.callTool({ name: 'add_note', arguments: { note: 'alice secret plan' } });
    expect(JSON.stringify(await alice.callTool({ name: 'list_notes', arguments: {} }))).toContain('alice secret plan');
    expect(JSON.stringify(await bob.callTool({ name: 'list_notes', arguments: {} }))).not.toContain('alice secret plan');
    const { tools } = await bob.listTools();
    for (const tool of tools) expect(tool.annotations?.readOnlyHint ?? tool.annotations?.destructiveHint).toBeDefined();
    await alice.close();
    await bob.close();
  });
});
