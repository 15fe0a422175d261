import http from 'node:http';
import { existsSync } from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { OAuthClientInformationMixed, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import { execa } from 'execa';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, generate, startProject } from '../helpers/generated.js';
import { startTestIdp, type TestIdp } from '../helpers/idp/test-idp.js';

const CHROMIUM = '/usr/bin/chromium';

/**
 * One user's OAuth client as the MCP SDK drives it; the "browser" step is a real headless Chromium
 * signing in through oidc-provider's login and consent pages.
 */
class BrowserSignIn implements OAuthClientProvider {
  #tokens?: OAuthTokens;
  #verifier = '';
  constructor(
    private readonly browser: Browser,
    private readonly user: string,
    readonly redirectUrl: string,
    private readonly codes: Map<string, string>,
  ) {}
  get clientMetadata() {
    return { redirect_uris: [this.redirectUrl], client_name: 'browser e2e', token_endpoint_auth_method: 'none' };
  }
  clientInformation(): OAuthClientInformationMixed {
    return { client_id: 'browser-e2e' };
  }
  tokens() {
    return this.#tokens;
  }
  saveTokens(tokens: OAuthTokens) {
    this.#tokens = tokens;
  }
  saveCodeVerifier(verifier: string) {
    this.#verifier = verifier;
  }
  codeVerifier() {
    return this.#verifier;
  }
  async redirectToAuthorization(url: URL): Promise<void> {
    const page = await this.browser.newPage();
    try {
      await page.goto(url.href);
      await page.fill('input[name=login]', this.user);
      await page.fill('input[name=password]', 'any-password');
      await page.click('button[type=submit]');
      await page.waitForSelector('button[type=submit]');
      await Promise.all([page.waitForURL(/\/callback\?/), page.click('button[type=submit]')]);
      const code = new URL(page.url()).searchParams.get('code');
      if (!code) throw new Error(`no code in ${page.url()}`);
      this.codes.set(this.user, code);
    } finally {
      await page.close();
    }
  }
}

// In CI the browser is required (.ci/run installs it); elsewhere the test runs where it is installed.
describe.runIf(existsSync(CHROMIUM) || process.env.CI)('the oauth template through a real browser sign-in', () => {
  let idp: TestIdp;
  let browser: Browser;
  let callback: http.Server;
  let redirectUrl: string;
  const codes = new Map<string, string>();

  beforeAll(async () => {
    const port = await freePort();
    redirectUrl = `http://127.0.0.1:${port}/callback`;
    callback = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('signed in'));
    await new Promise<void>((resolve) => callback.listen(port, '127.0.0.1', resolve));
    idp = await startTestIdp({
      clients: [
        {
          client_id: 'browser-e2e',
          application_type: 'native',
          redirect_uris: [redirectUrl],
          token_endpoint_auth_method: 'none',
          grant_types: ['authorization_code', 'refresh_token'],
          response_types: ['code'],
        },
      ],
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await idp?.close();
    callback?.closeAllConnections();
    await new Promise<void>((resolve) => callback?.close(() => resolve()));
  });

  it('signs two users in (PKCE, resource indicator); each sees only their own notes', { timeout: 120_000 }, async () => {
    const dir = await generate('oauth');
    await execa('node_modules/.bin/tsc', ['-p', 'tsconfig.json'], { cwd: dir });
    // The server requires OAUTH_SCOPES in every token: the scope the test IdP grants for this resource.
    const server = await startProject(dir, (port) => ({ OAUTH_ISSUER: idp.issuer, PUBLIC_URL: `http://127.0.0.1:${port}`, OAUTH_SCOPES: 'mcp:tools' }));
    idp.addResourceServer(server.url);
    try {
      const clients: Record<string, Client> = {};
      for (const user of ['alice', 'bob']) {
        const provider = new BrowserSignIn(browser, user, redirectUrl, codes);
        const first = new StreamableHTTPClientTransport(new URL(server.url), { authProvider: provider });
        await expect(new Client({ name: user, version: '0' }).connect(first)).rejects.toThrow(/Unauthorized/i);
        await first.finishAuth(codes.get(user) as string);
        const client = new Client({ name: user, version: '0' });
        await client.connect(new StreamableHTTPClientTransport(new URL(server.url), { authProvider: provider }));
        clients[user] = client;
      }
      await clients.alice?.callTool({ name: 'add_note', arguments: { note: 'alice only' } });
      expect(JSON.stringify(await clients.alice?.callTool({ name: 'list_notes', arguments: {} }))).toContain('alice only');
      expect(JSON.stringify(await clients.bob?.callTool({ name: 'list_notes', arguments: {} }))).not.toContain('alice only');
      for (const client of Object.values(clients)) await client.close();
    } finally {
      await server.stop();
    }
  });
});
