import { describe, expect, it } from 'vitest';
import { judgeRole, judgeRoleControl } from '../../../src/lint/judgement/callbacks.js';
import { classifyChain } from '../../../src/lint/judgement/chain-outcome.js';
import { CLAUDE_AI_CALLBACK } from '../../../src/lint/judgement/claude.js';
import { judgeCallback, judgeControl, refusedForResponseType, type CallbackProbes, type Verdict } from '../../../src/lint/judgement/redirect-judgement.js';
import type { CallbackRole, CandidateRole } from '../../../src/lint/types.js';
import { candidate, chains as c, IDP, pair, redirectFacts, withSilent, type Chain, type HopSpec } from '../../helpers/facts/chains.js';

const offIdp: Chain = () => ({ hops: [{ status: 302, location: 'https://login.live.com/oauth20' }], stop: 'left-idp' });
const looping: Chain = () => ({ hops: Array.from({ length: 6 }, (_, i) => ({ status: 302, location: `${IDP}/loop/${i}` })), stop: 'hop-limit' });
const mismatch = c.googlePage(['redirect_uri_mismatch']);
/** A code named on a redirect's body, then the same sign-in page as a chain without it: same landing. */
const earlyCode =
  (bodyCodes: string[]): Chain =>
  () => ({ hops: [{ status: 302, location: `${IDP}/signin/page`, bodyCodes }, { url: `${IDP}/signin/page`, status: 200, contentType: 'text/html' }] });
/** Google's sign-in page, which lists `redirect_uri_mismatch` among the messages its script can show. */
const googleSignIn: Chain = () => ({
  hops: [
    { status: 302, location: `${IDP}/signin/identifier` },
    { url: `${IDP}/signin/identifier`, status: 200, contentType: 'text/html', bodyCodes: ['redirect_uri_mismatch'] },
  ],
});
/** Auth0 answers a callback missing from "Allowed Callback URLs" with `unauthorized_client`. */
const auth0 = c.onIdpError('unauthorized_client', 'Callback URL mismatch. The URL is not in the list of allowed callback URLs.');
const described = (error: string, errorDescription: string) => c.jsonError(error, 400, [], errorDescription);
const errorPage = (error: string, pageMentions: string[]): Chain => c.onIdpError(error, undefined, pageMentions);
const single =
  (hop: HopSpec): Chain =>
  () => ({ hops: [hop] });
/** The other callback redirected to with a refusal: an IdP that sends errors to the client's registered URI. */
const toRegisteredWith =
  (error: string): Chain =>
  () => ({ hops: [{ status: 302, location: `${CLAUDE_AI_CALLBACK}?error=${error}&state=s`, error }], stop: 'left-idp' });

/** One control sample only: the probe does not ask again a control refused for its redirect URI. */
function once(callback: Chain, control: Chain, role: CallbackRole = 'claude-ai'): CallbackProbes {
  return { callback: candidate(role, callback), controls: [candidate(`${role}-control`, control, { sample: 1 })] };
}

