import { afterEach, describe, expect, it } from 'vitest';
import { behindLimiter, fixtureIdpLinter, hosted, SIGN_IN, signIn, type Answer } from '../helpers/idp/fixture-idp.js';
import { failedRules, hostedVerdicts } from '../helpers/run.js';
import { CLAUDE_AI, CLAUDE_COM } from '../helpers/idp/test-idp.js';

// One fixture IdP per scenario: each answers registered and unregistered redirect URIs the way one
// kind of IdP (or a limiter, WAF or wildcard in front of it) does. Only the redirect_uri differs
// between a callback and its control, so every verdict here rests on that difference.

const idp = fixtureIdpLinter();
afterEach(() => idp.close());
const lintAgainst = idp.lint;

describe('bare-status refusals, judged by the differential', () => {
  it.each([403, 400])('a bare %i with an empty body for unregistered URIs, a sign-in page for the callbacks: accepted', async (status) => {
    const { code, report } = await lintAgainst((_req, res, url) => (hosted(url) ? signIn(res) : res.writeHead(status).end()));
    expect(hostedVerdicts(report)).toEqual(['accepted', 'accepted']);
    expect(report.callbacks[0]?.evidence).toContain('before and after the callback');
    // Claude Code's unregistered loopback callbacks get exactly what the controls got.
    expect(report.callbacks.filter((c) => c.uri.startsWith('http://')).map((c) => c.verdict)).toEqual(['rejected', 'rejected']);
    expect(code).toBe(0);
  });

  it('a block that hits every request alike (a WAF 403) stays inconclusive: exit 3, never a pass', async () => {
    const { code, report } = await lintAgainst((_req, res) => res.writeHead(403, { 'content-type': 'text/html' }).end('<h1>Access denied</h1>'));
    expect(hostedVerdicts(report)).toEqual(['inconclusive', 'inconclusive']);
    expect(report.callbacks[0]?.evidence).toContain('the very answer its unregistered control got');
    expect(code).toBe(3);
  });

  it('a registered URI that reaches a JavaScript-only login page, an unregistered one a bare 400: accepted', async () => {
    const app = '<!DOCTYPE html><div id="root"></div><script src="/static/app.3f9a1c.js"></script>';
    const { code, report } = await lintAgainst((_req, res, url) =>
      hosted(url) ? res.writeHead(200, { 'content-type': 'text/html' }).end(app) : res.writeHead(400).end(),
    );
    expect(hostedVerdicts(report)).toEqual(['accepted', 'accepted']);
    expect(code).toBe(0);
  });
});

describe('order and repetition never decide', () => {
  /** An IdP that checks redirect_uri only after sign-in, behind a limiter that trips after `allowed` requests. */
  const limited = (allowed: number, refuse: Answer) => behindLimiter(allowed, signIn, refuse);

  it('a limiter refusing the later requests with a bare 400 is not evidence: exit 3, not accepted', async () => {
    const { code, report } = await lintAgainst(limited(6, (res) => res.writeHead(400).end()));
    expect(hostedVerdicts(report)).not.toContain('accepted');
    expect(code).toBe(3);
  });

  it('a limiter refusing the later requests with an OAuth error redirect is not evidence either', async () => {
    const { code, report } = await lintAgainst(limited(5, (res) => res.writeHead(302, { location: '/error?error=access_denied' }).end()));
    expect(hostedVerdicts(report)).not.toContain('accepted');
    expect(code).toBe(3);
  });

  it('a limiter refusing the first requests (the controls) and letting the later ones through is not evidence', async () => {
    let refused = 4;
    const { code, report } = await lintAgainst((_req, res, url) => {
      if (url.pathname === '/authorize' && refused-- > 0) return res.writeHead(400).end();
      return signIn(res);
    });
    expect(hostedVerdicts(report)).not.toContain('accepted');
    expect(report.callbacks.some((c) => c.evidence.includes('different answers before and after the callback'))).toBe(true);
    expect(code).toBe(3);
  });
});

