import * as oidc from 'openid-client';
import { sanitize } from '../../../shared/sanitize.js';
import type { HttpClient } from '../../transport/http.js';
import { tamperedToken, tokenFacts } from '../../protocol/jwt.js';
import type { JsonObject, LoginFacts, ProbeState } from '../../types.js';
import { openBrowser } from './browser.js';
import { obtainClient } from './client.js';
import { startLoopback, type LoopbackListener } from './loopback.js';
import { describeOidcError, openidConfiguration } from './openid.js';

/** What a sign-in needs, already decided by the probes before it. */
export interface LoginInput {
  metadata: JsonObject;
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

/** A completed sign-in: the token in memory only, and what is left to do with it. */
export interface LoginSession {
  accessToken: string;
  /** The token with one payload byte changed, for `invalid-token-401`. */
  tamperedToken: string;
  /** Tries the refresh grant as Claude would before the token expires; records `refresh` in the facts. */
  refresh(): Promise<void>;
  /** Revokes every token obtained (RFC 7009) and deletes a client registered for the sign-in. */
  end(): Promise<void>;
}

const listed = (value: unknown, item: string) => Array.isArray(value) && value.includes(item);

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
  const facts: LoginFacts = {
    client: { source: 'none', confidential: false },
    redirectUri: listener.redirectUri,
    outcome: { status: 'failed', failure: 'timeout', detail: 'not started' },
    exchangeIds: [],
  };
  const scope = loginScope(input.scope, input.metadata);
  if (scope) facts.scope = scope;
  if (input.resource) facts.resource = input.resource;
  const fail = (failure: Extract<LoginFacts['outcome'], { status: 'failed' }>['failure'], detail: string, error?: string) => {
    facts.outcome = { status: 'failed', failure, detail, ...(error ? { error } : {}) };
    return { state: { status: 'ok' as const, value: facts } };
  };
  // After Ctrl-C the run's client sends nothing more; undoing what the sign-in created still must.
  let unbound: HttpClient | undefined;
  const cleanup = () => (input.signal?.aborted ? (unbound ??= http.unbound()) : http);
  const client = await obtainClient(http, { ...input, redirectUri: listener.redirectUri, exchangeIds: facts.exchangeIds, cleanup }).catch((error: unknown) => ({
    failure: 'registration' as const,
    detail: describeOidcError(error).detail,
  }));
  if ('failure' in client) {
    await listener.close();
    return fail(client.failure, client.detail);
  }
  facts.client = client.facts;
  if (client.secret) input.secrets.push(client.secret);
  let session: LoginSession | undefined;
  try {
    const config = openidConfiguration(cleanup, input.metadata, client.clientId, client.secret, facts.exchangeIds);
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
    input.announce(url.href);
    openBrowser(url.href, input.env);
    const result = await awaitCallback(listener, input, state, facts);
    if (result.kind === 'failed') return fail(result.failure, result.detail, result.error);
    const code = result.url.searchParams.get('code') as string;
    input.secrets.push(code);
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(
        config,
        result.url,
        { pkceCodeVerifier: verifier, expectedState: state },
        input.resource ? { resource: input.resource } : undefined,
      );
    } catch (error) {
      const { error: code, detail } = describeOidcError(error);
      listener.answer(false, `The code could not be exchanged for a token: ${detail}`);
      return fail('exchange', `the token request failed: ${http.clean(detail, 300)}`, code);
    }
    for (const secret of [tokens.access_token, tokens.refresh_token, tokens.id_token]) if (secret) input.secrets.push(secret);
    listener.answer(true, 'connector-lint has a token and is now checking your connector with it.');
    facts.outcome = { status: 'completed' };
    facts.token = tokenFacts(tokens);
    session = signedIn(http, config, facts, tokens, input, async () => {
      await client.release();
      await unbound?.close();
    });
    return { state: { status: 'ok', value: facts }, session };
  } finally {
    await listener.close();
    if (!session) {
      await client.release();
      await unbound?.close();
    }
  }
}

/** The callback's query once `state` and `iss` held, or why the sign-in ended there. */
type CallbackResult = { kind: 'callback'; url: URL } | { kind: 'failed'; failure: Extract<LoginFacts['outcome'], { status: 'failed' }>['failure']; detail: string; error?: string };

