import { describe, expect, it } from 'vitest';
import {
  classifyChain,
  judgeCallback,
  judgeControl,
  REDIRECT_CODES,
  refusedForResponseType,
  type OutcomeKind,
} from '../../../src/lint/judgement/redirect-judgement.js';
import type { CallbackVerdict, CandidateRole } from '../../../src/lint/types.js';
import { candidate, chains, IDP, pair, type Chain } from '../../helpers/chains.js';

type Verdict = Exclude<CallbackVerdict, 'not-probed'>;
const c = chains;
const onIdp: Chain = () => ({ hops: [{ status: 302, location: `${IDP}/authorize?error=invalid_request&state=s`, error: 'invalid_request' }] });
const offIdp: Chain = () => ({ hops: [{ status: 302, location: 'https://login.live.com/oauth20' }], stop: 'left-idp' });
const looping: Chain = () => ({ hops: Array.from({ length: 6 }, (_, i) => ({ status: 302, location: `${IDP}/loop/${i}` })), stop: 'hop-limit' });
const mismatch = c.googlePage(['redirect_uri_mismatch']);
/** A code named on a redirect's body, then the same sign-in page as a chain without it: same landing. */
const earlyCode =
  (bodyCodes: string[]): Chain =>
  () => ({ hops: [{ status: 302, location: `${IDP}/signin/page`, bodyCodes }, { url: `${IDP}/signin/page`, status: 200, contentType: 'text/html' }] });