describe('what an IdP names decides, the way it names it', () => {
  it('a wildcard on the claude.com host: both callbacks work, and the control the wildcard lets through fails redirect-control-rejected', async () => {
    const { code, report } = await lintAgainst((_req, res, url) => {
      const uri = url.searchParams.get('redirect_uri') ?? '';
      if (uri === CLAUDE_AI || uri.startsWith('https://claude.com/')) return signIn(res);
      return res.writeHead(400, { 'content-type': 'text/html' }).end('<p>Error 400: redirect_uri_mismatch</p>');
    });
    expect(hostedVerdicts(report)).toEqual(['accepted', 'accepted']);
    const controls = report.findings.filter((f) => f.ruleId === 'redirect-control-rejected');
    expect(controls.map((f) => String(f.data.redirectUri))).toEqual([expect.stringMatching(/^https:\/\/claude\.com\/api\/mcp\/auth_callback-connector-lint-/)]);
    expect(code).toBe(1);
  });

  it("Auth0's `unauthorized_client` \"Callback URL mismatch\" rejects that callback, not the client's code flow", async () => {
    const { code, report } = await lintAgainst((_req, res, url) => {
      const uri = url.searchParams.get('redirect_uri') ?? '';
      if (url.pathname === '/error') return res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Callback URL mismatch.</h1>');
      if (uri === CLAUDE_AI) return res.writeHead(302, { location: '/u/login/identifier?state=abc' }).end();
      if (url.pathname === '/u/login/identifier') return signIn(res);
      const description = `Callback URL mismatch. ${uri} is not in the list of allowed callback URLs`;
      return res.writeHead(302, { location: `/error?error=unauthorized_client&error_description=${encodeURIComponent(description)}` }).end();
    });
    expect(hostedVerdicts(report)).toEqual(['accepted', 'rejected']);
    expect(report.rules['client-not-credentials-only']?.status).toBe('passed');
    const com = report.findings.find((f) => f.ruleId === 'redirect-claude-com-accepted');
    expect(com?.message).toContain(`The IdP refused \`${CLAUDE_COM}\``);
    expect(code).toBe(1);
  });

  it('`invalid_request` naming `nonce` is not about the redirect URI: inconclusive, not "rejected like the control"', async () => {
    const { code, report } = await lintAgainst((_req, res) =>
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'invalid_request', error_description: 'nonce is required' })),
    );
    expect(hostedVerdicts(report)).toEqual(['inconclusive', 'inconclusive']);
    expect(report.callbacks[0]?.evidence).toContain('not about the redirect URI');
    expect(code).toBe(3);
  });

  it('a redirect to the URI sent carrying `error=redirect_uri_mismatch` rejects it, and the verdict and the message agree', async () => {
    const { code, report } = await lintAgainst((_req, res, url) => {
      const uri = url.searchParams.get('redirect_uri') ?? '';
      if (uri === CLAUDE_AI) return signIn(res);
      return res.writeHead(302, { location: `${uri}?error=redirect_uri_mismatch&state=${url.searchParams.get('state')}` }).end();
    });
    expect(hostedVerdicts(report)).toEqual(['accepted', 'rejected']);
    const com = report.findings.find((f) => f.ruleId === 'redirect-claude-com-accepted');
    expect(com?.severity).toBe('error');
    expect(com?.message).toContain('refused');
    expect(failedRules(report)).toContain('redirect-control-rejected');
    expect(code).toBe(1);
  });

  it('an open redirector for errors only (any URI gets an error redirect, the callbacks sign-in): accepted, and the open redirect fails', async () => {
    const { code, report } = await lintAgainst((_req, res, url) => {
      if (hosted(url)) return signIn(res);
      const uri = url.searchParams.get('redirect_uri') ?? '';
      return res.writeHead(302, { location: `${uri}?error=invalid_request&state=${url.searchParams.get('state')}` }).end();
    });
    expect(hostedVerdicts(report)).toEqual(['accepted', 'accepted']);
    expect(report.findings.find((f) => f.ruleId === 'redirect-control-rejected')?.severity).toBe('error');
    expect(code).toBe(1);
  });

  it("Google's 200 page naming redirect_uri_mismatch for every control decides, even when the sign-in page's script names it too", async () => {
    const script = '<script>var errors={"redirect_uri_mismatch":"…"}</script>';
    const { code, report } = await lintAgainst((_req, res, url) => {
      if (url.pathname === '/authorize') return res.writeHead(302, { location: hosted(url) ? '/signin/identifier' : '/signin/oauth/error?authError=Cg1' }).end();
      if (url.pathname === '/signin/identifier') return res.writeHead(200, { 'content-type': 'text/html' }).end(`${SIGN_IN}${script}`);
      return res.writeHead(200, { 'content-type': 'text/html' }).end(`<p>Error 400: redirect_uri_mismatch</p>${script}`);
    });
    expect(hostedVerdicts(report)).toEqual(['accepted', 'accepted']);
    expect(code).toBe(0);
  });
});

describe('prompt=none: definitive evidence from an OpenID provider that checks redirect_uri after sign-in', () => {
  it('a registered callback sent straight back with login_required (and iss) is accepted, and iss is checked', async () => {
    let issuer = '';
    const { code, report } = await lintAgainst(
      (_req, res, url) => {
        issuer = url.origin;
        if (url.searchParams.get('prompt') !== 'none') return signIn(res);
        if (!hosted(url)) return res.writeHead(400, { 'content-type': 'text/html' }).end('<p>Invalid request</p>');
        const back = new URL(url.searchParams.get('redirect_uri') ?? '');
        back.search = new URLSearchParams({ error: 'login_required', state: url.searchParams.get('state') ?? '', iss: issuer }).toString();
        return res.writeHead(302, { location: back.href }).end();
      },
      { scopes_supported: ['openid', 'profile'], authorization_response_iss_parameter_supported: true },
    );
    expect(hostedVerdicts(report)).toEqual(['accepted', 'accepted']);
    expect(report.callbacks[0]?.evidence).toContain('with `prompt=none` the IdP redirected to the callback with `error=login_required`');
    expect(report.rules['asm-iss-parameter']).toEqual({ status: 'passed' });
    expect(code).toBe(0);
  });
});