/** Waits for the browser at the loopback listener, and checks `state` and `iss` of what it brings. */
async function awaitCallback(listener: LoopbackListener, input: LoginInput, state: string, facts: LoginFacts): Promise<CallbackResult> {
  const outcome = await listener.callback(input.timeoutMs, input.signal);
  if (outcome.kind === 'timeout') return { kind: 'failed', failure: 'timeout', detail: `no sign-in reached ${listener.redirectUri} within ${Math.round(input.timeoutMs / 1000)} s` };
  if (outcome.kind === 'aborted') return { kind: 'failed', failure: 'timeout', detail: 'interrupted' };
  const params = outcome.url.searchParams;
  const iss = params.get('iss');
  facts.callback = iss === null ? {} : { iss: sanitize(iss, 300) };
  const reject = (failure: Extract<CallbackResult, { kind: 'failed' }>['failure'], detail: string, error?: string): CallbackResult => {
    listener.answer(false, detail);
    return { kind: 'failed', failure, detail, ...(error ? { error } : {}) };
  };
  // State first: an answer to another request says nothing about this one, error or not.
  if (params.get('state') !== state) return reject('state-mismatch', `the callback's \`state\` is ${params.has('state') ? 'not the one sent' : 'missing'}`);
  if (iss !== null ? iss !== input.issuer : input.metadata.authorization_response_iss_parameter_supported === true) {
    return reject('iss-mismatch', iss === null ? 'the callback has no `iss` although the IdP advertises `authorization_response_iss_parameter_supported`' : `the callback's \`iss\` is \`${iss}\`, not the issuer \`${input.issuer}\` (RFC 9207)`);
  }
  const error = params.get('error');
  if (error !== null) {
    const description = params.get('error_description');
    const detail = `the IdP answered \`error=${error}\`${description ? `: ${description}` : ''}`;
    return reject(error === 'access_denied' ? 'denied' : 'idp-error', detail, error);
  }
  if (!params.get('code')) return reject('idp-error', 'the callback carries neither `code` nor `error`');
  return { kind: 'callback', url: outcome.url };
}

function signedIn(
  http: HttpClient,
  config: oidc.Configuration,
  facts: LoginFacts,
  tokens: { access_token: string; refresh_token?: string },
  input: LoginInput,
  release: () => Promise<void>,
): LoginSession {
  const issued = { access: [tokens.access_token], refresh: tokens.refresh_token ? [tokens.refresh_token] : [] };
  const keep = (t: { access_token: string; refresh_token?: string }) => {
    for (const secret of [t.access_token, t.refresh_token]) if (secret) input.secrets.push(secret);
    issued.access.push(t.access_token);
    if (t.refresh_token) issued.refresh.push(t.refresh_token);
  };
  const parameters = input.resource ? { resource: input.resource } : undefined;
  const tampered = tamperedToken(tokens.access_token);
  // Nearly the real token: a server that echoes it must not put it in the report either.
  input.secrets.push(tampered);
  return {
    accessToken: tokens.access_token,
    tamperedToken: tampered,
    async refresh() {
      const first = facts.exchangeIds.length;
      const refresh: NonNullable<LoginFacts['refresh']> = {
        grantAdvertised: listed(input.metadata.grant_types_supported, 'refresh_token'),
        offlineAccessRequested: facts.scope?.split(' ').includes('offline_access') ?? false,
        outcome: 'no-refresh-token',
        exchangeIds: [],
      };
      facts.refresh = refresh;
      const old = tokens.refresh_token;
      if (old) {
        try {
          const next = await oidc.refreshTokenGrant(config, old, parameters);
          keep(next);
          refresh.outcome = 'refreshed';
          refresh.rotated = next.refresh_token !== undefined && next.refresh_token !== old;
          if (refresh.rotated) {
            // Whether the replaced token still works: rotation without revocation of the old one.
            refresh.oldStillWorks = await oidc.refreshTokenGrant(config, old, parameters).then(
              (again) => (keep(again), true),
              () => false,
            );
          }
        } catch (error) {
          refresh.outcome = 'failed';
          refresh.detail = http.clean(describeOidcError(error).detail, 300);
        }
      }
      refresh.exchangeIds = facts.exchangeIds.slice(first);
    },
    async end() {
      try {
        if (typeof input.metadata.revocation_endpoint !== 'string') {
          facts.revocation = { status: 'not-offered' };
          return;
        }
        const failures: string[] = [];
        // Refresh tokens first: revoking one also ends the access tokens of its grant at most IdPs.
        const all: [string, string][] = [...issued.refresh.map((t): [string, string] => [t, 'refresh_token']), ...issued.access.map((t): [string, string] => [t, 'access_token'])];
        for (const [token, hint] of all) {
          await oidc.tokenRevocation(config, token, { token_type_hint: hint }).catch((error: unknown) => {
            const { error: code, detail } = describeOidcError(error);
            // RFC 7009 §2.2.1: an IdP may decline to revoke access tokens (self-contained JWTs); they expire.
            if (!(hint === 'access_token' && code === 'unsupported_token_type')) failures.push(http.clean(detail, 200));
          });
        }
        facts.revocation = failures.length === 0 ? { status: 'revoked' } : { status: 'failed', detail: failures[0] as string };
      } finally {
        await release();
      }
    },
  };
}