describe('classifyChain', () => {
  it.each<[string, CandidateRole, Chain, OutcomeKind, string | undefined, string[]]>([
    ['a redirect to the redirect_uri with a code', 'claude-ai', c.toRedirectUri(), 'to-redirect-uri', undefined, []],
    ['a redirect to the redirect_uri with error=access_denied', 'claude-ai', c.toRedirectUri('access_denied'), 'to-redirect-uri', 'access_denied', ['access_denied']],
    ['a redirect to the redirect_uri with error=server_error', 'claude-ai', c.toRedirectUri('server_error'), 'to-redirect-uri', 'server_error', ['server_error']],
    ['a redirect to the claude.ai control URI', 'claude-ai-control', c.toRedirectUri(), 'to-redirect-uri', undefined, []],
    ['a redirect to the claude.com control URI', 'claude-com-control', c.toRedirectUri(), 'to-redirect-uri', undefined, []],
    ['400 page naming invalid_redirect_uri', 'claude-ai', c.invalidRedirectUri, 'refused', undefined, ['invalid_redirect_uri']],
    ['400 JSON error', 'client-default', c.jsonError('unauthorized_client'), 'refused', 'unauthorized_client', ['unauthorized_client']],
    ['200 JSON error', 'claude-ai', c.jsonError('invalid_request', 200), 'refused', 'invalid_request', ['invalid_request']],
    ['401 with an OAuth error', 'claude-ai', c.jsonError('invalid_client', 401), 'refused', 'invalid_client', ['invalid_client']],
    ['an on-IdP redirect carrying error=', 'claude-ai', onIdp, 'refused', 'invalid_request', ['invalid_request']],
    ['Cognito: an on-IdP redirect to /error?error=redirect_mismatch', 'claude-ai', c.onIdpError('redirect_mismatch'), 'refused', 'redirect_mismatch', ['redirect_mismatch']],
    ['400 JSON server_error', 'claude-ai', c.jsonError('server_error'), 'unavailable', 'server_error', ['server_error']],
    ['200 JSON temporarily_unavailable', 'claude-ai', c.jsonError('temporarily_unavailable', 200), 'unavailable', 'temporarily_unavailable', ['temporarily_unavailable']],
    ['an on-IdP redirect carrying error=slow_down', 'claude-ai', c.onIdpError('slow_down'), 'unavailable', 'slow_down', ['slow_down']],
    ['an on-IdP redirect carrying error=server_error', 'claude-ai-control', c.onIdpError('server_error'), 'unavailable', 'server_error', ['server_error']],
    ['oidc-provider interaction page', 'claude-ai', c.interaction, 'page', undefined, []],
    ['a sign-in page', 'claude-ai', c.entraPage, 'page', undefined, []],
    ['a 200 page naming redirect_uri_mismatch', 'claude-ai-control', mismatch, 'page', undefined, ['redirect_uri_mismatch']],
    ['a redirect to another host', 'claude-ai', offIdp, 'left-idp', undefined, []],
    ['408', 'claude-ai', c.status(408), 'unavailable', undefined, []],
    ['429', 'claude-ai', c.status(429), 'unavailable', undefined, []],
    ['500', 'claude-ai', c.status(500), 'unavailable', undefined, []],
    ['503 with a JSON error', 'claude-ai', c.jsonError('temporarily_unavailable', 503), 'unavailable', 'temporarily_unavailable', ['temporarily_unavailable']],
    ['403 without an OAuth error (a WAF)', 'claude-ai', c.status(403), 'unavailable', undefined, []],
    ['401 without an OAuth error', 'claude-ai', c.status(401), 'unavailable', undefined, []],
    ['the hop limit', 'claude-ai', looping, 'unavailable', undefined, []],
    ['a connection failure', 'claude-ai', c.failure('refused'), 'failed', undefined, []],
    ['no hops at all', 'claude-ai', () => ({ hops: [] }), 'failed', undefined, []],
  ])('%s', (_name, role, chain, kind, error, codes) => {
    const outcome = classifyChain(candidate(role, chain));
    expect(outcome.kind).toBe(kind);
    expect(outcome.error).toBe(error);
    expect(outcome.codes).toEqual(codes);
  });

  it('does not take a redirect to the same path on another origin for the redirect_uri', () => {
    const chain: Chain = () => ({ hops: [{ status: 302, location: 'https://evil.example/api/mcp/auth_callback?code=x' }], stop: 'left-idp' });
    expect(classifyChain(candidate('claude-ai', chain)).kind).toBe('left-idp');
  });

  it.each<[CandidateRole, string]>([
    ['claude-ai', 'https://claude.ai/api/mcp/auth_callback-connector-lint-0a1b2c3d?code=x'],
    ['claude-com', 'https://claude.com/api/mcp/auth_callback-connector-lint-4e5f6a7b?code=x'],
    ['claude-com', 'https://claude.ai/api/mcp/auth_callback?code=x'],
  ])('does not take a redirect to %s\'s control or sibling (%s) for the callback', (role, location) => {
    const chain: Chain = () => ({ hops: [{ status: 302, location }], stop: 'left-idp' });
    expect(classifyChain(candidate(role, chain)).kind).toBe('left-idp');
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

  it('escapes control characters an IdP puts in its error', () => {
    const summary = classifyChain(candidate('claude-ai', c.jsonError('bad\u001b[31m'))).summary;
    expect(summary).not.toContain('\u001b');
    expect(summary).toContain('\\x1b');
  });
});

describe('REDIRECT_CODES', () => {
  it('holds the codes that only mean "redirect URI not registered", Cognito\'s included', () => {
    expect([...REDIRECT_CODES].sort()).toEqual(['invalid_redirect_uri', 'redirect_mismatch', 'redirect_uri_mismatch']);
  });
});

describe('judgeCallback', () => {
  it.each<[string, Chain, Chain, Verdict]>([
    ['oidc-provider: callback to interaction, control refused', c.interaction, c.invalidRedirectUri, 'accepted'],
    ['oidc-provider: both refused', c.invalidRedirectUri, c.invalidRedirectUri, 'rejected'],
    ['Cognito: both redirected to /error?error=redirect_mismatch', c.onIdpError('redirect_mismatch'), c.onIdpError('redirect_mismatch'), 'rejected'],
    ['Cognito: callback to the login page, control to redirect_mismatch', c.interaction, c.onIdpError('redirect_mismatch'), 'accepted'],
    ['callback refused, control on a page', c.invalidRedirectUri, c.entraPage, 'rejected'],
    ['Google: the control page names redirect_uri_mismatch, the callback page does not', c.googlePage(), mismatch, 'accepted'],
    ['the control page names redirect_mismatch, the callback page does not', c.googlePage(), c.googlePage(['redirect_mismatch']), 'accepted'],
    ['the control page names a redirect code, the callback page another code', c.googlePage(['access_denied']), mismatch, 'accepted'],
    // Page text alone never rejects.
    ['the callback page names redirect_uri_mismatch, the control page does not', mismatch, c.googlePage(), 'inconclusive'],
    ['the callback page names invalid_redirect_uri, the control page does not', c.googlePage(['invalid_redirect_uri']), c.googlePage(), 'inconclusive'],
    ['both land on the same page naming redirect_uri_mismatch', mismatch, mismatch, 'inconclusive'],
    // Weak acceptance needs a redirect code on the control's page only, and different landings.
    ['the control page names access_denied only', c.googlePage(), c.googlePage(['access_denied']), 'inconclusive'],
    ['the control page names a redirect code, the callback page the same one', mismatch, c.googlePage(['redirect_uri_mismatch', 'invalid_request']), 'inconclusive'],
    ['the control named a redirect code on the way, but both land on the same page', c.googlePage(), earlyCode(['redirect_uri_mismatch']), 'inconclusive'],
    ['the callback page names an unrelated code, the control page none', c.googlePage(['invalid_scope']), c.googlePage(), 'inconclusive'],
    ['Entra: the same sign-in page for both', c.entraPage, c.entraPage, 'inconclusive'],
    ['open redirector: the control is redirected to as well', c.toRedirectUri(), c.toRedirectUri(), 'inconclusive'],
    ['open redirector, callback refused', c.invalidRedirectUri, c.toRedirectUri(), 'inconclusive'],
    ['redirect to the callback with error=access_denied', c.toRedirectUri('access_denied'), c.invalidRedirectUri, 'accepted'],
    ['redirect to the callback with error=server_error', c.toRedirectUri('server_error'), c.invalidRedirectUri, 'accepted'],
    ['redirect to the callback, control on a page', c.toRedirectUri(), c.entraPage, 'accepted'],
    ['callback rate limited (429)', c.status(429), c.invalidRedirectUri, 'inconclusive'],
    ['callback server error (503)', c.status(503), c.invalidRedirectUri, 'inconclusive'],
    ['callback 400 server_error', c.jsonError('server_error'), c.invalidRedirectUri, 'inconclusive'],
    ['callback on-IdP error=temporarily_unavailable', c.onIdpError('temporarily_unavailable'), c.invalidRedirectUri, 'inconclusive'],
    ['callback connection failure', c.failure('reset'), c.invalidRedirectUri, 'inconclusive'],
    ['callback page, control connection failure', c.interaction, c.failure('timeout'), 'inconclusive'],
    ['callback page, control rate limited', c.interaction, c.status(429), 'inconclusive'],
    ['callback page, control 400 server_error', c.interaction, c.jsonError('server_error'), 'inconclusive'],
    ['callback page, control on-IdP error=slow_down', c.interaction, c.onIdpError('slow_down'), 'inconclusive'],
    ['control refused, callback page names redirect_uri_mismatch', mismatch, c.invalidRedirectUri, 'inconclusive'],
    ['control refused, callback page names redirect_mismatch', c.googlePage(['redirect_mismatch']), c.invalidRedirectUri, 'inconclusive'],
    ['control refused, callback left the IdP (federated login)', offIdp, c.invalidRedirectUri, 'accepted'],
  ])('%s', (_name, callback, control, verdict) => {
    expect(judgeCallback(pair(callback, control)).verdict).toBe(verdict);
  });

  it('carries both outcomes and states both chains in the evidence', () => {
    const judgement = judgeCallback(pair(c.interaction, c.invalidRedirectUri));
    expect(judgement.callback.kind).toBe('page');
    expect(judgement.control.kind).toBe('refused');
    expect(judgement.evidence).toContain('callback: 303 → idp.example.com/interaction/uid-1, 200');
    expect(judgement.evidence).toContain('control: 400');
  });
});

describe('judgeCallback: refusals for another reason than the redirect URI', () => {
  const scopeAbout = (description: string) => c.jsonError('invalid_scope', 400, [], description);
  it.each<[string, Chain, Chain, Verdict]>([
    ['both refused with invalid_scope', c.jsonError('invalid_scope'), c.jsonError('invalid_scope'), 'inconclusive'],
    ['both refused with invalid_target', c.jsonError('invalid_target'), c.jsonError('invalid_target'), 'inconclusive'],
    ['both redirected on the IdP with error=invalid_scope', c.onIdpError('invalid_scope'), c.onIdpError('invalid_scope'), 'inconclusive'],
    ['both invalid_scope, the page names redirect_uri', c.jsonError('invalid_scope', 400, ['redirect_uri']), c.jsonError('invalid_scope', 400, ['redirect_uri']), 'rejected'],
    ['both invalid_scope, the description names the redirect URI', scopeAbout('redirect URI not allowed'), scopeAbout('redirect URI not allowed'), 'rejected'],
    ['both invalid_scope, the description names the callback', scopeAbout('unknown callback'), scopeAbout('unknown callback'), 'rejected'],
    ['both invalid_request', c.jsonError('invalid_request'), c.jsonError('invalid_request'), 'rejected'],
    ['both invalid_client', c.jsonError('invalid_client'), c.jsonError('invalid_client'), 'rejected'],
    ['both access_denied', c.jsonError('access_denied'), c.jsonError('access_denied'), 'rejected'],
    ['both with an unknown code', c.jsonError('vendor_specific_error'), c.jsonError('vendor_specific_error'), 'rejected'],
    ['callback invalid_scope, control refused for its redirect URI: the callback passed that check', c.jsonError('invalid_scope'), c.invalidRedirectUri, 'inconclusive'],
    ['both refused: protocol error invalid_client, page also lists invalid_scope', () => ({ hops: [{ status: 400, error: 'invalid_client', bodyCodes: ['invalid_client', 'invalid_scope'] }] }), () => ({ hops: [{ status: 400, error: 'invalid_client', bodyCodes: ['invalid_client', 'invalid_scope'] }] }), 'rejected'],
    ['control refused with invalid_scope, callback on a page', c.interaction, c.jsonError('invalid_scope'), 'inconclusive'],
    ['control refused with invalid_target, callback left the IdP', offIdp, c.jsonError('invalid_target'), 'inconclusive'],
    ['control refused with invalid_scope naming redirect_uri, callback on a page', c.interaction, c.jsonError('invalid_scope', 400, ['redirect_uri']), 'accepted'],
  ])('%s', (_name, callback, control, verdict) => {
    expect(judgeCallback(pair(callback, control)).verdict).toBe(verdict);
  });
});

describe('judgeCallback with peers (the other Claude callback and its control)', () => {
  const judge = (com: [Chain, Chain], ai: [Chain, Chain]) => {
    const own = pair(com[0], com[1], 'claude-com');
    return judgeCallback(own, [pair(ai[0], ai[1]), own]).verdict;
  };
  it.each<[string, [Chain, Chain], [Chain, Chain], Verdict]>([
    ['Google: peer accepted, callback landed with its control', [mismatch, mismatch], [c.googlePage(), mismatch], 'rejected'],
    ['peer accepted on a page after its control was refused, callback landed with its control', [c.entraPage, c.entraPage], [c.interaction, c.invalidRedirectUri], 'rejected'],
    ['Google: all four land on the page naming redirect_uri_mismatch', [mismatch, mismatch], [mismatch, mismatch], 'inconclusive'],
    ['Entra: everything on the same sign-in page', [c.entraPage, c.entraPage], [c.entraPage, c.entraPage], 'inconclusive'],
    ['peer not accepted (inconclusive), callback landed with its control', [mismatch, mismatch], [mismatch, c.googlePage()], 'inconclusive'],
    ['peer accepted, but the callback landed elsewhere than its control', [c.interaction, c.entraPage], [c.googlePage(), mismatch], 'inconclusive'],
    ['Google: callback accepted on its own', [c.googlePage(), mismatch], [c.googlePage(), mismatch], 'accepted'],
    ['control refused: decided before peers count', [c.interaction, c.invalidRedirectUri], [c.interaction, c.invalidRedirectUri], 'accepted'],
    ["peer redirected to its callback, but its last answer (302 at /authorize) looks like its control's", [offIdp, offIdp], [c.toRedirectUri(), offIdp], 'inconclusive'],
  ])('%s', (_name, com, ai, verdict) => {
    expect(judge(com, ai)).toBe(verdict);
  });

  it('does not count the callback as its own peer', () => {
    const own = pair(mismatch, mismatch);
    expect(judgeCallback(own, [own]).verdict).toBe('inconclusive');
  });
});

describe('judgeControl', () => {
  it.each<[string, Chain, Verdict, OutcomeKind]>([
    ['redirected to the control URI', c.toRedirectUri(), 'accepted', 'to-redirect-uri'],
    ['redirected to the control URI with an error', c.toRedirectUri('invalid_scope'), 'accepted', 'to-redirect-uri'],
    ['400 invalid_redirect_uri', c.invalidRedirectUri, 'rejected', 'refused'],
    ['Cognito redirect_mismatch', c.onIdpError('redirect_mismatch'), 'rejected', 'refused'],
    ['400 invalid_request', c.jsonError('invalid_request'), 'rejected', 'refused'],
    ['400 with an unknown code', c.jsonError('vendor_specific_error'), 'rejected', 'refused'],
    ['400 invalid_scope', c.jsonError('invalid_scope'), 'inconclusive', 'refused'],
    ['400 invalid_target', c.jsonError('invalid_target'), 'inconclusive', 'refused'],
    ['400 invalid_scope naming redirect_uri', c.jsonError('invalid_scope', 400, ['redirect_uri']), 'rejected', 'refused'],
    ['400 server_error', c.jsonError('server_error'), 'inconclusive', 'unavailable'],
    ['a sign-in page', c.entraPage, 'inconclusive', 'page'],
    ['a page naming redirect_uri_mismatch', mismatch, 'inconclusive', 'page'],
    ['429', c.status(429), 'inconclusive', 'unavailable'],
    ['connection failure', c.failure(), 'inconclusive', 'failed'],
    ['left the IdP', offIdp, 'inconclusive', 'left-idp'],
  ])('%s', (_name, chain, verdict, kind) => {
    for (const role of ['claude-ai-control', 'claude-com-control'] as const) {
      const result = judgeControl(candidate(role, chain));
      expect(result.verdict).toBe(verdict);
      expect(result.outcome.kind).toBe(kind);
    }
  });
});

describe('refusedForResponseType', () => {
  const described = (errorDescription: string, bodyMentions: string[] = []) => c.jsonError('invalid_request', 400, bodyMentions, errorDescription);
  it.each<[string, CandidateRole, Chain, string | undefined]>([
    ['400 unauthorized_client', 'client-default', c.jsonError('unauthorized_client'), 'unauthorized_client'],
    ['400 unsupported_response_type', 'client-default', c.jsonError('unsupported_response_type'), 'unsupported_response_type'],
    ['a page naming unauthorized_client with 400', 'client-default', () => ({ hops: [{ status: 400, bodyCodes: ['unauthorized_client'] }] }), 'unauthorized_client'],
    ['invalid_request, body mentions response_type', 'client-default', c.jsonError('invalid_request', 400, ['response_type']), 'invalid_request'],
    ['invalid_request, description mentions response_type', 'client-default', described('response_type not allowed'), 'invalid_request'],
    ['invalid_request, description says "response type"', 'client-default', described('Unsupported Response Type'), 'invalid_request'],
    ['redirect to the callback with error=unauthorized_client', 'claude-ai', c.toRedirectUri('unauthorized_client'), 'unauthorized_client'],
    [
      'redirect to the callback with invalid_request describing response_type',
      'claude-ai',
      (uri) => ({
        hops: [{ status: 302, location: `${uri}?error=invalid_request&state=s`, error: 'invalid_request', errorDescription: 'response_type not allowed' }],
        stop: 'left-idp',
      }),
      'invalid_request',
    ],
    ['invalid_request, body mentions response_type and redirect_uri', 'client-default', c.jsonError('invalid_request', 400, ['response_type', 'redirect_uri']), undefined],
    ['invalid_request, description names response_type and the redirect_uri', 'claude-ai', described('response_type code requires a registered redirect_uri'), undefined],
    ['invalid_request, description names response_type and the callback', 'claude-ai', described('response_type ok, callback URL unknown'), undefined],
    ['invalid_request, body mentions response_type, description names the redirect', 'claude-ai', described('Invalid redirect', ['response_type']), undefined],
    ['invalid_request naming redirect_uri only', 'client-default', c.jsonError('invalid_request', 400, ['redirect_uri']), undefined],
    ['invalid_request naming nothing', 'client-default', c.jsonError('invalid_request'), undefined],
    ['400 invalid_redirect_uri', 'claude-ai', c.invalidRedirectUri, undefined],
    ['a sign-in page', 'client-default', c.interaction, undefined],
    ['a 200 page naming unauthorized_client', 'client-default', c.googlePage(['unauthorized_client']), undefined],
    ['503 unauthorized_client', 'client-default', c.jsonError('unauthorized_client', 503), undefined],
    ['connection failure', 'client-default', c.failure(), undefined],
  ])('%s', (_name, role, chain, code) => {
    expect(refusedForResponseType(candidate(role, chain))).toBe(code);
  });
});
