import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  answerKey,
  classifyChain,
  CREDENTIALS_ONLY_CODES,
  landing,
  REDIRECT_CODES,
  refusalReason,
  type OutcomeKind,
  type RefusalReason,
} from '../../../src/lint/judgement/chain-outcome.js';
import { CLAUDE_AI_CALLBACK } from '../../../src/lint/judgement/claude.js';
import { followChain } from '../../../src/lint/probes/authorization-request.js';
import { HttpClient } from '../../../src/lint/transport/http.js';
import type { CandidateProbe, CandidateRole, Hop } from '../../../src/lint/types.js';
import { AI_CONTROL_URI, candidate, chains as c, IDP, type Chain, type HopSpec } from '../../helpers/facts/chains.js';
import { startServer, type FixtureServer } from '../../helpers/fixture-server.js';

const onIdp: Chain = () => ({ hops: [{ status: 302, location: `${IDP}/authorize?error=invalid_request&state=s`, error: 'invalid_request' }] });
const offIdp: Chain = () => ({ hops: [{ status: 302, location: 'https://login.live.com/oauth20' }], stop: 'left-idp' });
const looping: Chain = () => ({ hops: Array.from({ length: 6 }, (_, i) => ({ status: 302, location: `${IDP}/loop/${i}` })), stop: 'hop-limit' });
const mismatch = c.googlePage(['redirect_uri_mismatch']);
/** One hop, as the probe records it. */
const single =
  (hop: HopSpec): Chain =>
  () => ({ hops: [hop] });

