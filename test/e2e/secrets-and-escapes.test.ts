import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMAT_NAMES } from '../../src/lint/cli.js';
import { sendJson, startServer, type FixtureServer } from '../helpers/fixture-server.js';
import { lint } from '../helpers/run.js';

const CLIENT_SECRET = 'planted-client-secret-7c1e';
const ACCESS_TOKEN = 'planted-access-token-9d2f';
const CODE = 'planted-authorization-code-4b5a';
const ESCAPES = '\x1b]0;pwned\x07\x1b[31mred\x9b2J';

let server: FixtureServer;
let url: string;
/** Paths the linter asked for: proof that the secrets and escapes were served, not just absent. */
const requested = new Set<string>();

// One hostile server playing MCP server and IdP: it echoes every secret it is sent or can invent,
// and puts terminal escape sequences wherever a server-supplied string reaches the report.
beforeAll(async () => {
  server = await startServer((req, res) => {
    const origin = `http://${req.headers.host}`;
    const path = new URL(req.url ?? '/', origin);
    requested.add(path.pathname);
    if (path.pathname === '/mcp') {
      // Node refuses control characters in headers, so the escapes travel in the body and the Location.
      const sent = req.headers.authorization ?? '';
      res
        .writeHead(401, {
          'content-type': 'application/json',
          'www-authenticate': `Bearer error="invalid_token", error_description="echo ${sent.replace(/"/g, '')}", resource_metadata="${origin}/.well-known/oauth-protected-resource/mcp"`,
        })
        .end(JSON.stringify({ error: `invalid_token${ESCAPES}`, echo: sent }));
    } else if (path.pathname.startsWith('/.well-known/oauth-protected-resource')) {
      sendJson(res, 200, { resource: `${origin}/mcp`, authorization_servers: [origin] });
    } else if (path.pathname === '/.well-known/oauth-authorization-server') {
      sendJson(res, 200, {
        issuer: origin,
        authorization_endpoint: `${origin}/authorize`,
        token_endpoint: `${origin}/token`,
        registration_endpoint: `${origin}/register`,
        response_types_supported: ['code'],
        code_challenge_methods_supported: ['S256'],
      });
    } else if (path.pathname === '/register') {
      sendJson(res, 201, { client_id: `c${ESCAPES}`, client_secret: CLIENT_SECRET, registration_access_token: ACCESS_TOKEN, redirect_uris: [] });
    } else if (path.pathname === '/authorize') {
      const redirect = path.searchParams.get('redirect_uri') ?? '';
      const verifier = path.searchParams.get('code_challenge') ?? '';
      res.writeHead(302, { location: `${redirect}?code=${CODE}&code_verifier=${verifier}&client_secret=${CLIENT_SECRET}&access_token=${ACCESS_TOKEN}&error=${encodeURIComponent(ESCAPES)}` }).end();
    } else res.writeHead(404).end();
  });
  url = `${server.url}/mcp`;
});
afterAll(() => server.close());

describe.each(FORMAT_NAMES)('--format %s --verbose against a server that echoes secrets and escape sequences', (format) => {
  it('shows no secret, no authorization code or verifier value, and no raw escape sequence', async () => {
    const result = await lint([url, '--client-id', 'c', '--register', '--verbose', '--format', format], {
      CONNECTOR_CLIENT_SECRET: CLIENT_SECRET,
      CONNECTOR_ACCESS_TOKEN: ACCESS_TOKEN,
    });
    const all = result.stdout + result.stderr;
    expect(result.stdout.length).toBeGreaterThan(100);
    // The secrets were handed out: registration and the authorization redirect were reached.
    expect([...requested]).toEqual(expect.arrayContaining(['/mcp', '/register', '/authorize']));
    // The planted escapes reached the output, made visible instead of raw.
    expect(all).toMatch(/pwned/);
    for (const secret of [CLIENT_SECRET, ACCESS_TOKEN, CODE]) expect(all).not.toContain(secret);
    expect(all).not.toMatch(/code_verifier=(?!%5Bredacted%5D|\[redacted\])[^&\s"]/);
    expect(all).not.toMatch(/[\x07\x1b\x9b]/);
  });
});
