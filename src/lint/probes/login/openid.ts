import * as oidc from 'openid-client';
import type { HttpClient } from '../../transport/http.js';
import { isLoopbackHost } from '../../transport/url.js';
import type { JsonObject } from '../../types.js';

const RESPONSE_MAX_BYTES = 256 * 1024;

/** How the client authenticates at the token endpoint: none (public), or its secret as the IdP's metadata allows. */
function clientAuth(metadata: JsonObject, secret: string | undefined): oidc.ClientAuth {
  if (secret === undefined) return oidc.None();
  const methods = metadata.token_endpoint_auth_methods_supported;
  // RFC 8414: absent means `client_secret_basic` only.
  const supported = Array.isArray(methods) ? methods : ['client_secret_basic'];
  return supported.includes('client_secret_basic') || !supported.includes('client_secret_post') ? oidc.ClientSecretBasic(secret) : oidc.ClientSecretPost(secret);
}

/**
 * openid-client set up for one sign-in: the metadata already probed (no second discovery), the
 * client, and every request sent through the linter's own HTTP client (`http()`: the run's, or
 * after Ctrl-C the one that revokes), so that the token, refresh and revocation requests are
 * bounded, proxied and recorded (redacted, no bodies) like every other exchange.
 */
export function openidConfiguration(http: () => HttpClient, metadata: JsonObject, clientId: string, secret: string | undefined, exchangeIds: string[]): oidc.Configuration {
  const config = new oidc.Configuration(metadata as unknown as oidc.ServerMetadata, clientId, undefined, clientAuth(metadata, secret));
  config[oidc.customFetch] = async (url, options) => {
    const method = options.method === 'GET' ? 'GET' : 'POST';
    const res = await http().send({ probe: 'login', method, url, headers: options.headers, body: options.body === undefined || options.body === null ? undefined : String(options.body), maxBytes: RESPONSE_MAX_BYTES });
    exchangeIds.push(res.exchange.id);
    if (res.failure) throw new Error(res.failure.detail);
    return new Response(res.status === 204 || res.status === 304 ? null : new Uint8Array(res.body), { status: res.status, headers: res.headers });
  };
  // openid-client refuses http endpoints; a local IdP in development has no certificate.
  if (isLoopbackHost(new URL(String(metadata.issuer)).hostname)) oidc.allowInsecureRequests(config);
  return config;
}

/** One line for a failure of openid-client: the IdP's `error` and description when it answered with one. */
export function describeOidcError(error: unknown): { error?: string; detail: string } {
  if (error instanceof oidc.ResponseBodyError) {
    return { error: error.error, detail: error.error_description ? `${error.error}: ${error.error_description}` : error.error };
  }
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return { detail: `${message}${cause}` };
}