describe('judgeCallback: accepted on positive evidence', () => {
  it.each<[string, CallbackProbes, Verdict]>([
    // (a) A redirect to the callback itself (RFC 6749 §4.1.2.1), no control sample redirected.
    ['redirected to the callback with a code, the control refused for its redirect URI', pair(c.toRedirectUri(), c.invalidRedirectUri), 'accepted'],
    ['redirected to the callback, the control on a sign-in page', pair(c.toRedirectUri(), c.entraPage), 'accepted'],
    ['redirected to the callback with error=access_denied', pair(c.toRedirectUri('access_denied'), c.invalidRedirectUri), 'accepted'],
    ['redirected to the callback with error=server_error (registered; try again later)', pair(c.toRedirectUri('server_error'), c.invalidRedirectUri), 'accepted'],
    ['redirected to the callback with error=login_required, the control a bare 403', pair(c.toRedirectUri('login_required'), c.empty(403)), 'accepted'],
    // (b) The callback went on while its control was refused naming the redirect URI.
    ['oidc-provider: callback to interaction, control refused with invalid_redirect_uri', pair(c.interaction, c.invalidRedirectUri), 'accepted'],
    ['Cognito: callback to the login page, control to error=redirect_mismatch', pair(c.interaction, c.onIdpError('redirect_mismatch')), 'accepted'],
    ['callback on a page, control refused with JSON redirect_uri_mismatch', pair(c.entraPage, c.jsonError('redirect_uri_mismatch')), 'accepted'],
    ['callback on a page, control refused with invalid_request describing the redirect_uri', pair(c.interaction, described('invalid_request', 'redirect_uri is not registered')), 'accepted'],
    ['Auth0: callback to the login page, control refused with unauthorized_client "Callback URL mismatch"', pair(c.interaction, auth0), 'accepted'],
    ['callback on a page, control on a 400 page whose prose names redirect_uri', pair(c.interaction, single({ status: 400, contentType: 'text/html', bodyMentions: ['redirect_uri'] })), 'accepted'],
    ['callback on a page, control sent back to itself with error=redirect_uri_mismatch', pair(c.interaction, c.toRedirectUri('redirect_uri_mismatch')), 'accepted'],
    ['control refused, callback left the IdP (federated login)', pair(offIdp, c.invalidRedirectUri), 'accepted'],
    ['a JavaScript-only login page for the callback, invalid_redirect_uri for the control', pair(c.jsLoginPage, c.invalidRedirectUri), 'accepted'],
    // Asked only before the callback, a control cannot show a limiter that started refusing after it.
    ['control refused for its redirect URI, asked only once', once(c.interaction, c.invalidRedirectUri), 'inconclusive'],
    ['Auth0 control refusal, asked only once', once(c.interaction, auth0), 'inconclusive'],
    ['control invalid_scope with a page naming redirect_uri, callback on a page', pair(c.interaction, c.jsonError('invalid_scope', 400, ['redirect_uri'])), 'accepted'],
    // (c) The callback went on while the control got the very same unexplained refusal before and after.
    ['control access_denied before and after, callback on a page', pair(c.interaction, c.jsonError('access_denied')), 'accepted'],
    ['control on-IdP error=access_denied before and after, callback on a page', pair(c.interaction, c.onIdpError('access_denied')), 'accepted'],
    ['control invalid_request without a description before and after, callback on a page', pair(c.interaction, c.jsonError('invalid_request')), 'accepted'],
    ['control invalid_request "The request is invalid" before and after, callback on a page', pair(c.interaction, described('invalid_request', 'The request is invalid')), 'accepted'],
    ['control a bare 401 before and after, callback on a page', pair(c.interaction, c.status(401)), 'accepted'],
    ['control a bare 403 before and after, callback left the IdP', pair(offIdp, c.empty(403)), 'accepted'],
    // (d) An open redirector for errors: the control sent back with an error both times, the callback to sign-in.
    ['control sent back to itself with error=invalid_request before and after, callback on a page', pair(c.interaction, c.toRedirectUri('invalid_request')), 'accepted'],
    ['control sent back to itself with error=access_denied before and after, callback on a page', pair(c.entraPage, c.toRedirectUri('access_denied')), 'accepted'],
    // (e) The control's page names a redirect-URI code and the callback landed elsewhere.
    ['Google: the control page names redirect_uri_mismatch, the callback page does not', pair(c.googlePage(), mismatch), 'accepted'],
    ['the control page names redirect_mismatch, the callback page does not', pair(c.googlePage(), c.googlePage(['redirect_mismatch'])), 'accepted'],
    ['the control page names a redirect code, the callback page another code', pair(c.googlePage(['access_denied']), mismatch), 'accepted'],
    ['Google, the control asked once', once(c.googlePage(), mismatch), 'accepted'],
  ])('%s', (_name, set, verdict) => {
    expect(judgeCallback(set).verdict).toBe(verdict);
  });

  it('carries both outcomes and states the callback and every control sample in the evidence', () => {
    const judgement = judgeCallback(pair(c.interaction, c.empty(403)));
    expect(judgement.callback.kind).toBe('page');
    expect(judgement.control.kind).toBe('refused');
    expect(judgement.evidence).toContain('callback: 303 → idp.example.com/interaction/uid-1, 200');
    expect(judgement.evidence).toContain('control: 403 (no OAuth error), then 403 (no OAuth error)');
  });
});

