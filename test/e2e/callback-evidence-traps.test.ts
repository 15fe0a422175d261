import { randomBytes, randomUUID } from 'node:crypto';
import type http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { Authorize } from '../helpers/fixture-server.js';
import { behindLimiter, fixtureIdpLinter, hosted, SIGN_IN, signIn, type Answer } from '../helpers/idp/fixture-idp.js';
import { hostedVerdicts } from '../helpers/run.js';
import { CLAUDE_AI, CLAUDE_COM } from '../helpers/idp/test-idp.js';
import type { Report } from '../../src/lint/types.js';

// Traps for the callback verdicts, found by an adversarial review: each fixture IdP reproduces one
// behaviour a real IdP, WAF, CDN, limiter or proxy has that could make connector-lint say `accepted`
// (exit 0) while Claude's sign-in fails (first blocks), or blame the wrong thing (last blocks).

const idp = fixtureIdpLinter();
afterEach(() => idp.close());
const lintAgainst = idp.lint;

/** The hosted callbacks' verdicts with their evidence: the failure message shows why. */
const hostedCallbacks = (report: Report) =>
  report.callbacks
    .filter((c) => c.uri.startsWith('https://'))
    .map((c) => `${c.client} ${c.uri}: ${c.verdict} (${c.evidence})`)
    .join('\n');

/** oidc-provider's page for an unregistered redirect_uri (names the code and `redirect_uri`). */
const invalidRedirectUri = (res: http.ServerResponse) =>
  res
    .writeHead(400, { 'content-type': 'text/html' })
    .end("<h1>oops! something went wrong</h1><pre>error: invalid_redirect_uri\nerror_description: redirect_uri did not match any of the client's registered redirect_uris</pre>");
/** An OpenID provider's answer to `prompt=none` for a URI it redirects to: back with an error, `state` and RFC 9207 `iss`. */
const silentBack = (res: http.ServerResponse, url: URL, error = 'login_required') => {
  const to = new URL(url.searchParams.get('redirect_uri') ?? '');
  to.search = new URLSearchParams({ error, state: url.searchParams.get('state') ?? '', iss: url.origin }).toString();
  res.writeHead(302, { location: to.href }).end();
};
const OPENID = { scopes_supported: ['openid', 'profile'], authorization_response_iss_parameter_supported: true };

describe('no false pass from a limiter or bot wall answering the later requests with a 2xx page or an off-host redirect', () => {
  /**
   * An IdP with NOTHING registered for the client (every redirect_uri refused, naming the redirect
   * URI), behind a rate-based rule that challenges instead of passing on from the `allowed`+1-th
   * authorization request of the same address. The 4 controls go first, the callbacks next, then
   * the controls again.
   */
  const behindChallenge = (allowed: number, challenge: Answer) => behindLimiter(allowed, invalidRedirectUri, challenge);

  it('an AWS-WAF-style 202 JavaScript challenge to the callbacks is not "went on to sign-in": with nothing registered, not accepted and not exit 0', async () => {
    const { code, report } = await lintAgainst(
      behindChallenge(4, (res) =>
        res
          .writeHead(202, { 'content-type': 'text/html' })
          .end('<!DOCTYPE html><title>Checking your browser</title><script src="https://abc.edge.sdk.awswaf.com/abc/def/challenge.js"></script><noscript>Enable JavaScript</noscript>'),
      ),
    );
    expect(code, hostedCallbacks(report)).not.toBe(0);
    expect(hostedVerdicts(report)).not.toContain('accepted');
  });

  it('a 302 to an off-host waiting room (Queue-it style) for the callbacks is not "went on to sign-in" either', async () => {
    const { code, report } = await lintAgainst(behindChallenge(4, (res) => res.writeHead(302, { location: 'https://example.queue-it.net/?c=example&e=login' }).end()));
    expect(code, hostedCallbacks(report)).not.toBe(0);
    expect(hostedVerdicts(report)).not.toContain('accepted');
  });
});

describe('no false pass from prompt=none evidence taken from a silent control that got no usable answer', () => {
  it('an OpenID provider that redirects EVERY redirect_uri on prompt=none, whose first silent answers are 503s (a cold start): not accepted, and not exit 0', async () => {
    let cold = 2; // the two silent controls, sent first, once, and never again
    const { code, report } = await lintAgainst((_req, res, url) => {
      if (url.searchParams.get('prompt') !== 'none') return signIn(res); // redirect_uri checked after sign-in
      if (cold-- > 0) return res.writeHead(503, { 'content-type': 'text/html' }).end('<h1>503 Service Unavailable</h1>');
      return silentBack(res, url); // no redirect_uri validation on prompt=none at all
    }, OPENID);
    expect(code, hostedCallbacks(report)).not.toBe(0);
    expect(hostedVerdicts(report)).not.toContain('accepted');
  });
});

