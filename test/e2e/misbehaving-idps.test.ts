import { afterEach, describe, expect, it } from 'vitest';
import { metadataFor, sendJson, startFixtureIdp, startServer, type Authorize, type FixtureServer } from '../helpers/fixture-server.js';
import { lint, lintJson, hostedVerdicts } from '../helpers/run.js';
import { CLAUDE_AI, CLAUDE_COM } from '../helpers/idp/test-idp.js';

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Serves RFC 8414 metadata for itself and hands every other request to `authorize`. */
async function fixtureIdp(authorize: Authorize): Promise<string> {
  server = await startFixtureIdp(authorize);
  return server.url;
}

describe('callback probe against IdPs no product shows on demand', () => {
  it('an IdP that redirects to any redirect_uri is an open redirector and proves nothing', async () => {
    const issuer = await fixtureIdp((_req, res, url) => {
      const target = url.searchParams.get('redirect_uri') ?? '';
      res.writeHead(302, { location: `${target}?code=abc&state=${url.searchParams.get('state')}` }).end();
    });
    const { code, report } = await lintJson(['--issuer', issuer, '--client-id', 'c']);
    expect(report.rules['redirect-control-rejected']?.status).toBe('failed');
    expect(hostedVerdicts(report)).toEqual(['inconclusive', 'inconclusive']);
    expect(code).toBe(1);
    expect(JSON.stringify(report)).not.toContain('code=abc');
  });

  it('an IdP that shows the same login page for every redirect_uri is inconclusive (exit 3), never a pass', async () => {
    const issuer = await fixtureIdp((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<form><input name="login"><input type="password"></form>');
    });
    const { code, report } = await lintJson(['--issuer', issuer, '--client-id', 'c']);
    expect(hostedVerdicts(report)).toEqual(['inconclusive', 'inconclusive']);
    expect(report.rules['redirect-claude-ai-accepted']?.status).toBe('inconclusive');
    expect(code).toBe(3);
  });

  it('a login page that validates only after sign-in, reached through on-IdP redirects with cookies, stays inconclusive', async () => {
    const issuer = await fixtureIdp((req, res, url) => {
      if (url.pathname === '/authorize') {
        res.writeHead(302, { location: '/login?flow=1', 'set-cookie': 'flow=1; Path=/' }).end();
      } else if (url.pathname === '/login' && req.headers.cookie === 'flow=1') {
        res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Sign in</h1>');
      } else {
        res.writeHead(400, { 'content-type': 'text/html' }).end('session lost');
      }
    });
    const { code, report } = await lintJson(['--issuer', issuer, '--client-id', 'c']);
    expect(hostedVerdicts(report)).toEqual(['inconclusive', 'inconclusive']);
    expect(code).toBe(3);
  });

  it('decides by the error page only the control reaches, wherever the marker sits in a large page', async () => {
    const registered = new Set([CLAUDE_AI, CLAUDE_COM]);
    const filler = 'x'.repeat(800_000);
    const issuer = await fixtureIdp((_req, res, url) => {
      if (url.pathname === '/authorize') {
        const ok = registered.has(url.searchParams.get('redirect_uri') ?? '');
        res.writeHead(302, { location: ok ? '/signin/identifier' : '/signin/oauth/error?authError=Cg1' }).end();
      } else if (url.pathname === '/signin/identifier') {
        res.writeHead(200, { 'content-type': 'text/html' }).end(`<html>${filler}<p>Sign in</p></html>`);
      } else {
        res.writeHead(200, { 'content-type': 'text/html' }).end(`<html>${filler}<p>Error 400: redirect_uri_mismatch</p></html>`);
      }
    });
    const { code, report } = await lintJson(['--issuer', issuer, '--client-id', 'c']);
    expect(hostedVerdicts(report)).toEqual(['accepted', 'accepted']);
    expect(code).toBe(0);
  });

  it('the same IdP with only the claude.ai callback registered rejects claude.com', async () => {
    const issuer = await fixtureIdp((_req, res, url) => {
      if (url.pathname === '/authorize') {
        const ok = url.searchParams.get('redirect_uri') === CLAUDE_AI;
        res.writeHead(302, { location: ok ? '/signin' : '/error?x=1' }).end();
      } else if (url.pathname === '/signin') {
        res.writeHead(200, { 'content-type': 'text/html' }).end('<p>Sign in</p>');
      } else {
        res.writeHead(200, { 'content-type': 'text/html' }).end('<p>redirect_uri_mismatch</p>');
      }
    });
    const { code, report } = await lintJson(['--issuer', issuer, '--client-id', 'c']);
    expect(hostedVerdicts(report)).toEqual(['accepted', 'rejected']);
    expect(code).toBe(1);
  });

  it('a redirect to the callback itself proves it is registered, and an error it carries fails the run', async () => {
    const issuer = await fixtureIdp((_req, res, url) => {
      const redirect = url.searchParams.get('redirect_uri') ?? '';
      if ([CLAUDE_AI, CLAUDE_COM].includes(redirect)) {
        res.writeHead(302, { location: `${redirect}?error=access_denied&state=s` }).end();
      } else {
        sendJson(res, 400, { error: 'invalid_request', error_description: 'bad redirect_uri' });
      }
    });
    const { code, report } = await lintJson(['--issuer', issuer, '--client-id', 'c']);
    expect(hostedVerdicts(report)).toEqual(['accepted', 'accepted']);
    const errors = report.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => [f.ruleId, f.data.error])).toEqual([
      ['redirect-claude-ai-accepted', 'access_denied'],
      ['redirect-claude-com-accepted', 'access_denied'],
    ]);
    expect(code).toBe(1);
  });

  it('a login hosted on another domain counts as going on when the control was refused', async () => {
    const issuer = await fixtureIdp((_req, res, url) => {
      const redirect = url.searchParams.get('redirect_uri') ?? '';
      if ([CLAUDE_AI, CLAUDE_COM].includes(redirect)) res.writeHead(302, { location: 'https://login.example.net/u/login' }).end();
      else res.writeHead(400, { 'content-type': 'text/html' }).end('Callback URL mismatch');
    });
    const { report } = await lintJson(['--issuer', issuer, '--client-id', 'c']);
    expect(hostedVerdicts(report)).toEqual(['accepted', 'accepted']);
    expect(report.exchanges.some((x) => x.url.startsWith('https://login.example.net'))).toBe(false);
  });

  it('rate limiting is inconclusive, not a rejection', async () => {
    const issuer = await fixtureIdp((_req, res) => {
      res.writeHead(429, { 'content-type': 'text/plain', 'retry-after': '60' }).end('slow down');
    });
    const { code, report } = await lintJson(['--issuer', issuer, '--client-id', 'c']);
    expect(hostedVerdicts(report)).toEqual(['inconclusive', 'inconclusive']);
    expect(code).toBe(3);
  });

  it('strips terminal escape sequences a server puts in its answers', async () => {
    const issuer = await fixtureIdp((_req, res) => {
      res.writeHead(302, { location: '/err?error=%1B%5D0%3Bpwned%07%1B%5B31mevil' }).end();
    });
    const { stdout } = await lint(['--issuer', issuer, '--client-id', 'c']);
    expect(stdout).not.toContain('\x1b');
    expect(stdout).not.toContain('\x07');
    expect(stdout).toContain('\\x1b');
  });
});