describe('judgeCallback: rejected', () => {
  it.each<[string, CallbackProbes, 'redirect' | 'client' | undefined]>([
    // The callback's refusal names the redirect URI.
    ['oidc-provider: both refused with invalid_redirect_uri', pair(c.invalidRedirectUri, c.invalidRedirectUri), 'redirect'],
    ['Cognito: both redirected to /error?error=redirect_mismatch', pair(c.onIdpError('redirect_mismatch'), c.onIdpError('redirect_mismatch')), 'redirect'],
    ['callback refused for its redirect URI, control on a page', pair(c.invalidRedirectUri, c.entraPage), 'redirect'],
    ['callback refused for its redirect URI, control redirected to (an open redirector)', pair(c.invalidRedirectUri, c.toRedirectUri()), 'redirect'],
    ['callback sent back to itself with error=redirect_uri_mismatch', pair(c.toRedirectUri('redirect_uri_mismatch'), c.invalidRedirectUri), 'redirect'],
    ['callback sent back to itself with error=invalid_redirect_uri, control on a page', pair(c.toRedirectUri('invalid_redirect_uri'), c.entraPage), 'redirect'],
    ['claude.com sent to the registered claude.ai callback with error=redirect_uri_mismatch', pair(toRegisteredWith('redirect_uri_mismatch'), c.invalidRedirectUri, 'claude-com'), 'redirect'],
    ['Auth0: both refused with unauthorized_client "Callback URL mismatch"', pair(auth0, auth0), 'redirect'],
    ['both refused with invalid_request describing the redirect_uri', pair(described('invalid_request', 'redirect_uri not registered'), described('invalid_request', 'redirect_uri not registered')), 'redirect'],
    ['both invalid_scope, the description names the redirect URI', pair(described('invalid_scope', 'redirect URI not allowed'), described('invalid_scope', 'redirect URI not allowed')), 'redirect'],
    ['both invalid_scope, the description names the callback', pair(described('invalid_scope', 'unknown callback'), described('invalid_scope', 'unknown callback')), 'redirect'],
    ['both invalid_scope, the page names redirect_uri', pair(c.jsonError('invalid_scope', 400, ['redirect_uri']), c.jsonError('invalid_scope', 400, ['redirect_uri'])), 'redirect'],
    ['both sent on the IdP to an invalid_request error page whose prose names redirect_uri', pair(errorPage('invalid_request', ['redirect_uri']), errorPage('invalid_request', ['redirect_uri'])), 'redirect'],
    // The client.
    ['both invalid_client', pair(c.jsonError('invalid_client'), c.jsonError('invalid_client')), 'client'],
    ['both 401 invalid_client', pair(c.jsonError('invalid_client', 401), c.jsonError('invalid_client', 401)), 'client'],
    ['both unauthorized_client, nothing about the callback', pair(c.jsonError('unauthorized_client'), c.jsonError('unauthorized_client')), 'client'],
    ['both unsupported_response_type', pair(c.jsonError('unsupported_response_type'), c.jsonError('unsupported_response_type')), 'client'],
    ['both invalid_request naming response_type', pair(described('invalid_request', 'response_type not allowed'), described('invalid_request', 'response_type not allowed')), 'client'],
    [
      'both refused: protocol error invalid_client, page also lists invalid_scope',
      pair(single({ status: 400, error: 'invalid_client', bodyCodes: ['invalid_client', 'invalid_scope'] }), single({ status: 400, error: 'invalid_client', bodyCodes: ['invalid_client', 'invalid_scope'] })),
      'client',
    ],
  ])('%s', (_name, set, blames) => {
    const judgement = judgeCallback(set);
    expect(judgement.verdict).toBe('rejected');
    expect(judgement.blames).toBe(blames);
  });

  it('says the callback and the message agree on a redirect to the callback that refuses it', () => {
    const judgement = judgeCallback(pair(c.toRedirectUri('redirect_uri_mismatch'), c.invalidRedirectUri));
    expect(judgement.callback.kind).toBe('refused');
    expect(judgement.evidence).not.toMatch(/redirected to the callback/);
  });
});