describe('classifyChain', () => {
  it.each<[string, CandidateRole, Chain, OutcomeKind, string | undefined, string[]]>([
    ['a redirect to the redirect_uri with a code', 'claude-ai', c.toRedirectUri(), 'to-redirect-uri', undefined, []],
    ['a redirect to the redirect_uri with error=access_denied', 'claude-ai', c.toRedirectUri('access_denied'), 'to-redirect-uri', 'access_denied', ['access_denied']],
    ['a redirect to the redirect_uri with error=login_required (prompt=none)', 'claude-ai', c.toRedirectUri('login_required'), 'to-redirect-uri', 'login_required', ['login_required']],
    ['a redirect to the redirect_uri with error=server_error', 'claude-ai', c.toRedirectUri('server_error'), 'to-redirect-uri', 'server_error', ['server_error']],
    // RFC 6749 §4.1.2.1 forbids redirecting to an invalid URI; one that says so refuses the URI sent.
    ['a redirect to the redirect_uri with error=redirect_uri_mismatch', 'claude-ai', c.toRedirectUri('redirect_uri_mismatch'), 'refused', 'redirect_uri_mismatch', ['redirect_uri_mismatch']],
    ['a redirect to the redirect_uri with error=invalid_redirect_uri', 'claude-com', c.toRedirectUri('invalid_redirect_uri'), 'refused', 'invalid_redirect_uri', ['invalid_redirect_uri']],
    ['a redirect to the redirect_uri with error=redirect_mismatch', 'claude-ai-control', c.toRedirectUri('redirect_mismatch'), 'refused', 'redirect_mismatch', ['redirect_mismatch']],
    ['a redirect to the claude.ai control URI', 'claude-ai-control', c.toRedirectUri(), 'to-redirect-uri', undefined, []],
    ['a redirect to the claude.com control URI', 'claude-com-control', c.toRedirectUri(), 'to-redirect-uri', undefined, []],
    ['a redirect to a loopback callback on the port sent', 'loopback-localhost', c.toRedirectUri(), 'to-redirect-uri', undefined, []],
    ['400 page naming invalid_redirect_uri', 'claude-ai', c.invalidRedirectUri, 'refused', undefined, ['invalid_redirect_uri']],
    ['400 JSON error', 'client-default', c.jsonError('unauthorized_client'), 'refused', 'unauthorized_client', ['unauthorized_client']],
    ['200 JSON error', 'claude-ai', c.jsonError('invalid_request', 200), 'refused', 'invalid_request', ['invalid_request']],
    ['401 with an OAuth error', 'claude-ai', c.jsonError('invalid_client', 401), 'refused', 'invalid_client', ['invalid_client']],
    ['an on-IdP redirect carrying error=', 'claude-ai', onIdp, 'refused', 'invalid_request', ['invalid_request']],
    ['Cognito: an on-IdP redirect to /error?error=redirect_mismatch', 'claude-ai', c.onIdpError('redirect_mismatch'), 'refused', 'redirect_mismatch', ['redirect_mismatch']],
    // A bare refusal is a refusal: what it means is for the differential to tell.
    ['403 without an OAuth error (a WAF)', 'claude-ai', c.status(403), 'refused', undefined, []],
    ['401 without an OAuth error', 'claude-ai', c.status(401), 'refused', undefined, []],
    ['403 with an empty body', 'claude-ai', c.empty(403), 'refused', undefined, []],
    ['400 with an empty body', 'claude-ai-control', c.empty(400), 'refused', undefined, []],
    ['400 JSON server_error', 'claude-ai', c.jsonError('server_error'), 'unavailable', 'server_error', ['server_error']],
    ['200 JSON temporarily_unavailable', 'claude-ai', c.jsonError('temporarily_unavailable', 200), 'unavailable', 'temporarily_unavailable', ['temporarily_unavailable']],
    ['an on-IdP redirect carrying error=slow_down', 'claude-ai', c.onIdpError('slow_down'), 'unavailable', 'slow_down', ['slow_down']],
    ['an on-IdP redirect carrying error=server_error', 'claude-ai-control', c.onIdpError('server_error'), 'unavailable', 'server_error', ['server_error']],
    ['oidc-provider interaction page', 'claude-ai', c.interaction, 'page', undefined, []],
    ['a sign-in page', 'claude-ai', c.entraPage, 'page', undefined, []],
    ['a login page rendered by JavaScript', 'claude-ai', c.jsLoginPage, 'page', undefined, []],
    ['a 200 page naming redirect_uri_mismatch', 'claude-ai-control', mismatch, 'page', undefined, ['redirect_uri_mismatch']],
    ['a redirect to another host', 'claude-ai', offIdp, 'left-idp', undefined, []],
    ['408', 'claude-ai', c.status(408), 'unavailable', undefined, []],
    ['429', 'claude-ai', c.status(429), 'unavailable', undefined, []],
    ['500', 'claude-ai', c.status(500), 'unavailable', undefined, []],
    ['503 with a JSON error', 'claude-ai', c.jsonError('temporarily_unavailable', 503), 'unavailable', 'temporarily_unavailable', ['temporarily_unavailable']],
    ['the hop limit', 'claude-ai', looping, 'unavailable', undefined, []],
    ['a connection failure', 'claude-ai', c.failure('refused'), 'failed', undefined, []],
    ['no hops at all', 'claude-ai', () => ({ hops: [] }), 'failed', undefined, []],
  ])('%s', (_name, role, chain, kind, error, codes) => {
    const outcome = classifyChain(candidate(role, chain));
    expect(outcome.kind).toBe(kind);
    expect(outcome.error).toBe(error);
    expect(outcome.codes).toEqual(codes);
  });

  it('keeps the hop that redirected to the redirect_uri, even when it refuses the URI', () => {
    const accepted = candidate('claude-ai', c.toRedirectUri('access_denied'));
    const refused = candidate('claude-ai', c.toRedirectUri('redirect_uri_mismatch'));
    expect(classifyChain(accepted).redirect).toBe(accepted.hops[0]);
    expect(classifyChain(refused).redirect).toBe(refused.hops[0]);
    expect(classifyChain(candidate('claude-ai', c.invalidRedirectUri)).redirect).toBeUndefined();
  });

  it('does not take a redirect to the same path on another origin for the redirect_uri', () => {
    const chain: Chain = () => ({ hops: [{ status: 302, location: 'https://evil.example/api/mcp/auth_callback?code=x' }], stop: 'left-idp' });
    expect(classifyChain(candidate('claude-ai', chain)).kind).toBe('left-idp');
  });

  it('does not take a redirect to a loopback callback on another port for the redirect_uri', () => {
    const chain: Chain = () => ({ hops: [{ status: 302, location: 'http://localhost:40000/callback?code=x' }], stop: 'left-idp' });
    expect(classifyChain(candidate('loopback-localhost', chain)).kind).toBe('left-idp');
  });

  it.each<[CandidateRole, string]>([
    ['claude-ai', 'https://claude.ai/api/mcp/auth_callback-connector-lint-0a1b2c3d?code=x'],
    ['claude-com', 'https://claude.com/api/mcp/auth_callback-connector-lint-4e5f6a7b?code=x'],
    ['claude-com', 'https://claude.ai/api/mcp/auth_callback?code=x'],
  ])("does not take a redirect to %s's control or sibling (%s) for the callback", (role, location) => {
    const chain: Chain = () => ({ hops: [{ status: 302, location }], stop: 'left-idp' });
    expect(classifyChain(candidate(role, chain)).kind).toBe('left-idp');
  });

  it('takes a redirect to another (registered) callback carrying error=redirect_uri_mismatch for a refusal', () => {
    const chain: Chain = () => ({
      hops: [{ status: 302, location: `${CLAUDE_AI_CALLBACK}?error=redirect_uri_mismatch&state=s`, error: 'redirect_uri_mismatch' }],
      stop: 'left-idp',
    });
    const outcome = classifyChain(candidate('claude-com', chain));
    expect(outcome.kind).toBe('refused');
    expect(outcome.redirect).toBeUndefined();
  });

  it('collects the codes of every hop, sorted and without duplicates', () => {
    const chain: Chain = () => ({
      hops: [
        { status: 302, location: `${IDP}/e?error=invalid_request`, error: 'invalid_request' },
        { status: 400, bodyCodes: ['redirect_uri_mismatch', 'invalid_request'] },
      ],
    });
    expect(classifyChain(candidate('claude-ai', chain)).codes).toEqual(['invalid_request', 'redirect_uri_mismatch']);
  });

  it('summarises the chain hop by hop', () => {
    expect(classifyChain(candidate('claude-ai', c.interaction)).summary).toBe('303 → idp.example.com/interaction/uid-1, 200');
    expect(classifyChain(candidate('claude-ai', c.failure('timeout'))).summary).toBe('no answer: timeout after 10000 ms');
  });

  it('says a bare refusal carried no OAuth error', () => {
    expect(classifyChain(candidate('claude-ai', c.empty(403))).summary).toBe('403 (no OAuth error)');
    expect(classifyChain(candidate('claude-ai', c.jsonError('access_denied', 403))).summary).toBe('403 `access_denied`');
  });

  it('escapes control characters an IdP puts in its error', () => {
    const summary = classifyChain(candidate('claude-ai', c.jsonError('bad\u001b[31m'))).summary;
    expect(summary).not.toContain('\u001b');
    expect(summary).toContain('\\x1b');
  });
});

