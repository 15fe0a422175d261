import { randomBytes, randomInt } from 'node:crypto';
import * as oauth from 'openid-client';
import { callbackUri, callbacksFor } from '../judgement/callbacks.js';
import { isLoopbackRole } from '../judgement/claude.js';
import type { HttpClient } from '../transport/http.js';
import { hostOf, parseHttpUrl, privateLinkFrom } from '../transport/url.js';
import type { CallbackRole, CandidateProbe, ClientSource, JsonObject, ProbeId, ProbeState, RedirectProbeFacts } from '../types.js';
import { listed } from '../protocol/json.js';
import { followChain, type AuthorizationRequest } from './authorization-request.js';

export interface RedirectProbeInput {
  metadata: JsonObject;
  issuer?: string;
  clientId: string;
  clientSource: ClientSource;
  scope?: string;
  resource?: string;
}

/** What makes a control: a suffix on its callback's path that no IdP can have registered. */
const CONTROL_SUFFIX = '-connector-lint-';
const CONTROL_SUFFIX_LENGTH = CONTROL_SUFFIX.length + 8;

/** A sibling of a callback that no IdP can have registered: it isolates path matching on that host. */
function controlUri(callback: string): string {
  return `${callback}${CONTROL_SUFFIX}${randomBytes(4).toString('hex')}`;
}

/** A loopback callback gets an ephemeral port (RFC 8252 §7.3), chosen afresh as Claude Code does. */
function concreteUri(role: CallbackRole): string {
  return callbackUri(role, randomInt(49152, 65536));
}

/**
 * Whether an OpenID provider will answer `prompt=none`: it lists `none` in `prompt_values_supported`,
 * or it does not list prompt values but is an OpenID provider (`openid` scope, ID tokens).
 */
function answersSilently(metadata: JsonObject): boolean {
  const prompts = metadata.prompt_values_supported;
  if (Array.isArray(prompts)) return prompts.includes('none');
  const scopes = metadata.scopes_supported;
  return listed(scopes, 'openid') || Array.isArray(metadata.id_token_signing_alg_values_supported);
}

/** `openid` added to the scope: OIDC defines `prompt=none` for OpenID requests only. */
function silentScope(scope: string | undefined): string {
  const scopes = (scope ?? '').split(' ').filter(Boolean);
  return scopes.includes('openid') ? scopes.join(' ') : ['openid', ...scopes].join(' ');
}

type Planned = Omit<CandidateProbe, 'hops' | 'stop'> & { scope?: string };

async function authorizationRequest(endpoint: string, input: RedirectProbeInput, planned: Planned): Promise<AuthorizationRequest> {
  const url = new URL(endpoint);
  // A callback's `state` is as much longer as its control's redirect URI is: every request of a pair
  // has the same length, so a length limit in front of the IdP cannot refuse only the controls.
  const padded = planned.redirectUri !== undefined && !planned.role.endsWith('-control');
  const state = `${oauth.randomState()}${padded ? randomBytes(CONTROL_SUFFIX_LENGTH).toString('base64url').slice(0, CONTROL_SUFFIX_LENGTH) : ''}`;
  const challenge = await oauth.calculatePKCECodeChallenge(oauth.randomPKCECodeVerifier());
  const params: Record<string, string | undefined> = {
    response_type: 'code',
    client_id: input.clientId,
    redirect_uri: planned.redirectUri,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    scope: planned.scope,
    resource: input.resource,
    prompt: planned.prompt,
  };
  for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value);
  const { scope: _scope, ...probe } = planned;
  return { probe, url: url.href, sent: [planned.redirectUri, state, challenge].filter((v): v is string => v !== undefined) };
}

/**
 * The differential redirect-URI probe: the authorization request Claude sends (response_type=code,
 * PKCE S256, state, scope, resource) with each Claude callback, an unregistered control on the same
 * host, and no redirect_uri at all (which shows whether the client may use the code flow). Sent in
 * waves so that order cannot decide a verdict: the controls first, then the callbacks (and the OIDC
 * `prompt=none` requests), then the controls again.
 */
export async function probeRedirectUris(
  http: HttpClient,
  input: RedirectProbeInput,
  probeId: Extract<ProbeId, 'redirectUris' | 'cimd'> = 'redirectUris',
): Promise<ProbeState<RedirectProbeFacts>> {
  const endpoint = input.metadata.authorization_endpoint;
  if (typeof endpoint !== 'string' || !parseHttpUrl(endpoint)) {
    return { status: 'failed', reason: 'the metadata has no usable `authorization_endpoint`' };
  }
  // A public issuer naming a private endpoint: Claude cannot reach it, and the linter does not go there.
  if (input.issuer && privateLinkFrom(input.issuer, endpoint)) {
    return { status: 'failed', reason: `\`authorization_endpoint\` is a private address (\`${endpoint}\`); not probed` };
  }
  const idpHosts = new Set([hostOf(endpoint), hostOf(input.issuer)].filter((h): h is string => Boolean(h)));
  const send = (planned: Planned[]) =>
    Promise.all(planned.map(async (p) => followChain(http, probeId, await authorizationRequest(endpoint, input, p), idpHosts)));

  const roles = callbacksFor(input.clientSource);
  const silent = answersSilently(input.metadata);
  const uris = new Map(roles.map((role) => [role, concreteUri(role)]));
  const controls = new Map(roles.map((role) => [role, controlUri(uris.get(role) as string)]));
  const hosted = roles.filter((role) => !isLoopbackRole(role));
  const first = await send([
    ...roles.map((role): Planned => ({ role: `${role}-control`, sample: 1, redirectUri: controls.get(role), scope: input.scope })),
    ...(silent ? hosted.map((role): Planned => ({ role: `${role}-control`, sample: 1, prompt: 'none', redirectUri: controls.get(role), scope: silentScope(input.scope) })) : []),
  ]);
  const second = await send([
    ...roles.map((role): Planned => ({ role, redirectUri: uris.get(role), scope: input.scope })),
    ...(silent ? hosted.map((role): Planned => ({ role, prompt: 'none', redirectUri: uris.get(role), scope: silentScope(input.scope) })) : []),
    ...(input.clientSource === 'cimd' ? [] : [{ role: 'client-default', scope: input.scope } satisfies Planned]),
  ]);
  // Every control again, after its callback: an answer that changed in between (a limiter, a bot
  // wall, a waiting room) then shows, whatever the first answer was.
  const third = await send(first.map((c): Planned => ({ role: c.role, sample: 2, prompt: c.prompt, redirectUri: c.redirectUri, scope: c.prompt ? silentScope(input.scope) : input.scope })));
  return {
    status: 'ok',
    value: {
      clientId: input.clientId,
      clientSource: input.clientSource,
      authorizationEndpoint: endpoint,
      idpHosts: [...idpHosts],
      scope: input.scope,
      resource: input.resource,
      candidates: [...first, ...second, ...third],
    },
  };
}

/** The scope Claude asks for when the server names none: the AS's `scopes_supported`. */
export function defaultScope(metadata: JsonObject): string | undefined {
  const scopes = metadata.scopes_supported;
  if (!Array.isArray(scopes)) return undefined;
  const list = scopes.filter((s): s is string => typeof s === 'string');
  return list.length > 0 ? list.join(' ') : undefined;
}