describe('judgeCallback: inconclusive', () => {
  it.each<[string, CallbackProbes]>([
    // A block that hits callback and control alike proves nothing.
    ['a bare 403 for the callback and both control samples', pair(c.empty(403), c.empty(403))],
    ['a bare 400 for the callback and both control samples', pair(c.empty(400), c.empty(400))],
    ['a WAF 403 page for all', pair(c.status(403), c.status(403))],
    ['a bare 401 for all', pair(c.status(401), c.status(401))],
    ['both access_denied', pair(c.jsonError('access_denied'), c.jsonError('access_denied'))],
    ['both on-IdP error=access_denied', pair(c.onIdpError('access_denied'), c.onIdpError('access_denied'))],
    ['both with an unknown code', pair(c.jsonError('vendor_specific_error'), c.jsonError('vendor_specific_error'))],
    ['both invalid_request without description', pair(c.jsonError('invalid_request'), c.jsonError('invalid_request'))],
    // Refusals about another parameter.
    ['both invalid_request naming state', pair(described('invalid_request', 'Invalid state parameter'), described('invalid_request', 'Invalid state parameter'))],
    ['both invalid_request naming nonce', pair(described('invalid_request', 'nonce is required'), described('invalid_request', 'nonce is required'))],
    ['both invalid_request naming scope', pair(described('invalid_request', 'scope must contain openid'), described('invalid_request', 'scope must contain openid'))],
    ['both invalid_request naming code_challenge', pair(described('invalid_request', 'code_challenge required'), described('invalid_request', 'code_challenge required'))],
    ['callback invalid_request naming state, control refused for its redirect URI', pair(described('invalid_request', 'state too short'), c.invalidRedirectUri)],
    ['both refused with invalid_scope', pair(c.jsonError('invalid_scope'), c.jsonError('invalid_scope'))],
    ['both refused with invalid_target', pair(c.jsonError('invalid_target'), c.jsonError('invalid_target'))],
    ['both redirected on the IdP with error=invalid_scope', pair(c.onIdpError('invalid_scope'), c.onIdpError('invalid_scope'))],
    ['callback invalid_scope, control refused for its redirect URI: the callback passed that check', pair(c.jsonError('invalid_scope'), c.invalidRedirectUri)],
    ['control refused with invalid_scope, callback on a page', pair(c.interaction, c.jsonError('invalid_scope'))],
    ['control refused with invalid_target, callback left the IdP', pair(offIdp, c.jsonError('invalid_target'))],
    ['control refused with invalid_request naming state, callback on a page', pair(c.interaction, described('invalid_request', 'Invalid state'))],
    // One unexplained control refusal, not asked again: nothing rules out a refusal of every request from then on.
    ['control a bare 403, asked once', once(c.interaction, c.empty(403))],
    ['control access_denied, asked once', once(c.interaction, c.jsonError('access_denied'))],
    ['control sent back to itself with error=access_denied, asked once', once(c.interaction, c.toRedirectUri('access_denied'))],
    // Both went on alike.
    ['Entra: the same sign-in page for both', pair(c.entraPage, c.entraPage)],
    ['the same JavaScript-only login page for both', pair(c.jsLoginPage, c.jsLoginPage)],
    ['both left the IdP', pair(offIdp, offIdp)],
    ['open redirector: the control is redirected to as well', pair(c.toRedirectUri(), c.toRedirectUri())],
    ['redirected to the callback, and the control on its second sample', pair(c.toRedirectUri(), c.invalidRedirectUri, 'claude-ai', c.toRedirectUri())],
    ['redirected to the callback, and the control with error=access_denied', pair(c.toRedirectUri(), c.toRedirectUri('access_denied'))],
    // Page text alone never rejects, and a redirect code on both pages accepts nothing.
    ['the callback page names redirect_uri_mismatch, the control page does not', pair(mismatch, c.googlePage())],
    ['the callback page names invalid_redirect_uri, the control page does not', pair(c.googlePage(['invalid_redirect_uri']), c.googlePage())],
    ['both land on the same page naming redirect_uri_mismatch', pair(mismatch, mismatch)],
    ['the control page names access_denied only', pair(c.googlePage(), c.googlePage(['access_denied']))],
    ['the control page names a redirect code, the callback page the same one', pair(mismatch, c.googlePage(['redirect_uri_mismatch', 'invalid_request']))],
    ['the control named a redirect code on the way, but both land on the same page', pair(c.googlePage(), earlyCode(['redirect_uri_mismatch']))],
    ['the callback page names an unrelated code, the control page none', pair(c.googlePage(['invalid_scope']), c.googlePage())],
    ['control refused, callback page names redirect_uri_mismatch', pair(mismatch, c.invalidRedirectUri)],
    ['control refused, callback page names redirect_mismatch', pair(c.googlePage(['redirect_mismatch']), c.invalidRedirectUri)],
    // The IdP could not answer.
    ['callback 408', pair(c.status(408), c.invalidRedirectUri)],
    ['callback rate limited (429)', pair(c.status(429), c.invalidRedirectUri)],
    ['callback 500', pair(c.status(500), c.invalidRedirectUri)],
    ['callback server error (503)', pair(c.status(503), c.invalidRedirectUri)],
    ['callback 400 server_error', pair(c.jsonError('server_error'), c.invalidRedirectUri)],
    ['callback on-IdP error=temporarily_unavailable', pair(c.onIdpError('temporarily_unavailable'), c.invalidRedirectUri)],
    ['callback on-IdP error=slow_down', pair(c.onIdpError('slow_down'), c.invalidRedirectUri)],
    ['callback still redirecting at the hop limit', pair(looping, c.invalidRedirectUri)],
    ['callback connection failure', pair(c.failure('reset'), c.invalidRedirectUri)],
    ['callback page, control connection failure', pair(c.interaction, c.failure('timeout'))],
    ['callback page, control rate limited', pair(c.interaction, c.status(429))],
    ['callback page, control 503', pair(c.interaction, c.status(503))],
    ['callback page, control 400 server_error', pair(c.interaction, c.jsonError('server_error'))],
    ['callback page, control on-IdP error=slow_down', pair(c.interaction, c.onIdpError('slow_down'))],
  ])('%s', (_name, set) => {
    expect(judgeCallback(set).verdict).toBe('inconclusive');
  });
});

describe('judgeCallback: bare-status refusals (issue 11, item 4)', () => {
  it.each<[string, Verdict, CallbackProbes]>([
    ['a 403 with an empty body for the control (before and after), the callback on to the login page', 'accepted', pair(c.interaction, c.empty(403))],
    ['a 400 with an empty body for the control (before and after), the callback on to the login page', 'accepted', pair(c.interaction, c.empty(400))],
    ['a registered URI reaches a JavaScript-only login page, the control a bare 403', 'accepted', pair(c.jsLoginPage, c.empty(403))],
    ['a registered URI reaches a JavaScript-only login page, the control a bare 400', 'accepted', pair(c.jsLoginPage, c.empty(400))],
    ['a block that hits callback and control alike with 403', 'inconclusive', pair(c.empty(403), c.empty(403))],
    ['a block that hits callback and control alike with 400', 'inconclusive', pair(c.empty(400), c.empty(400))],
    ['the callback 403, its control 400', 'inconclusive', pair(c.empty(403), c.empty(400))],
  ])('%s → %s', (_name, verdict, set) => {
    expect(judgeCallback(set).verdict).toBe(verdict);
  });

  it.each<[string, [Chain, Chain], [Chain, Chain], Verdict]>([
    ['403: claude.com blocked like its control while claude.ai went on → rejected', [c.empty(403), c.empty(403)], [c.jsLoginPage, c.empty(403)], 'rejected'],
    ['400: claude.com blocked like its control while claude.ai went on → rejected', [c.empty(400), c.empty(400)], [c.interaction, c.empty(400)], 'rejected'],
    ['403: a block that hits all four requests alike → inconclusive', [c.empty(403), c.empty(403)], [c.empty(403), c.empty(403)], 'inconclusive'],
    ['400: a block that hits all four requests alike → inconclusive', [c.empty(400), c.empty(400)], [c.empty(400), c.empty(400)], 'inconclusive'],
  ])('with the other callback as peer, %s', (_name, com, ai, verdict) => {
    const own = pair(com[0], com[1], 'claude-com');
    expect(judgeCallback(own, [pair(ai[0], ai[1]), own]).verdict).toBe(verdict);
  });
});