describe('endpoint latency', () => {
  it('warns when metadata discovery takes more than 3 s', async () => {
    server = await startServer((req, res) => {
      setTimeout(() => sendJson(res, 200, metadataFor(`http://${req.headers.host}`)), 3200);
    });
    const { report } = await lintJson(['--issuer', server.url]);
    const finding = report.findings.find((f) => f.ruleId === 'endpoint-latency');
    expect(finding?.severity).toBe('warning');
    expect(Number(finding?.data.ms)).toBeGreaterThan(3000);
  });
});

describe('refusals that are not about the redirect URI', () => {
  it('an IdP that refuses the scope before it looks at redirect_uri is inconclusive, pointing at --scope', async () => {
    const issuer = await fixtureIdp((_req, res) => sendJson(res, 400, { error: 'invalid_scope', error_description: 'unknown scope mcp:admin' }));
    const { code, report } = await lintJson(['--issuer', issuer, '--client-id', 'c']);
    expect(hostedVerdicts(report)).toEqual(['inconclusive', 'inconclusive']);
    expect(report.callbacks[0]?.evidence).toContain('--scope');
    expect(code).toBe(3);
  });

  it('a refusal whose description names the redirect URI stays a rejection', async () => {
    const issuer = await fixtureIdp((_req, res) =>
      sendJson(res, 400, { error: 'invalid_request', error_description: 'The redirect_uri is not registered for this client' }),
    );
    const { code, report } = await lintJson(['--issuer', issuer, '--client-id', 'c']);
    expect(hostedVerdicts(report)).toEqual(['rejected', 'rejected']);
    expect(code).toBe(1);
  });
});

