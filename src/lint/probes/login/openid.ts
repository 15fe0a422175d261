import * as oidc from 'openid-client';
import { parseJsonObject } from '../../protocol/json.js';
import { isLoopbackHost } from '../../transport/url.js';
import type { JsonObject } from '../../types.js';
import type { Route } from './route.js';

const RESPONSE_MAX_BYTES = 256 * 1024;

/** How the client authenticates at the token endpoint: none (public), or its secret as the IdP's metadata allows. */
function clientAuth(metadata: JsonObject, secret: string | undefined, method: string | undefined): oidc.ClientAuth {
  if (secret === undefined) return oidc.None();
  if (method === 'client_secret_post') return oidc.ClientSecretPost(secret);
  if (method === 'client_secret_basic') return oidc.ClientSecretBasic(secret);
  const methods = metadata.token_endpoint_auth_methods_supported;
  // RFC 8414: absent means `client_secret_basic` only.
  const supported = Array.isArray(methods) ? methods : ['client_secret_basic'];
  return supported.includes('client_secret_basic') || !supported.includes('client_secret_post') ? oidc.ClientSecretBasic(secret) : oidc.ClientSecretPost(secret);
}

/**
 * A token response as an OAuth client such as Claude reads it: the `id_token` of an OpenID
 * provider is set aside (kept among the secrets), since Claude signs in for an access token and
 * never validates one, and openid-client's checks of it (algorithm, `iss`, `azp`) would fail
 * sign-ins that work in Claude.
 */
function withoutIdToken(body: Buffer, secrets: string[]): Buffer {
  const parsed = parseJsonObject(body.toString('utf8'));
  if (!parsed.ok || typeof parsed.value.id_token !== 'string') return body;
  secrets.push(parsed.value.id_token);
  const { id_token: _idToken, ...rest } = parsed.value;
  return Buffer.from(JSON.stringify(rest));
}

export interface OpenidClient {
  metadata: JsonObject;
  clientId: string;
  secret?: string;
  /** `token_endpoint_auth_method` of a registered client, when its registration said. */
  authMethod?: string;
}

/**
 * openid-client set up for one sign-in: the metadata already probed (no second discovery), the
 * client, and every request sent through the linter's own HTTP client (see {@link Route}), so that
 * the token, refresh and revocation requests are bounded, proxied and recorded (redacted, no
 * bodies) like every other exchange.
 */
export function openidConfiguration(route: Route, client: OpenidClient, exchangeIds: string[], secrets: string[]): oidc.Configuration {
  const { metadata } = client;
  const config = new oidc.Configuration(metadata as unknown as oidc.ServerMetadata, client.clientId, undefined, clientAuth(metadata, client.secret, client.authMethod));
  config[oidc.customFetch] = async (url, options) => {
    const method = options.method === 'GET' ? 'GET' : 'POST';
    const body = options.body === undefined || options.body === null ? undefined : String(options.body);
    const res = await route.via().send({ probe: 'login', method, url, headers: options.headers, body, maxBytes: RESPONSE_MAX_BYTES });
    exchangeIds.push(res.exchange.id);
    if (res.failure) throw new Error(res.failure.detail);
    const content = res.status === 204 || res.status === 304 ? null : new Uint8Array(url === metadata.token_endpoint ? withoutIdToken(res.body, secrets) : res.body);
    return new Response(content, { status: res.status, headers: res.headers });
  };
  // openid-client refuses http endpoints; a local IdP in development has no certificate.
  if (typeof metadata.issuer === 'string' && isLoopbackHost(new URL(metadata.issuer).hostname)) oidc.allowInsecureRequests(config);
  return config;
}

/** One line for a failure of openid-client: the IdP's `error` and description, or the HTTP status it got. */
export function describeOidcError(error: unknown): { error?: string; detail: string } {
  if (error instanceof oidc.ResponseBodyError) {
    return { error: error.error, detail: error.error_description ? `${error.error}: ${error.error_description}` : error.error };
  }
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Response) return { detail: `${message} (HTTP ${cause.status})` };
  return { detail: cause instanceof Error ? `${message} (${cause.message})` : message };
}