describe('judgeCallback: order and repetition never decide (issue 11, item 8)', () => {
  it.each<[string, CallbackProbes]>([
    ['a limiter refusing later requests with a bare 400, redirect_uri checked after sign-in: control page, then 400', pair(c.entraPage, c.entraPage, 'claude-ai', c.empty(400))],
    ['a limiter refusing later requests with an on-IdP error redirect: control page, then error=access_denied', pair(c.entraPage, c.entraPage, 'claude-ai', c.onIdpError('access_denied'))],
    ['a limiter refusing later requests with an error redirect to the URI sent: control page, then sent back', pair(c.entraPage, c.entraPage, 'claude-ai', c.toRedirectUri('access_denied'))],
    ['a limiter refusing later requests with 429: control page, then 429', pair(c.interaction, c.interaction, 'claude-ai', c.status(429))],
    ['a limiter that refused the callback and the later control alike: control page, then 400', pair(c.empty(400), c.entraPage, 'claude-ai', c.empty(400))],
    ['a limiter refusing earlier requests: control 400, then page', pair(c.entraPage, c.empty(400), 'claude-ai', c.entraPage)],
    ['a limiter refusing earlier requests: control access_denied, then page', pair(c.interaction, c.jsonError('access_denied'), 'claude-ai', c.interaction)],
    ['control 403, then 429', pair(c.interaction, c.empty(403), 'claude-ai', c.status(429))],
    ['control 403, then 400', pair(c.interaction, c.empty(403), 'claude-ai', c.empty(400))],
    ['control sent back with an error, then 403', pair(c.interaction, c.toRedirectUri('access_denied'), 'claude-ai', c.empty(403))],
    ['control 403 with one body, then 403 with another', pair(c.interaction, single({ status: 403, bodyDigest: 'one' }), 'claude-ai', single({ status: 403, bodyDigest: 'two' }))],
    ['control access_denied, then invalid_request', pair(c.interaction, c.jsonError('access_denied'), 'claude-ai', c.jsonError('invalid_request'))],
  ])('%s → inconclusive', (_name, set) => {
    expect(judgeCallback(set).verdict).toBe('inconclusive');
  });

  it.each<[string, Chain, Chain, Chain]>([
    ['page / 400', c.entraPage, c.entraPage, c.empty(400)],
    ['403 / page', c.interaction, c.empty(403), c.interaction],
    ['error redirect / 403', c.interaction, c.toRedirectUri('access_denied'), c.empty(403)],
    ['invalid_redirect_uri / invalid_redirect_uri', c.interaction, c.invalidRedirectUri, c.invalidRedirectUri],
    ['403 / 403', c.jsLoginPage, c.empty(403), c.empty(403)],
  ])('gives the same verdict whichever control sample came first (%s)', (_name, callback, first, second) => {
    expect(judgeCallback(pair(callback, first, 'claude-ai', second)).verdict).toBe(judgeCallback(pair(callback, second, 'claude-ai', first)).verdict);
  });
});

describe('judgeCallback: prompt=none (OpenID silent requests)', () => {
  it.each<[string, CallbackProbes, Verdict]>([
    ['Entra-like pages, prompt=none sends the callback back with login_required, not the control', withSilent(pair(c.entraPage, c.entraPage), c.toRedirectUri('login_required'), c.entraPage), 'accepted'],
    ['prompt=none sends the callback back with interaction_required, the control refused', withSilent(pair(c.entraPage, c.entraPage), c.toRedirectUri('interaction_required'), c.invalidRedirectUri), 'accepted'],
    ['a block hits every interactive request, prompt=none sends the callback back', withSilent(pair(c.empty(403), c.empty(403)), c.toRedirectUri('login_required'), c.empty(403)), 'accepted'],
    ['prompt=none sends both the callback and the control back', withSilent(pair(c.entraPage, c.entraPage), c.toRedirectUri('login_required'), c.toRedirectUri('login_required')), 'inconclusive'],
    ['prompt=none ignored: both on the sign-in page', withSilent(pair(c.entraPage, c.entraPage), c.entraPage, c.entraPage), 'inconclusive'],
    ['prompt=none refuses the callback naming the redirect URI', withSilent(pair(c.entraPage, c.entraPage), c.invalidRedirectUri, c.invalidRedirectUri), 'rejected'],
    ['prompt=none sends the callback back with error=redirect_uri_mismatch', withSilent(pair(c.entraPage, c.entraPage), c.toRedirectUri('redirect_uri_mismatch'), c.entraPage), 'rejected'],
  ])('%s', (_name, set, verdict) => {
    expect(judgeCallback(set).verdict).toBe(verdict);
  });
});