describe('evidence that must not decide', () => {
  it('a control refused with temporarily_unavailable proves nothing about the callbacks', async () => {
    const issuer = await fixtureIdp((_req, res, url) => {
      const redirect = url.searchParams.get('redirect_uri') ?? '';
      if ([CLAUDE_AI, CLAUDE_COM].includes(redirect)) res.writeHead(200, { 'content-type': 'text/html' }).end('<p>Sign in</p>');
      else sendJson(res, 400, { error: 'temporarily_unavailable' });
    });
    const { code, report } = await lintJson(['--issuer', issuer, '--client-id', 'c']);
    expect(hostedVerdicts(report)).toEqual(['inconclusive', 'inconclusive']);
    expect(code).toBe(3);
  });

  it('an OAuth code inside the sign-in page script of the control only is not evidence', async () => {
    const issuer = await fixtureIdp((_req, res, url) => {
      const redirect = url.searchParams.get('redirect_uri') ?? '';
      const script = [CLAUDE_AI, CLAUDE_COM].includes(redirect) ? '' : '<script>var e={"x":"access_denied"}</script>';
      res.writeHead(200, { 'content-type': 'text/html' }).end(`<p>Sign in</p>${script}`);
    });
    const { code, report } = await lintJson(['--issuer', issuer, '--client-id', 'c']);
    expect(hostedVerdicts(report)).toEqual(['inconclusive', 'inconclusive']);
    expect(code).toBe(3);
  });

  it('a sign-in page whose script names redirect_uri_mismatch for every request does not reject', async () => {
    const issuer = await fixtureIdp((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<p>Sign in</p><script>var i18n={"redirect_uri_mismatch":"Wrong URL"}</script>');
    });
    const { code, report } = await lintJson(['--issuer', issuer, '--client-id', 'c']);
    expect(hostedVerdicts(report)).toEqual(['inconclusive', 'inconclusive']);
    expect(code).toBe(3);
  });

  it('Cognito-style redirect to its own error page with redirect_mismatch rejects', async () => {
    const issuer = await fixtureIdp((_req, res, url) => {
      if (url.pathname === '/error') res.writeHead(200, { 'content-type': 'text/html' }).end('An error was encountered with the requested page.');
      else res.writeHead(302, { location: '/error?error=redirect_mismatch&client_id=c' }).end();
    });
    const { code, report } = await lintJson(['--issuer', issuer, '--client-id', 'c']);
    expect(hostedVerdicts(report)).toEqual(['rejected', 'rejected']);
    expect(code).toBe(1);
  });

  it('a wildcard on the claude.com host is caught by its own control', async () => {
    const issuer = await fixtureIdp((_req, res, url) => {
      const redirect = url.searchParams.get('redirect_uri') ?? '';
      if (redirect === CLAUDE_AI || redirect.startsWith('https://claude.com/')) res.writeHead(302, { location: `${redirect}?code=x` }).end();
      else res.writeHead(400, { 'content-type': 'text/html' }).end('Invalid parameter: redirect_uri');
    });
    const { code, report } = await lintJson(['--issuer', issuer, '--client-id', 'c']);
    expect(hostedVerdicts(report)).toEqual(['accepted', 'inconclusive']);
    const control = report.findings.find((f) => f.ruleId === 'redirect-control-rejected');
    expect(String(control?.data.redirectUri)).toMatch(/^https:\/\/claude\.com\/api\/mcp\/auth_callback-connector-lint-/);
    expect(code).toBe(1);
  });

  it('a 400 page that embeds the request as JSON does not make the client look client-credentials-only', async () => {
    const issuer = await fixtureIdp((_req, res, url) => {
      const redirect = url.searchParams.get('redirect_uri');
      if (redirect === CLAUDE_AI || redirect === CLAUDE_COM) res.writeHead(200, { 'content-type': 'text/html' }).end('<p>Sign in</p>');
      else res.writeHead(400, { 'content-type': 'text/html' }).end('<p>invalid_request</p><script>var req={"response_type":"code"}</script>');
    });
    const { report } = await lintJson(['--issuer', issuer, '--client-id', 'c']);
    expect(report.rules['client-not-credentials-only']?.status).toBe('passed');
    expect(hostedVerdicts(report)).toEqual(['accepted', 'accepted']);
  });

  it('sends the RFC 8707 resource given with --resource', async () => {
    const resources: (string | null)[] = [];
    const issuer = await fixtureIdp((_req, res, url) => {
      resources.push(url.searchParams.get('resource'));
      res.writeHead(400).end();
    });
    const { report } = await lintJson(['--issuer', issuer, '--client-id', 'c', '--resource', 'https://mcp.example.com/mcp']);
    expect(resources.length).toBe(report.exchanges.filter((x) => x.probe === 'redirectUris').length);
    expect(new Set(resources)).toEqual(new Set(['https://mcp.example.com/mcp']));
  });
});