describe('REDIRECT_CODES and CREDENTIALS_ONLY_CODES', () => {
  it('hold the codes that only mean "redirect URI not registered", Cognito\'s included', () => {
    expect([...REDIRECT_CODES].sort()).toEqual(['invalid_redirect_uri', 'redirect_mismatch', 'redirect_uri_mismatch']);
  });

  it('hold the codes that refuse the client the code flow', () => {
    expect([...CREDENTIALS_ONLY_CODES].sort()).toEqual(['unauthorized_client', 'unsupported_response_type']);
  });
});

describe('refusalReason', () => {
  const described = (error: string, errorDescription: string, bodyMentions: string[] = []) => c.jsonError(error, 400, bodyMentions, errorDescription);
  const errorPage = (error: string, pageMentions: string[]): Chain => c.onIdpError(error, undefined, pageMentions);
  it.each<[string, Chain, RefusalReason]>([
    // The redirect URI: a redirect-URI code, or words naming the redirect URI or the callback.
    ['oidc-provider: a 400 page naming invalid_redirect_uri', c.invalidRedirectUri, 'redirect'],
    ['a JSON redirect_uri_mismatch', c.jsonError('redirect_uri_mismatch'), 'redirect'],
    ['Cognito: error=redirect_mismatch on the IdP', c.onIdpError('redirect_mismatch'), 'redirect'],
    ['a redirect to the URI sent with error=redirect_uri_mismatch', c.toRedirectUri('redirect_uri_mismatch'), 'redirect'],
    ['Auth0: unauthorized_client, "Callback URL mismatch"', c.onIdpError('unauthorized_client', 'Callback URL mismatch.'), 'redirect'],
    ['invalid_request describing the redirect_uri', described('invalid_request', 'redirect_uri is not registered for this client'), 'redirect'],
    ['invalid_scope describing the callback', described('invalid_scope', 'unknown callback'), 'redirect'],
    ['unsupported_response_type describing the redirect URI', described('unsupported_response_type', 'Invalid redirect URI'), 'redirect'],
    ['a 400 page whose prose names redirect_uri, no OAuth error', single({ status: 400, contentType: 'text/html', bodyMentions: ['redirect_uri'] }), 'redirect'],
    ['a 200 page naming redirect_uri_mismatch (Google)', mismatch, 'redirect'],
    ['an error redirect with invalid_request to a page whose prose names redirect_uri', errorPage('invalid_request', ['redirect_uri']), 'redirect'],
    ['invalid_scope with a page whose prose names redirect_uri', c.jsonError('invalid_scope', 400, ['redirect_uri']), 'redirect'],
    // Another parameter.
    ['invalid_scope', c.jsonError('invalid_scope'), 'other'],
    ['invalid_target', c.jsonError('invalid_target'), 'other'],
    ['invalid_scope on an on-IdP redirect', c.onIdpError('invalid_scope'), 'other'],
    ['invalid_request naming state', described('invalid_request', 'Invalid state parameter'), 'other'],
    ['invalid_request naming nonce', described('invalid_request', 'nonce is required'), 'other'],
    ['invalid_request naming scope', described('invalid_request', 'scope must contain openid'), 'other'],
    ['invalid_request naming code_challenge', described('invalid_request', 'code_challenge required'), 'other'],
    ['invalid_request naming resource', described('invalid_request', 'resource indicator not allowed'), 'other'],
    ['a 400 page naming only invalid_scope', single({ status: 400, contentType: 'text/html', bodyCodes: ['invalid_scope'] }), 'other'],
    // The client.
    ['invalid_client', c.jsonError('invalid_client'), 'client'],
    ['unauthorized_client', c.jsonError('unauthorized_client'), 'client'],
    ['unsupported_response_type', c.jsonError('unsupported_response_type'), 'client'],
    ['invalid_request naming response_type', described('invalid_request', 'response_type not supported'), 'client'],
    ['invalid_request naming client_id', described('invalid_request', 'missing client_id'), 'client'],
    ['a 400 page naming unauthorized_client', single({ status: 400, contentType: 'text/html', bodyCodes: ['unauthorized_client'] }), 'client'],
    ['a 400 page naming invalid_request and response_type in prose', single({ status: 400, bodyCodes: ['invalid_request'], bodyMentions: ['response_type'] }), 'client'],
    // Nothing it names: only a differential can tell.
    ['a bare 403', c.status(403), 'unexplained'],
    ['a 403 with an empty body', c.empty(403), 'unexplained'],
    ['a 400 with an empty body', c.empty(400), 'unexplained'],
    ['a bare 401', c.status(401), 'unexplained'],
    ['access_denied', c.jsonError('access_denied'), 'unexplained'],
    ['invalid_request without a description', c.jsonError('invalid_request'), 'unexplained'],
    ['invalid_request with a description naming no parameter', described('invalid_request', 'Bad request'), 'unexplained'],
    ['an unknown code', c.jsonError('vendor_specific_error'), 'unexplained'],
    ['an on-IdP redirect with error=access_denied', c.onIdpError('access_denied'), 'unexplained'],
  ])('%s', (_name, chain, reason) => {
    const probe = candidate('claude-ai', chain);
    expect(refusalReason(probe, classifyChain(probe))).toBe(reason);
  });

  it('reads the protocol error before the many codes an error page lists', () => {
    const chain = single({ status: 400, error: 'invalid_client', bodyCodes: ['invalid_client', 'invalid_scope', 'access_denied'] });
    const probe = candidate('claude-ai', chain);
    expect(refusalReason(probe, classifyChain(probe))).toBe('client');
  });
});