describe('judgeCallback with peers (the other Claude callback and its control)', () => {
  const judge = (com: [Chain, Chain], ai: [Chain, Chain]) => {
    const own = pair(com[0], com[1], 'claude-com');
    return judgeCallback(own, [pair(ai[0], ai[1]), own]).verdict;
  };
  it.each<[string, [Chain, Chain], [Chain, Chain], Verdict]>([
    ['Google: peer accepted, callback landed with its control', [mismatch, mismatch], [c.googlePage(), mismatch], 'rejected'],
    ['peer accepted on a 403 differential, callback got its control\'s 403', [c.empty(403), c.empty(403)], [c.interaction, c.empty(403)], 'rejected'],
    // (g) A wildcard on claude.com (`https://claude.com/*`): its control goes on just like the callbacks.
    ['wildcard: callback and control went on exactly as the accepted peer did', [c.interaction, c.interaction], [c.interaction, c.invalidRedirectUri], 'accepted'],
    ['peer accepted, callback went on exactly as it did, its own control elsewhere', [c.interaction, c.entraPage], [c.interaction, c.invalidRedirectUri], 'accepted'],
    // (e) Every control on every callback host lands on Google's refusal page; the callback elsewhere.
    ['Google: every control on the page naming redirect_uri_mismatch, the callback on the sign-in page', [googleSignIn, mismatch], [googleSignIn, mismatch], 'accepted'],
    // A host whose control goes on is no refusal for the callback there, even if it lands elsewhere than the peer.
    ['peer accepted after its control was refused; callback and its control on another page', [c.entraPage, c.entraPage], [c.interaction, c.invalidRedirectUri], 'inconclusive'],
    ['Google: all four land on the page naming redirect_uri_mismatch', [mismatch, mismatch], [mismatch, mismatch], 'inconclusive'],
    ['Entra: everything on the same sign-in page', [c.entraPage, c.entraPage], [c.entraPage, c.entraPage], 'inconclusive'],
    ['peer not accepted (inconclusive), callback landed with its control', [mismatch, mismatch], [mismatch, c.googlePage()], 'inconclusive'],
    ['peer accepted, but the callback landed elsewhere than its control', [c.interaction, c.entraPage], [c.googlePage(), mismatch], 'inconclusive'],
    ['peer accepted, callback refused with invalid_request naming state like its control', [described('invalid_request', 'bad state'), described('invalid_request', 'bad state')], [c.interaction, c.invalidRedirectUri], 'inconclusive'],
    ['Google: callback accepted on its own', [c.googlePage(), mismatch], [c.googlePage(), mismatch], 'accepted'],
    ['control refused: decided before peers count', [c.interaction, c.invalidRedirectUri], [c.interaction, c.invalidRedirectUri], 'accepted'],
    ['Auth0: peer accepted, callback refused with "Callback URL mismatch"', [auth0, auth0], [c.interaction, auth0], 'rejected'],
    ["peer redirected to its callback, but its last answer (302 at /authorize) looks like its control's", [offIdp, offIdp], [c.toRedirectUri(), offIdp], 'inconclusive'],
  ])('%s', (_name, com, ai, verdict) => {
    expect(judge(com, ai)).toBe(verdict);
  });

  it.each<[string, Chain, Chain]>([
    ['503, then a page', c.status(503), c.interaction],
    ['a connection failure, then a page', c.failure('reset'), c.interaction],
    ['403, then a page', c.empty(403), c.interaction],
  ])('gives the same verdict whichever control sample came first, with an accepted peer (%s)', (_name, first, second) => {
    const peer = pair(c.interaction, c.invalidRedirectUri);
    const inOrder = pair(c.interaction, first, 'claude-com', second);
    const swapped = pair(c.interaction, second, 'claude-com', first);
    expect(judgeCallback(inOrder, [peer, inOrder]).verdict).toBe(judgeCallback(swapped, [peer, swapped]).verdict);
  });

  it('gives the same verdict whichever control sample came first when the callback landed where the accepted peer\'s control did', () => {
    // claude.com lands on Google's refusal page, where claude.ai's control landed; its own control got a server error once and a 403 once.
    const peer = pair(c.googlePage(), mismatch);
    const inOrder = pair(mismatch, c.jsonError('server_error', 200), 'claude-com', c.empty(403));
    const swapped = pair(mismatch, c.empty(403), 'claude-com', c.jsonError('server_error', 200));
    expect(judgeCallback(inOrder, [peer, inOrder]).verdict).toBe(judgeCallback(swapped, [peer, swapped]).verdict);
  });

  it.each<[string, Chain]>([
    ['rate limited (429)', c.status(429)],
    ['a connection failure', c.failure('timeout')],
  ])('does not reject a callback that got no usable answer (%s) because the accepted peer\'s control got the same', (_name, unusable) => {
    // claude.ai was sent back to itself (accepted), while its control met the same outage.
    const own = pair(unusable, c.invalidRedirectUri, 'claude-com');
    const peer = pair(c.toRedirectUri(), unusable);
    expect(judgeCallback(peer, [peer, own]).verdict).toBe('accepted');
    expect(judgeCallback(own, [peer, own]).verdict).toBe('inconclusive');
  });

  it('does not take a redirect to another host for "went on exactly as" a peer redirected to its own callback', () => {
    // claude.ai is sent back at once (error=access_denied); claude.com and its control are sent on to an upstream IdP.
    const own = pair(offIdp, offIdp, 'claude-com');
    const peers = [pair(c.toRedirectUri('access_denied'), c.invalidRedirectUri), own];
    expect(judgeCallback(peers[0] as CallbackProbes, peers).verdict).toBe('accepted');
    expect(judgeCallback(own, peers).verdict).toBe('inconclusive');
    expect(judgeControl(own, peers).verdict).toBe('inconclusive');
  });

  it('does not count the callback as its own peer', () => {
    const own = pair(mismatch, mismatch);
    expect(judgeCallback(own, [own]).verdict).toBe('inconclusive');
  });

  it('blames the callback, not the client, for an Auth0 refusal when the other callback reached sign-in', () => {
    const own = pair(auth0, auth0, 'claude-com');
    expect(judgeCallback(own, [pair(c.interaction, auth0), own]).blames).toBe('redirect');
  });
});