describe("no false pass when Claude's own request lands on an IdP error page (2xx) naming another OAuth error", () => {
  /** Google's model (see callback-differential.test.ts): errors shown on a 200 page under /signin/oauth/error. */
  const googleLike: Authorize = (_req, res, url) => {
    if (url.pathname === '/authorize') {
      const scopes = (url.searchParams.get('scope') ?? '').split(' ');
      const error = !hosted(url) ? 'redirect_uri_mismatch' : scopes.some((s) => !['openid', 'email', 'profile'].includes(s)) ? 'invalid_scope' : '';
      return res.writeHead(302, { location: error ? `/signin/oauth/error?authError=${Buffer.from(error).toString('base64url')}` : '/signin/identifier' }).end();
    }
    if (url.pathname === '/signin/identifier') return signIn(res);
    const error = Buffer.from(url.searchParams.get('authError') ?? '', 'base64url').toString();
    return res.writeHead(200, { 'content-type': 'text/html' }).end(`<h1>Access blocked: authorization error</h1><p>Error 400: ${error}</p>`);
  };

  it('Google-style: both callbacks registered, but Claude asks for a scope the IdP does not know ("Error 400: invalid_scope" on a 200 page): not exit 0', async () => {
    const { code, report } = await lintAgainst(googleLike, {}, ['--client-id', 'c', '--scope', 'mcp:tools']);
    expect(code, hostedCallbacks(report)).not.toBe(0);
  });

  it('unregistered URIs refused with invalid_redirect_uri, other errors rendered on a 200 page: the callbacks on an invalid_scope page are not a pass', async () => {
    const { code, report } = await lintAgainst(
      (_req, res, url) => {
        if (!hosted(url)) return invalidRedirectUri(res);
        return res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Sign-in error</h1><p>invalid_scope: the requested scope is not allowed for this application</p>');
      },
      {},
      ['--client-id', 'c', '--scope', 'mcp:tools'],
    );
    expect(code, hostedCallbacks(report)).not.toBe(0);
  });

  it('prompt=none (sent with `openid` added) proves registration, but Claude\'s own request (without `openid`) lands on a 200 page naming invalid_scope: not exit 0', async () => {
    const { code, report } = await lintAgainst(
      (_req, res, url) => {
        if (url.searchParams.get('prompt') === 'none') return hosted(url) ? silentBack(res, url) : invalidRedirectUri(res);
        // An OpenID-only provider: requests without the openid scope get an error page, whatever their redirect_uri.
        if (!(url.searchParams.get('scope') ?? '').split(' ').includes('openid')) {
          return res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Sign-in error</h1><p>invalid_scope: the openid scope is required</p>');
        }
        return hosted(url) ? signIn(res) : invalidRedirectUri(res);
      },
      OPENID,
      ['--client-id', 'c', '--scope', 'mcp:tools'],
    );
    expect(code, hostedCallbacks(report)).not.toBe(0);
  });
});

describe('no false pass when the control request would be longer than the callback request', () => {
  /** IIS's default `maxQueryString`: a longer query string gets 404.15 before the IdP sees it. */
  const MAX_QUERY = 2048;

  /** The length of the query string of Claude's request for a redirect URI (state and PKCE challenge: 43 characters each). */
  function queryLength(redirectUri: string, scope: string): number {
    const x = 'x'.repeat(43);
    return new URLSearchParams({ response_type: 'code', client_id: 'c', redirect_uri: redirectUri, state: x, code_challenge: x, code_challenge_method: 'S256', scope }).toString().length;
  }

  it('a 2 KB query-string limit in front of an IdP that checks redirect_uri after sign-in: the controls (24 characters longer) get 404.15, the callbacks sign-in, and nothing proves registration', async () => {
    // A long scope list (Claude asks for every scope the server lists): the callbacks' requests fit
    // under the limit, their controls' do not.
    const all = Array.from({ length: 200 }, (_, i) => `files.read.${i}`).join(' ');
    const cut = all.slice(0, MAX_QUERY - queryLength(CLAUDE_COM, '') - 4);
    const scope = cut.slice(0, cut.lastIndexOf(' '));
    expect(queryLength(CLAUDE_COM, scope)).toBeLessThanOrEqual(MAX_QUERY);
    expect(queryLength(`${CLAUDE_AI}-connector-lint-0a1b2c3d`, scope)).toBeGreaterThan(MAX_QUERY);
    const { code, report } = await lintAgainst(
      (_req, res, url) => {
        if (url.search.length - 1 > MAX_QUERY) {
          return res
            .writeHead(404, { 'content-type': 'text/html' })
            .end('<h3>HTTP Error 404.15 - Not Found</h3><p>The request filtering module is configured to deny a request where the query string is too long.</p>');
        }
        return signIn(res); // Entra-like: every redirect_uri reaches sign-in and is checked afterwards
      },
      {},
      ['--client-id', 'c', '--scope', scope],
    );
    expect(code, hostedCallbacks(report)).not.toBe(0);
    expect(hostedVerdicts(report)).toEqual(['inconclusive', 'inconclusive']);
  });
});