/** A probe with the given hops, as recorded for `role`. */
function probeOf(role: CandidateRole, hops: HopSpec[]): CandidateProbe {
  return candidate(role, () => ({ hops }));
}

describe('answerKey', () => {
  const page = (location: string, extra: Partial<Hop> = {}): HopSpec[] => [
    { status: 302, location },
    { url: location, status: 200, contentType: 'text/html', bodyDigest: 'login-page', ...extra },
  ];

  it.each<[string, [CandidateRole, HopSpec[]], [CandidateRole, HopSpec[]]]>([
    [
      'different state and redirect URI echoed in the Location',
      ['claude-ai', page(`${IDP}/login?state=aaa&redirect_uri=${encodeURIComponent(CLAUDE_AI_CALLBACK)}`)],
      ['claude-ai-control', page(`${IDP}/login?state=bbb&redirect_uri=${encodeURIComponent(AI_CONTROL_URI)}`)],
    ],
    // The probe masks the values it sent before digesting a body: an echo leaves the digest alone.
    [
      'different values echoed in the body (same masked digest), different exchange ids and URLs',
      ['claude-ai', [{ status: 400, bodyDigest: 'masked-1', url: `${IDP}/authorize?state=aaa` }]],
      ['claude-ai-control', [{ status: 400, bodyDigest: 'masked-1', url: `${IDP}/authorize?state=bbb` }]],
    ],
    [
      'different interaction ids in the path',
      ['claude-ai', page(`${IDP}/interaction/Ab3dEf5gHi7jKl9mNo1p`)],
      ['claude-ai-control', page(`${IDP}/interaction/Zz9yXw8vUt7sRq6pOn5m`)],
    ],
    ['different numeric session ids in the path', ['claude-ai', page(`${IDP}/session/12345/login`)], ['claude-ai-control', page(`${IDP}/session/67890/login`)]],
    ['each redirected to the URI it sent', ['claude-ai', [{ status: 302, location: `${CLAUDE_AI_CALLBACK}?code=1&state=a` }]], ['claude-ai-control', [{ status: 302, location: `${AI_CONTROL_URI}?code=2&state=b` }]]],
    ['different content types (headers are not the answer)', ['claude-ai', [{ status: 403, contentType: 'text/html', bodyDigest: 'x' }]], ['claude-ai-control', [{ status: 403, contentType: 'text/plain', bodyDigest: 'x' }]]],
  ])('the same answer: %s', (_name, [roleA, a], [roleB, b]) => {
    expect(answerKey(probeOf(roleA, a))).toBe(answerKey(probeOf(roleB, b)));
  });

  it.each<[string, HopSpec[], HopSpec[]]>([
    ['the status differs', [{ status: 400, bodyDigest: 'x' }], [{ status: 403, bodyDigest: 'x' }]],
    ['the error differs', [{ status: 400, error: 'access_denied', bodyDigest: 'x' }], [{ status: 400, error: 'invalid_request', bodyDigest: 'x' }]],
    ['the body differs', [{ status: 400, bodyDigest: 'x' }], [{ status: 400, bodyDigest: 'y' }]],
    ['an empty body and a page', [{ status: 400, bodyDigest: 'empty' }], [{ status: 400, bodyDigest: 'page' }]],
    ['the location differs', [{ status: 302, location: `${IDP}/login` }], [{ status: 302, location: `${IDP}/error` }]],
    ['the error in the Location differs', [{ status: 302, location: `${IDP}/e?error=access_denied` }], [{ status: 302, location: `${IDP}/e?error=invalid_request` }]],
    ['one answer has a hop more', [{ status: 400, bodyDigest: 'x' }], [{ status: 302, location: `${IDP}/e` }, { status: 400, bodyDigest: 'x' }]],
    ['one got no answer', [{ status: 400 }], [{ failure: { cause: 'timeout', detail: 't' } }]],
  ])('a different answer: %s', (_name, a, b) => {
    expect(answerKey(probeOf('claude-ai-control', a))).not.toBe(answerKey(probeOf('claude-ai-control', b)));
  });

  it('tells a redirect to the URI sent from a redirect to another URI', () => {
    const toSent = probeOf('claude-ai', [{ status: 302, location: `${CLAUDE_AI_CALLBACK}?error=access_denied` }]);
    const toOther = probeOf('claude-ai-control', [{ status: 302, location: `${CLAUDE_AI_CALLBACK}?error=access_denied` }]);
    expect(answerKey(toSent)).not.toBe(answerKey(toOther));
  });
});