describe('judgeRole: peers of the same kind only', () => {
  it('counts a hosted callback accepted on its own as the peer of the other hosted one (wildcard on claude.com)', () => {
    const facts = redirectFacts({
      'claude-ai': c.interaction,
      'claude-ai-control': c.invalidRedirectUri,
      'claude-com': c.interaction,
      'claude-com-control': c.interaction,
    });
    expect(judgeRole(facts, 'claude-com')?.verdict).toBe('accepted');
    expect(judgeRoleControl(facts, 'claude-com')?.verdict).toBe('accepted');
    expect(judgeRoleControl(facts, 'claude-ai')?.verdict).toBe('rejected');
  });

  it('does not count an accepted loopback callback as the peer of a hosted one', () => {
    const facts = redirectFacts({
      'loopback-localhost': c.interaction,
      'loopback-localhost-control': c.invalidRedirectUri,
      'claude-ai': c.interaction,
      'claude-ai-control': c.interaction,
      'claude-com': c.interaction,
      'claude-com-control': c.interaction,
    });
    expect(judgeRole(facts, 'loopback-localhost')?.verdict).toBe('accepted');
    expect(judgeRole(facts, 'claude-ai')?.verdict).toBe('inconclusive');
    expect(judgeRole(facts, 'claude-com')?.verdict).toBe('inconclusive');
    expect(judgeRoleControl(facts, 'claude-ai')?.verdict).toBe('inconclusive');
  });

  it('lets an accepted hosted callback show the refusal page a loopback one lands on (rejection needs no same kind)', () => {
    const facts = redirectFacts({
      'claude-ai': c.googlePage(),
      'claude-ai-control': mismatch,
      'loopback-127': mismatch,
      'loopback-127-control': mismatch,
    });
    expect(judgeRole(facts, 'claude-ai')?.verdict).toBe('accepted');
    expect(judgeRole(facts, 'loopback-127')?.verdict).toBe('rejected');
  });
});