describe('no wrong blame from per-request values that a body digest cannot mask (shorter than 16 characters, or base64 with + and /)', () => {
  /**
   * Keycloak's login page: the form action carries `session_code` (43 characters), `execution` (a
   * UUID) and `tab_id`, 8 random bytes in base64url: 11 characters, new on every request.
   */
  const keycloakLogin = (res: http.ServerResponse, url: URL) => {
    const action = `${url.origin}/realms/r/login-actions/authenticate?session_code=${randomBytes(32).toString('base64url')}&amp;execution=${randomUUID()}&amp;client_id=c&amp;tab_id=${randomBytes(8).toString('base64url')}`;
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end(`<!DOCTYPE html><title>Sign in to r</title><form id="kc-form-login" action="${action}" method="post"><input name="username"><input type="password" name="password"></form>`);
  };
  /** Keycloak's page for a redirect_uri that no Valid Redirect URI matches. */
  const keycloakInvalid = (res: http.ServerResponse) =>
    res.writeHead(400, { 'content-type': 'text/html' }).end('<!DOCTYPE html><title>Sign in to r</title><h1>We are sorry...</h1><p id="kc-error-message">Invalid parameter: redirect_uri</p>');

  it('Keycloak with Valid Redirect URIs `https://claude.ai/api/mcp/auth_callback` and `https://claude.com/*`: the wildcard is reported (exit 1), not blamed on "a limit or an outage"', async () => {
    const { code, report } = await lintAgainst((_req, res, url) => {
      const uri = url.searchParams.get('redirect_uri') ?? '';
      return uri === CLAUDE_AI || uri.startsWith('https://claude.com/') ? keycloakLogin(res, url) : keycloakInvalid(res);
    });
    const evidence = hostedCallbacks(report);
    expect(evidence).not.toContain('a limit or an outage');
    expect(hostedVerdicts(report), evidence).toEqual(['accepted', 'accepted']);
    const controls = report.findings.filter((f) => f.ruleId === 'redirect-control-rejected').map((f) => String(f.data.redirectUri));
    expect(controls, evidence).toEqual([expect.stringMatching(/^https:\/\/claude\.com\/api\/mcp\/auth_callback-connector-lint-/)]);
    expect(code).toBe(1);
  });

  it('a login page with a CSP nonce (16 random bytes, standard base64) for every redirect_uri: "checks redirect_uri only after sign-in", not "a limit or an outage"', async () => {
    const nonce = () => {
      for (;;) {
        const value = randomBytes(16).toString('base64'); // as helmet's docs and most servers make it
        if (/[+/]/.test(value)) return value; // half of all such nonces: + or / cut the run below 16 characters
      }
    };
    const { code, report } = await lintAgainst((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end(`<!DOCTYPE html><title>Sign in</title><script nonce="${nonce()}">window.boot()</script>${SIGN_IN}`),
    );
    const evidence = hostedCallbacks(report);
    expect(evidence).not.toContain('a limit or an outage');
    expect(evidence).toContain('checks redirect_uri only after sign-in');
    expect(code).toBe(3);
  });
});

describe("no wrong blame on Okta's refusal page, as observed (design/research/peers-and-idp-behavior.md)", () => {
  const oktaRefusal = (res: http.ServerResponse) =>
    res
      .writeHead(400, { 'content-type': 'text/html' })
      .end(
        "<!DOCTYPE html><title>Bad Request</title><h1>400 Bad Request</h1><p>Your request resulted in an error. The 'redirect_uri' parameter must be a Login redirect URI in the client app settings: https://example-admin.okta.com/admin/app/oidc_client/instance/0oa1b2c3d4E5f6G7h8i9#tab-general</p><p>Error Code: invalid_request</p>",
      );

  it("an Okta app with none of Claude's callbacks in its Sign-in redirect URIs: rejected for the redirect URI (exit 1), not blamed on a block that hits every request", async () => {
    const { code, report } = await lintAgainst((_req, res) => oktaRefusal(res));
    const evidence = hostedCallbacks(report);
    expect(evidence).not.toContain('a block that hits every request alike');
    expect(hostedVerdicts(report), evidence).toEqual(['rejected', 'rejected']);
    expect(code).toBe(1);
  });
});
