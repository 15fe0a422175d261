import * as oidc from 'openid-client';
import { listed } from '../../protocol/json.js';
import type { HttpClient } from '../../transport/http.js';
import { redactUrl } from '../../transport/redact.js';
import { tokenFacts } from '../../protocol/jwt.js';
import type { JsonObject, LoginFacts, LoginFailure, ProbeState } from '../../types.js';
import { openBrowser } from './browser.js';
import { awaitCallback } from './callback.js';
import { obtainClient } from './client.js';
import { startLoopback } from './loopback.js';
import { describeOidcError, openidConfiguration } from './openid.js';
import { Route } from './route.js';
import { loginSession, type LoginSession } from './session.js';

export type { LoginSession } from './session.js';

/** What a sign-in needs, already decided by the probes before it. */
export interface LoginInput {
  metadata: JsonObject;
  /** The issuer the run follows (the server's `authorization_servers[0]`), for the private-address check. */
  issuer: string;
  /** The scope Claude asks for (challenge, then protected-resource metadata, then the IdP's). */
  scope?: string;
  /** The RFC 8707 resource: the MCP server URL. */
  resource?: string;
  clientId?: string;
  /** `CONNECTOR_CLIENT_SECRET`, for a confidential `--client-id`. */
  secret?: string;
  cimdClientId?: string;
  timeoutMs: number;
  env: Readonly<Record<string, string | undefined>>;
  signal?: AbortSignal;
  /** The run's secrets: every code, verifier and token of the sign-in is added, so no output can hold one. */
  secrets: string[];
  /** Tells the person where to sign in (stderr), whether or not a browser opens. */
  announce(url: string): void;
}

/** Claude appends `offline_access` when the IdP lists it in `scopes_supported`. */
function loginScope(scope: string | undefined, metadata: JsonObject): string | undefined {
  const words = scope ? scope.split(' ').filter(Boolean) : [];
  if (listed(metadata.scopes_supported, 'offline_access') && !words.includes('offline_access')) words.push('offline_access');
  return words.length > 0 ? words.join(' ') : undefined;
}

/**
 * Signs in as Claude Code does (MCP Authorization; RFC 8252 loopback redirect; PKCE S256; `state`;
 * RFC 8707 `resource`; RFC 9207 `iss`), with a person at the browser. Nothing is stored: the tokens
 * stay in memory, and the loopback listener is closed before this returns, however the sign-in ends.
 */
export async function probeLogin(http: HttpClient, input: LoginInput): Promise<{ state: ProbeState<LoginFacts>; session?: LoginSession }> {
  const listener = await startLoopback();
  const route = new Route(http, input.signal);
  const facts: LoginFacts = {
    client: { source: 'none' },
    redirectUri: listener.redirectUri,
    outcome: { status: 'failed', failure: 'timeout', detail: 'not started' },
    exchangeIds: [],
  };
  const scope = loginScope(input.scope, input.metadata);
  if (scope) facts.scope = scope;
  if (input.resource) facts.resource = redactUrl(input.resource);
  const ended = (failure: LoginFailure, detail: string, error?: string) => {
    facts.outcome = { status: 'failed', failure, detail, ...(error ? { error } : {}) };
    return { state: { status: 'ok' as const, value: facts } };
  };
  const client = await obtainClient(http, { ...input, redirectUri: listener.redirectUri, exchangeIds: facts.exchangeIds, route }).catch((error: unknown) => ({
    failure: 'registration' as const,
    detail: describeOidcError(error).detail,
  }));
  if ('failure' in client) {
    await listener.close();
    return ended(client.failure, client.detail);
  }
  facts.client = client.facts;
  let session: LoginSession | undefined;
  const release = async () => {
    await client.release();
    await route.close();
  };
  try {
    const config = openidConfiguration(route, { metadata: input.metadata, clientId: client.clientId, secret: client.secret, authMethod: client.authMethod }, facts.exchangeIds, input.secrets);
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    input.secrets.push(verifier);
    const url = oidc.buildAuthorizationUrl(config, {
      response_type: 'code',
      redirect_uri: listener.redirectUri,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      ...(scope ? { scope } : {}),
      ...(input.resource ? { resource: input.resource } : {}),
    });
    // Ctrl-C while the client was obtained: no browser opens after "interrupted".
    if (input.signal?.aborted) return ended('timeout', 'interrupted');
    input.announce(url.href);
    openBrowser(url.href, input.env);
    const issuer = typeof input.metadata.issuer === 'string' ? input.metadata.issuer : undefined;
    const callback = { issuer, issAdvertised: input.metadata.authorization_response_iss_parameter_supported === true, state, timeoutMs: input.timeoutMs, signal: input.signal };
    const result = await awaitCallback(listener, callback, facts);
    if (result.kind === 'failed') return ended(result.failure, result.detail, result.error);
    input.secrets.push(result.url.searchParams.get('code') as string);
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(config, result.url, { pkceCodeVerifier: verifier, expectedState: state, idTokenExpected: false }, input.resource ? { resource: input.resource } : undefined);
    } catch (error) {
      const { error: code, detail } = describeOidcError(error);
      listener.answer(false, `The code could not be exchanged for a token: ${detail}`);
      return ended('exchange', `the token request failed: ${http.clean(detail, 300)}`, code);
    }
    for (const secret of [tokens.access_token, tokens.refresh_token]) if (secret) input.secrets.push(secret);
    listener.answer(true, 'connector-lint has a token and is now checking your connector with it.');
    facts.outcome = { status: 'completed' };
    facts.token = tokenFacts(tokens);
    session = loginSession(http, config, facts, tokens, { metadata: input.metadata, resource: input.resource, signal: input.signal, secrets: input.secrets, route, release });
    return { state: { status: 'ok', value: facts }, session };
  } finally {
    await listener.close();
    if (!session) await release();
  }
}