describe('answerKey over chains the probe recorded', () => {
  let server: FixtureServer;
  let calls = 0;
  beforeAll(async () => {
    // An IdP that echoes the request's state and redirect URI into its page, tags each answer with a
    // request id and a date, and refuses `redirect_uri`s containing "refuse" with another page.
    server = await startServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const redirectUri = url.searchParams.get('redirect_uri') ?? '';
      const state = url.searchParams.get('state') ?? '';
      calls += 1;
      const headers = { 'content-type': 'text/html', 'x-request-id': `req-${calls}`, date: new Date(Date.now() + calls * 1000).toUTCString() };
      if (redirectUri.includes('refuse')) {
        res.writeHead(400, headers).end(`<p>Sorry, this request cannot be served (${state}).</p>`);
        return;
      }
      res.writeHead(200, headers).end(`<form><input name="state" value="${state}"><input name="redirect_uri" value="${redirectUri}"><p>Sign in #${calls}</p></form>`);
    });
  });
  afterAll(async () => {
    await server.close();
  });

  async function record(role: CandidateRole, redirectUri: string, state: string): Promise<CandidateProbe> {
    const http = new HttpClient({ timeoutMs: 5000, userAgent: 'test', secrets: [], env: {} });
    const url = `${server.url}/authorize?response_type=code&redirect_uri=${encodeURIComponent(redirectUri)}&state=${state}`;
    try {
      return await followChain(http, 'redirectUris', { probe: { role, redirectUri }, url, sent: [redirectUri, state] }, new Set([new URL(server.url).host]));
    } finally {
      await http.close();
    }
  }

  it('gives the same key to two sign-in pages that echo different state and redirect URIs, with different request ids and dates', async () => {
    const callback = await record('claude-ai', CLAUDE_AI_CALLBACK, 'state-one');
    const control = await record('claude-ai-control', AI_CONTROL_URI, 'state-two');
    expect(callback.hops[0]?.status).toBe(200);
    expect(answerKey(callback)).toBe(answerKey(control));
  });

  it('gives another key to the refusal page', async () => {
    const callback = await record('claude-ai', CLAUDE_AI_CALLBACK, 'state-one');
    const control = await record('claude-ai-control', `${CLAUDE_AI_CALLBACK}-refuse`, 'state-two');
    expect(answerKey(callback)).not.toBe(answerKey(control));
  });
});

