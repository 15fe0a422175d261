import { describe, expect, it } from 'vitest';
import { classifyChain, judgeCallback, judgeControl, refusedForResponseType, type OutcomeKind } from '../../src/lint/redirect-judgement.js';
import type { CallbackVerdict, CandidateRole } from '../../src/lint/types.js';
import { candidate, chains, IDP, type Chain } from '../helpers/chains.js';

const c = chains;
const onIdp: Chain = () => ({ hops: [{ status: 302, location: `${IDP}/authorize?error=invalid_request&state=s`, error: 'invalid_request' }] });
const offIdp: Chain = () => ({ hops: [{ status: 302, location: 'https://login.live.com/oauth20' }], stop: 'left-idp' });
const looping: Chain = () => ({ hops: Array.from({ length: 6 }, (_, i) => ({ status: 302, location: `${IDP}/loop/${i}` })), stop: 'hop-limit' });

describe('classifyChain', () => {
  it.each<[string, CandidateRole, Chain, OutcomeKind, string | undefined, string[]]>([
    ['a redirect to the redirect_uri with a code', 'claude-ai', c.toRedirectUri(), 'to-redirect-uri', undefined, []],
    ['a redirect to the redirect_uri with error=access_denied', 'claude-ai', c.toRedirectUri('access_denied'), 'to-redirect-uri', 'access_denied', ['access_denied']],
    ['a redirect to the control URI', 'control', c.toRedirectUri(), 'to-redirect-uri', undefined, []],
    ['400 page naming invalid_redirect_uri', 'claude-ai', c.invalidRedirectUri, 'refused', undefined, ['invalid_redirect_uri']],
    ['400 JSON error', 'client-default', c.jsonError('unauthorized_client'), 'refused', 'unauthorized_client', ['unauthorized_client']],
    ['200 JSON error', 'claude-ai', c.jsonError('invalid_request', 200), 'refused', 'invalid_request', ['invalid_request']],
    ['401 with an OAuth error', 'claude-ai', c.jsonError('invalid_client', 401), 'refused', 'invalid_client', ['invalid_client']],
    ['an on-IdP redirect carrying error=', 'claude-ai', onIdp, 'refused', 'invalid_request', ['invalid_request']],
    ['oidc-provider interaction page', 'claude-ai', c.interaction, 'page', undefined, []],
    ['a sign-in page', 'claude-ai', c.entraPage, 'page', undefined, []],
    ['a 200 page naming redirect_uri_mismatch', 'control', c.googlePage(['redirect_uri_mismatch']), 'page', undefined, ['redirect_uri_mismatch']],
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
  ])('%s → %s', (_name, role, chain, kind, error, codes) => {
    const outcome = classifyChain(candidate(role, chain));
    expect(outcome.kind).toBe(kind);
    expect(outcome.error).toBe(error);
    expect(outcome.codes).toEqual(codes);
  });

  it('does not take a redirect to the same path on another origin for the redirect_uri', () => {
    const chain: Chain = () => ({ hops: [{ status: 302, location: 'https://evil.example/api/mcp/auth_callback?code=x' }], stop: 'left-idp' });
    expect(classifyChain(candidate('claude-ai', chain)).kind).toBe('left-idp');
  });

  it('does not take a redirect to a longer path (the control) for the claude.ai callback', () => {
    const chain: Chain = () => ({
      hops: [{ status: 302, location: 'https://claude.ai/api/mcp/auth_callback-connector-lint-0a1b2c3d?code=x' }],
      stop: 'left-idp',
    });
    expect(classifyChain(candidate('claude-ai', chain)).kind).toBe('left-idp');
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

describe('judgeCallback', () => {
  it.each<[string, Chain, Chain, Exclude<CallbackVerdict, 'not-probed'>]>([
    ['oidc-provider: callback to interaction, control refused', c.interaction, c.invalidRedirectUri, 'accepted'],
    ['oidc-provider: both refused', c.invalidRedirectUri, c.invalidRedirectUri, 'rejected'],
    ['callback refused, control on a page', c.invalidRedirectUri, c.entraPage, 'rejected'],
    ['Google: the control page names redirect_uri_mismatch, the callback page does not', c.googlePage(), c.googlePage(['redirect_uri_mismatch']), 'accepted'],
    ['the callback page names redirect_uri_mismatch, the control page does not', c.googlePage(['redirect_uri_mismatch']), c.googlePage(), 'rejected'],
    ['the callback page names invalid_redirect_uri, the control page does not', c.googlePage(['invalid_redirect_uri']), c.googlePage(), 'rejected'],
    ['the callback page names an unrelated code, the control page none', c.googlePage(['invalid_scope']), c.googlePage(), 'inconclusive'],
    ['Entra: the same sign-in page for both', c.entraPage, c.entraPage, 'inconclusive'],
    ['open redirector: the control is redirected to as well', c.toRedirectUri(), c.toRedirectUri(), 'inconclusive'],
    ['open redirector, callback refused', c.invalidRedirectUri, c.toRedirectUri(), 'inconclusive'],
    ['redirect to the callback with error=access_denied', c.toRedirectUri('access_denied'), c.invalidRedirectUri, 'accepted'],
    ['redirect to the callback, control on a page', c.toRedirectUri(), c.entraPage, 'accepted'],
    ['callback rate limited (429)', c.status(429), c.invalidRedirectUri, 'inconclusive'],
    ['callback server error (503)', c.status(503), c.invalidRedirectUri, 'inconclusive'],
    ['callback connection failure', c.failure('reset'), c.invalidRedirectUri, 'inconclusive'],
    ['callback page, control connection failure', c.interaction, c.failure('timeout'), 'inconclusive'],
    ['callback page, control rate limited', c.interaction, c.status(429), 'inconclusive'],
    ['control refused, callback page names redirect_uri_mismatch', c.googlePage(['redirect_uri_mismatch']), c.invalidRedirectUri, 'inconclusive'],
    ['control refused, callback left the IdP (federated login)', offIdp, c.invalidRedirectUri, 'accepted'],
  ])('%s → %s', (_name, callback, control, verdict) => {
    const judgement = judgeCallback(candidate('claude-ai', callback), candidate('control', control));
    expect(judgement.verdict).toBe(verdict);
  });

  it('carries both outcomes and states both chains in the evidence', () => {
    const judgement = judgeCallback(candidate('claude-ai', c.interaction), candidate('control', c.invalidRedirectUri));
    expect(judgement.callback.kind).toBe('page');
    expect(judgement.control.kind).toBe('refused');
    expect(judgement.evidence).toContain('callback: 303 → idp.example.com/interaction/uid-1, 200');
    expect(judgement.evidence).toContain('control: 400');
  });
});

describe('judgeCallback with peers (the other Claude callback)', () => {
  const mismatch = c.googlePage(['redirect_uri_mismatch']);
  const judge = (callback: Chain, control: Chain, peer: Chain) => {
    const cb = candidate('claude-com', callback);
    return judgeCallback(cb, candidate('control', control), [candidate('claude-ai', peer), cb]).verdict;
  };
  it.each<[string, Chain, Chain, Chain, Exclude<CallbackVerdict, 'not-probed'>]>([
    ['Google, peer accepted, callback landed with the control', mismatch, mismatch, c.googlePage(), 'rejected'],
    ['Google, all three land on the error page naming redirect_uri_mismatch', mismatch, mismatch, mismatch, 'rejected'],
    ['Entra, peer on the same page as the control', c.entraPage, c.entraPage, c.entraPage, 'inconclusive'],
    ['Google, callback accepted on its own', c.googlePage(), mismatch, c.googlePage(), 'accepted'],
    ['control refused: decided before peers count', c.interaction, c.invalidRedirectUri, c.interaction, 'accepted'],
    ['peer redirected to its callback, but its last answer (302 at /authorize) looks like the control\'s', offIdp, offIdp, c.toRedirectUri(), 'inconclusive'],
  ])('%s → %s', (_name, callback, control, peer, verdict) => {
    expect(judge(callback, control, peer)).toBe(verdict);
  });
});

describe('judgeControl', () => {
  it.each<[string, Chain, Exclude<CallbackVerdict, 'not-probed'>, OutcomeKind]>([
    ['redirected to the control URI', c.toRedirectUri(), 'accepted', 'to-redirect-uri'],
    ['redirected to the control URI with an error', c.toRedirectUri('invalid_scope'), 'accepted', 'to-redirect-uri'],
    ['400 invalid_redirect_uri', c.invalidRedirectUri, 'rejected', 'refused'],
    ['a sign-in page', c.entraPage, 'inconclusive', 'page'],
    ['a page naming redirect_uri_mismatch', c.googlePage(['redirect_uri_mismatch']), 'inconclusive', 'page'],
    ['429', c.status(429), 'inconclusive', 'unavailable'],
    ['connection failure', c.failure(), 'inconclusive', 'failed'],
    ['left the IdP', offIdp, 'inconclusive', 'left-idp'],
  ])('%s → %s', (_name, chain, verdict, kind) => {
    const result = judgeControl(candidate('control', chain));
    expect(result.verdict).toBe(verdict);
    expect(result.outcome.kind).toBe(kind);
  });
});

describe('refusedForResponseType', () => {
  const describedError: Chain = () => ({
    hops: [{ status: 400, contentType: 'application/json', error: 'invalid_request', errorDescription: 'response_type not allowed', bodyCodes: ['invalid_request'] }],
  });
  it.each<[string, CandidateRole, Chain, string | undefined]>([
    ['400 unauthorized_client', 'client-default', c.jsonError('unauthorized_client'), 'unauthorized_client'],
    ['400 unsupported_response_type', 'client-default', c.jsonError('unsupported_response_type'), 'unsupported_response_type'],
    ['a page naming unauthorized_client with 400', 'client-default', () => ({ hops: [{ status: 400, bodyCodes: ['unauthorized_client'] }] }), 'unauthorized_client'],
    ['invalid_request, body mentions response_type', 'client-default', c.jsonError('invalid_request', 400, ['response_type']), 'invalid_request'],
    ['invalid_request, description mentions response_type', 'client-default', describedError, 'invalid_request'],
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
    ['invalid_request naming redirect_uri only', 'client-default', c.jsonError('invalid_request', 400, ['redirect_uri']), undefined],
    ['invalid_request naming nothing', 'client-default', c.jsonError('invalid_request'), undefined],
    ['400 invalid_redirect_uri', 'claude-ai', c.invalidRedirectUri, undefined],
    ['a sign-in page', 'client-default', c.interaction, undefined],
    ['a 200 page naming unauthorized_client', 'client-default', c.googlePage(['unauthorized_client']), undefined],
    ['503 unauthorized_client', 'client-default', c.jsonError('unauthorized_client', 503), undefined],
    ['connection failure', 'client-default', c.failure(), undefined],
  ])('%s → %s', (_name, role, chain, code) => {
    expect(refusedForResponseType(candidate(role, chain))).toBe(code);
  });
});
