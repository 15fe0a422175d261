import * as oidc from 'openid-client';
import { listed } from '../../protocol/json.js';
import type { HttpClient } from '../../transport/http.js';
import { tamperedToken, tokenFacts } from '../../protocol/jwt.js';
import type { JsonObject, LoginFacts, RefreshFacts } from '../../types.js';
import { describeOidcError } from './openid.js';
import type { Route } from './route.js';

/** A completed sign-in: the token in memory only, and what is left to do with it. */
export interface LoginSession {
  accessToken: string;
  /** The token with one byte changed, for `invalid-token-401`. */
  tamperedToken: string;
  /** Tries the refresh grant as Claude would before the token expires; records `refresh` in the facts. */
  refresh(): Promise<void>;
  /** Revokes every token obtained (RFC 7009) and deletes a client registered for the sign-in. */
  end(): Promise<void>;
}

interface Tokens {
  access_token: string;
  refresh_token?: string;
}

export interface SessionInput {
  metadata: JsonObject;
  resource?: string;
  signal?: AbortSignal;
  secrets: string[];
  route: Route;
  /** Deletes a client registered for the sign-in. */
  release(): Promise<void>;
}

/** The session of tokens a sign-in obtained; every token it sees is added to the run's secrets. */
export function loginSession(http: HttpClient, config: oidc.Configuration, facts: LoginFacts, tokens: Tokens, input: SessionInput): LoginSession {
  const issued = { access: [tokens.access_token], refresh: tokens.refresh_token ? [tokens.refresh_token] : [] };
  const keep = (t: Tokens) => {
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
      const refresh: RefreshFacts = {
        grantAdvertised: listed(input.metadata.grant_types_supported, 'refresh_token'),
        offlineAccessRequested: facts.scope?.split(' ').includes('offline_access') ?? false,
        outcome: 'no-refresh-token',
        exchangeIds: [],
      };
      facts.refresh = refresh;
      const old = tokens.refresh_token;
      if (old && !input.signal?.aborted) {
        try {
          const next = await oidc.refreshTokenGrant(config, old, parameters);
          keep(next);
          refresh.outcome = 'refreshed';
          const audience = tokenFacts(next).audience;
          const before = facts.token?.audience;
          // The same `resource` on refresh must give a token for the same server.
          if (audience && before && audience.join(' ') !== before.join(' ')) refresh.audience = audience;
          refresh.rotated = next.refresh_token !== undefined && next.refresh_token !== old;
          if (refresh.rotated) {
            // Whether the replaced token still works: rotation without revocation of the old one.
            // (An IdP with reuse detection may end the whole grant here; the run revokes it anyway.)
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
      input.route.undo();
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
        await input.release();
      }
    },
  };
}