describe('landing', () => {
  it.each<[string, [CandidateRole, HopSpec[]], [CandidateRole, HopSpec[]]]>([
    ['the authorization endpoint asked with different redirect URIs', ['claude-ai', [{ status: 400 }]], ['claude-com-control', [{ status: 400 }]]],
    [
      'pages under different interaction ids',
      ['claude-ai', [{ status: 303, location: `${IDP}/interaction/Ab3dEf5gHi7jKl9mNo1p` }, { url: `${IDP}/interaction/Ab3dEf5gHi7jKl9mNo1p`, status: 200 }]],
      ['claude-com', [{ status: 303, location: `${IDP}/interaction/Zz9yXw8vUt7sRq6pOn5m` }, { url: `${IDP}/interaction/Zz9yXw8vUt7sRq6pOn5m`, status: 200 }]],
    ],
    ['the same page reached by different chains', ['claude-ai', [{ status: 302, location: `${IDP}/a` }, { url: `${IDP}/signin`, status: 200 }]], ['claude-com', [{ url: `${IDP}/signin`, status: 200 }]]],
    ['the same page with different query strings', ['claude-ai', [{ url: `${IDP}/signin?x=1`, status: 200 }]], ['claude-com', [{ url: `${IDP}/signin?y=2`, status: 200 }]]],
  ])('the same landing: %s', (_name, [roleA, a], [roleB, b]) => {
    expect(landing(probeOf(roleA, a))).toBe(landing(probeOf(roleB, b)));
  });

  it.each<[string, HopSpec[], HopSpec[]]>([
    ['the status differs', [{ url: `${IDP}/signin`, status: 200 }], [{ url: `${IDP}/signin`, status: 400 }]],
    ['the path differs', [{ url: `${IDP}/signin`, status: 200 }], [{ url: `${IDP}/error`, status: 200 }]],
    ['the page names a code', [{ url: `${IDP}/signin`, status: 200 }], [{ url: `${IDP}/signin`, status: 200, bodyCodes: ['redirect_uri_mismatch'] }]],
  ])('a different landing: %s', (_name, a, b) => {
    expect(landing(probeOf('claude-ai', a))).not.toBe(landing(probeOf('claude-ai', b)));
  });
});
