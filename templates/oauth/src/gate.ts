import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerAuthChallengeResponse, verifyBearerToken, type AuthInfo, type OAuthTokenVerifier } from '@modelcontextprotocol/server';
import { rpcError } from './http.js';
import { KeysUnavailable } from './keys.js';

export interface BearerGateOptions {
  verifier: OAuthTokenVerifier;
  /** Scopes every token must carry (`OAUTH_SCOPES`); they are also the ones the challenge asks for. */
  requiredScopes: string[];
  /** This server's protected-resource metadata URL, named in every challenge. */
  resourceMetadataUrl: string;
}

/**
 * The sign-in check in front of the MCP endpoint, for both protocol eras alike, built from the
 * SDK's bearer-auth pieces: `verifyBearerToken` reads the `Authorization` header (a token anywhere
 * else is ignored), runs the verifier, and enforces the required scopes and expiry;
 * `bearerAuthChallengeResponse` answers 401 `invalid_token` or 403 `insufficient_scope` with
 * `WWW-Authenticate: Bearer … scope="…", resource_metadata="…"` (RFC 6750 §3.1).
 *
 * Hand-written: the challenge to a request with no `Authorization` header, which carries no error
 * code (RFC 6750 §3.1; the SDK's says `invalid_token` even then); and the 503 with `Retry-After`
 * when the issuer's keys cannot be fetched. The SDK's
 * all-in-one `requireBearerAuth` answers any error that is not an `OAuthError` with a 500, and
 * the token may well be valid; and it takes web `Request`s, where this server has Node's.
 */
export function createBearerGate(options: BearerGateOptions): (req: IncomingMessage, res: ServerResponse) => Promise<AuthInfo | undefined> {
  const challenge = { requiredScopes: options.requiredScopes, resourceMetadataUrl: options.resourceMetadataUrl };
  const scope = options.requiredScopes.length > 0 ? `scope="${options.requiredScopes.join(' ')}", ` : '';
  const signInChallenge = `Bearer ${scope}resource_metadata="${options.resourceMetadataUrl}"`;
  return async (req, res) => {
    if (req.headers.authorization === undefined) {
      rpcError(res, 401, 'Unauthorized: sign in first.', { 'www-authenticate': signInChallenge });
      return undefined;
    }
    try {
      return await verifyBearerToken(req.headers.authorization, { verifier: options.verifier, ...challenge });
    } catch (error) {
      if (error instanceof KeysUnavailable) {
        rpcError(res, 503, 'Service unavailable: sign-ins cannot be checked right now; retry shortly.', { 'retry-after': String(error.retryAfterSeconds) });
        return undefined;
      }
      const answer = bearerAuthChallengeResponse(error, challenge);
      res.writeHead(answer.status, Object.fromEntries(answer.headers)).end(await answer.text());
      return undefined;
    }
  };
}