describe('metadata the probe must survive', () => {
  it('an upper-case scheme in authorization_endpoint is probed, not a crash', async () => {
    server = await startServer((req, res) => {
      const origin = `http://${req.headers.host}`;
      if (req.url?.startsWith('/.well-known/oauth-authorization-server')) {
        sendJson(res, 200, metadataFor(origin, { authorization_endpoint: `HTTP://${req.headers.host}/authorize` }));
      } else res.writeHead(400).end();
    });
    const result = await lint(['--issuer', server.url, '--client-id', 'c']);
    expect(result.stderr).toBe('');
    // Every request gets the same bare 400: nothing tells the callbacks from their controls.
    expect(result.code).toBe(3);
  });

  it('a registration answer with an empty client_id is a finding, and the client is still deleted', async () => {
    let deleted = false;
    server = await startServer((req, res) => {
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
      if (url.pathname === '/.well-known/oauth-authorization-server') {
        sendJson(res, 200, metadataFor(url.origin, { registration_endpoint: `${url.origin}/register` }));
      } else if (url.pathname === '/register' && req.method === 'POST') {
        sendJson(res, 201, { client_id: '', registration_client_uri: `${url.origin}/register/x`, registration_access_token: 'rat-secret-value' });
      } else if (url.pathname === '/register/x' && req.method === 'DELETE') {
        deleted = true;
        res.writeHead(204).end();
      } else res.writeHead(404).end();
    });
    const result = await lint(['--issuer', server.url, '--register', '--format', 'json']);
    const report = JSON.parse(result.stdout);
    expect(report.rules['dcr-accepts-claude-registration'].status).toBe('failed');
    expect(deleted).toBe(true);
    expect(result.stdout).not.toContain('rat-secret-value');
    expect(result.code).toBe(1);
  });
});

describe('--register where nothing can be registered', () => {
  it("is incomplete (exit 3), not a pass, when the only client left, Claude's CIMD client, gets no usable answer", async () => {
    server = await startServer((req, res) => {
      const origin = `http://${req.headers.host}`;
      if (req.url === '/.well-known/oauth-authorization-server') {
        sendJson(res, 200, metadataFor(origin, { client_id_metadata_document_supported: true, token_endpoint_auth_methods_supported: ['none'] }));
      } else res.writeHead(404).end();
    });
    const { code, report } = await lintJson(['--issuer', server.url, '--register']);
    // Nothing to register, but Claude would use CIMD here: its client is probed, and every request gets a bare 404.
    expect(hostedVerdicts(report, 'cimd')).toEqual(['inconclusive', 'inconclusive']);
    expect(report.findings.find((f) => f.ruleId === 'redirect-claude-ai-accepted')?.severity).toBe('warning');
    expect(code).toBe(3);
  });
});