describe('judgeControl', () => {
  it.each<[string, CallbackProbes, Verdict]>([
    ['redirected to the control URI', pair(c.interaction, c.toRedirectUri()), 'accepted'],
    ['redirected to the control URI with an error', pair(c.interaction, c.toRedirectUri('invalid_scope')), 'accepted'],
    ['redirected to the control URI with error=redirect_uri_mismatch (an open redirect all the same)', pair(c.interaction, c.toRedirectUri('redirect_uri_mismatch')), 'accepted'],
    ['redirected to the control URI on its second sample only', pair(c.interaction, c.invalidRedirectUri, 'claude-ai', c.toRedirectUri('access_denied')), 'accepted'],
    ['redirected to the control URI by prompt=none only', withSilent(pair(c.entraPage, c.invalidRedirectUri), c.toRedirectUri('login_required'), c.toRedirectUri('login_required')), 'accepted'],
    ['400 invalid_redirect_uri', pair(c.interaction, c.invalidRedirectUri), 'rejected'],
    ['Cognito redirect_mismatch', pair(c.interaction, c.onIdpError('redirect_mismatch')), 'rejected'],
    ['Auth0 unauthorized_client "Callback URL mismatch"', pair(c.interaction, auth0), 'rejected'],
    ['400 invalid_request', pair(c.interaction, c.jsonError('invalid_request')), 'rejected'],
    ['400 with an unknown code', pair(c.interaction, c.jsonError('vendor_specific_error')), 'rejected'],
    ['a bare 403', pair(c.interaction, c.empty(403)), 'rejected'],
    ['400 invalid_scope naming redirect_uri', pair(c.interaction, c.jsonError('invalid_scope', 400, ['redirect_uri'])), 'rejected'],
    ['400 invalid_scope', pair(c.interaction, c.jsonError('invalid_scope')), 'inconclusive'],
    ['400 invalid_target', pair(c.interaction, c.jsonError('invalid_target')), 'inconclusive'],
    ['400 invalid_request naming state', pair(c.interaction, described('invalid_request', 'Invalid state')), 'inconclusive'],
    ['400 server_error', pair(c.interaction, c.jsonError('server_error')), 'inconclusive'],
    ['a sign-in page', pair(c.interaction, c.entraPage), 'inconclusive'],
    ['a page naming redirect_uri_mismatch', pair(c.interaction, mismatch), 'inconclusive'],
    ['429', pair(c.interaction, c.status(429)), 'inconclusive'],
    ['connection failure', pair(c.interaction, c.failure()), 'inconclusive'],
    ['left the IdP', pair(c.interaction, offIdp), 'inconclusive'],
    // Order must not decide: a control answered differently before and after is not a refusal.
    ['a bare 403, then a sign-in page', pair(c.interaction, c.empty(403), 'claude-ai', c.entraPage), 'inconclusive'],
    ['a sign-in page, then a bare 403', pair(c.interaction, c.entraPage, 'claude-ai', c.empty(403)), 'inconclusive'],
  ])('%s', (_name, set, verdict) => {
    for (const role of ['claude-ai', 'claude-com'] as const) {
      const renamed: CallbackProbes = {
        callback: { ...set.callback, role },
        controls: set.controls.map((s) => ({ ...s, role: `${role}-control` as CandidateRole })),
        ...(set.silent ? { silent: set.silent } : {}),
      };
      expect(judgeControl(renamed).verdict).toBe(verdict);
    }
  });

  it('summarises the control sample that shows the verdict', () => {
    expect(judgeControl(pair(c.interaction, c.invalidRedirectUri, 'claude-ai', c.toRedirectUri('access_denied'))).summary).toBe(
      classifyChain(candidate('claude-ai-control', c.toRedirectUri('access_denied'), { sample: 2 })).summary,
    );
    expect(judgeControl(pair(c.interaction, c.empty(403))).summary).toBe('403 (no OAuth error)');
  });

  it('accepts the control of a wildcard host: it went on exactly as the accepted callback of the other host', () => {
    const own = pair(c.interaction, c.interaction, 'claude-com');
    const peer = pair(c.interaction, c.invalidRedirectUri);
    expect(judgeControl(own, [peer, own]).verdict).toBe('accepted');
    expect(judgeControl(peer, [peer, own]).verdict).toBe('rejected');
  });

  it('does not accept a control that went on elsewhere than the accepted callback', () => {
    const own = pair(c.interaction, c.entraPage, 'claude-com');
    expect(judgeControl(own, [pair(c.interaction, c.invalidRedirectUri), own]).verdict).toBe('inconclusive');
  });
});

describe('refusedForResponseType', () => {
  const about = (errorDescription: string, bodyMentions: string[] = []) => c.jsonError('invalid_request', 400, bodyMentions, errorDescription);
  it.each<[string, CandidateRole, Chain, string | undefined]>([
    ['400 unauthorized_client', 'client-default', c.jsonError('unauthorized_client'), 'unauthorized_client'],
    ['400 unsupported_response_type', 'client-default', c.jsonError('unsupported_response_type'), 'unsupported_response_type'],
    ['an on-IdP redirect with error=unauthorized_client', 'client-default', c.onIdpError('unauthorized_client'), 'unauthorized_client'],
    ['a page naming unauthorized_client with 400', 'client-default', () => ({ hops: [{ status: 400, bodyCodes: ['unauthorized_client'] }] }), 'unauthorized_client'],
    ['invalid_request, body mentions response_type', 'client-default', c.jsonError('invalid_request', 400, ['response_type']), 'invalid_request'],
    ['invalid_request, description mentions response_type', 'client-default', about('response_type not allowed'), 'invalid_request'],
    ['invalid_request, description says "response type"', 'client-default', about('Unsupported Response Type'), 'invalid_request'],
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
    // A refusal that blames the redirect URI or the callback is about the callback, whatever its code.
    ['Auth0: unauthorized_client, "Callback URL mismatch"', 'claude-ai', auth0, undefined],
    ['unauthorized_client describing the redirect_uri', 'claude-ai', c.jsonError('unauthorized_client', 400, [], 'redirect_uri not allowed for this client'), undefined],
    ['unsupported_response_type describing the callback', 'claude-com', c.jsonError('unsupported_response_type', 400, [], 'callback URL not allowed'), undefined],
    ['unauthorized_client with a page naming redirect_uri', 'claude-ai', c.jsonError('unauthorized_client', 400, ['redirect_uri']), undefined],
    [
      'redirect to the callback with error=unauthorized_client describing the callback',
      'claude-ai',
      (uri) => ({
        hops: [{ status: 302, location: `${uri}?error=unauthorized_client&state=s`, error: 'unauthorized_client', errorDescription: 'callback not allowed' }],
        stop: 'left-idp',
      }),
      undefined,
    ],
    ['invalid_request, body mentions response_type and redirect_uri', 'client-default', c.jsonError('invalid_request', 400, ['response_type', 'redirect_uri']), undefined],
    ['invalid_request, description names response_type and the redirect_uri', 'claude-ai', about('response_type code requires a registered redirect_uri'), undefined],
    ['invalid_request, description names response_type and the callback', 'claude-ai', about('response_type ok, callback URL unknown'), undefined],
    ['invalid_request, body mentions response_type, description names the redirect', 'claude-ai', about('Invalid redirect', ['response_type']), undefined],
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
