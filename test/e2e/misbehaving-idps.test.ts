import type http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { metadataFor, sendJson, startServer, type FixtureServer } from '../helpers/fixture-server.js';
import { lint, lintJson } from '../helpers/run.js';

const CLAUDE_AI = 'https://claude.ai/api/mcp/auth_callback';
const CLAUDE_COM = 'https://claude.com/api/mcp/auth_callback';

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Serves RFC 8414 metadata for itself and hands every other request to `authorize`. */
async function fixtureIdp(authorize: (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => void): Promise<string> {
  server = await startServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    if (url.pathname === '/.well-known/oauth-authorization-server') sendJson(res, 200, metadataFor(url.origin));
    else authorize(req, res, url);
  });
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
    expect(report.callbacks.map((c) => c.verdict)).toEqual(['inconclusive', 'inconclusive']);
    expect(code).toBe(1);
    expect(JSON.stringify(report)).not.toContain('code=abc');
  });

  it('an IdP that shows the same login page for every redirect_uri is inconclusive (exit 3), never a pass', async () => {
    const issuer = await fixtureIdp((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<form><input name="login"><input type="password"></form>');
    });
    const { code, report } = await lintJson(['--issuer', issuer, '--client-id', 'c']);
    expect(report.callbacks.map((c) => c.verdict)).toEqual(['inconclusive', 'inconclusive']);
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
    expect(report.callbacks.map((c) => c.verdict)).toEqual(['inconclusive', 'inconclusive']);
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
    expect(report.callbacks.map((c) => c.verdict)).toEqual(['accepted', 'accepted']);
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
    expect(report.callbacks.map((c) => c.verdict)).toEqual(['accepted', 'rejected']);
    expect(code).toBe(1);
  });

  it('a redirect to the callback itself, even carrying an error, proves the callback is registered', async () => {
    const issuer = await fixtureIdp((_req, res, url) => {
      const redirect = url.searchParams.get('redirect_uri') ?? '';
      if ([CLAUDE_AI, CLAUDE_COM].includes(redirect)) {
        res.writeHead(302, { location: `${redirect}?error=access_denied&state=s` }).end();
      } else {
        sendJson(res, 400, { error: 'invalid_request', error_description: 'bad redirect_uri' });
      }
    });
    const { code, report } = await lintJson(['--issuer', issuer, '--client-id', 'c']);
    expect(report.callbacks.map((c) => c.verdict)).toEqual(['accepted', 'accepted']);
    expect(code).toBe(0);
  });

  it('a login hosted on another domain counts as going on when the control was refused', async () => {
    const issuer = await fixtureIdp((_req, res, url) => {
      const redirect = url.searchParams.get('redirect_uri') ?? '';
      if ([CLAUDE_AI, CLAUDE_COM].includes(redirect)) res.writeHead(302, { location: 'https://login.example.net/u/login' }).end();
      else res.writeHead(400, { 'content-type': 'text/html' }).end('Callback URL mismatch');
    });
    const { report } = await lintJson(['--issuer', issuer, '--client-id', 'c']);
    expect(report.callbacks.map((c) => c.verdict)).toEqual(['accepted', 'accepted']);
    expect(report.exchanges.some((x) => x.url.startsWith('https://login.example.net'))).toBe(false);
  });

  it('rate limiting is inconclusive, not a rejection', async () => {
    const issuer = await fixtureIdp((_req, res) => {
      res.writeHead(429, { 'content-type': 'text/plain', 'retry-after': '60' }).end('slow down');
    });
    const { code, report } = await lintJson(['--issuer', issuer, '--client-id', 'c']);
    expect(report.callbacks.map((c) => c.verdict)).toEqual(['inconclusive', 'inconclusive']);
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
    expect(report.callbacks.map((c) => c.verdict)).toEqual(['inconclusive', 'inconclusive']);
    expect(report.callbacks[0]?.evidence).toContain('--scope');
    expect(code).toBe(3);
  });

  it('a refusal whose description names the redirect URI stays a rejection', async () => {
    const issuer = await fixtureIdp((_req, res) =>
      sendJson(res, 400, { error: 'invalid_request', error_description: 'The redirect_uri is not registered for this client' }),
    );
    const { code, report } = await lintJson(['--issuer', issuer, '--client-id', 'c']);
    expect(report.callbacks.map((c) => c.verdict)).toEqual(['rejected', 'rejected']);
    expect(code).toBe(1);
  });
});
