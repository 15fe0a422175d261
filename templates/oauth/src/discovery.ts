import { fetchJson, FetchJsonError } from './fetch-json.js';

/** The well-known metadata URLs of an issuer, in the order MCP clients try them (RFC 8414, then OpenID). */
function metadataUrls(issuer: URL): string[] {
  const path = issuer.pathname.replace(/\/+$/, '');
  if (!path) return [`${issuer.origin}/.well-known/oauth-authorization-server`, `${issuer.origin}/.well-known/openid-configuration`];
  return [
    `${issuer.origin}/.well-known/oauth-authorization-server${path}`,
    `${issuer.origin}/.well-known/openid-configuration${path}`,
    `${issuer.origin}${path}/.well-known/openid-configuration`,
  ];
}

/** A start-up failure: what went wrong, then what to change. */
function problem(issuer: string, detail: string): Error {
  return new Error(`cannot use OAUTH_ISSUER "${issuer}": ${detail}. Set OAUTH_ISSUER (in .env) to your identity provider's issuer, exactly as its metadata states it.`);
}

/** Why the `issuer` a metadata document names is not OAUTH_ISSUER, pointing at the usual slip. */
function mismatch(url: string, named: unknown, issuer: string): string {
  if (typeof named !== 'string') return `${url} names no issuer`;
  if (named.replace(/\/$/, '') === issuer.replace(/\/$/, '')) {
    return `${url} names the issuer "${named}", which differs from OAUTH_ISSUER only by the trailing "/"; issuers are compared exactly`;
  }
  return `${url} names the issuer "${named}", not OAUTH_ISSUER (a token from one issuer must never pass for another's)`;
}

/**
 * Reads the authorization server's metadata at start-up and returns its JWKS URL. The metadata must
 * name exactly OAUTH_ISSUER (RFC 8414 §3.3). Each request has a deadline, and a failure names the
 * URL tried, the cause (DNS, refused, TLS, timeout, HTTP status, wrong issuer) and OAUTH_ISSUER.
 */
export async function discoverJwksUri(issuer: string, { timeoutMs = 10_000 } = {}): Promise<string> {
  let issuerUrl: URL;
  try {
    issuerUrl = new URL(issuer);
  } catch {
    throw problem(issuer, 'it is not a URL');
  }
  const notFound: string[] = [];
  for (const url of metadataUrls(issuerUrl)) {
    let metadata: unknown;
    try {
      metadata = await fetchJson(url, { timeoutMs, followRedirects: true });
    } catch (error) {
      // A 4xx means "no metadata here": the next well-known URL may have it. Anything else stops.
      if (error instanceof FetchJsonError && error.status !== undefined && error.status >= 400 && error.status < 500) {
        notFound.push(`${url} (${error.status})`);
        continue;
      }
      throw problem(issuer, (error as Error).message);
    }
    const { issuer: named, jwks_uri: jwksUri } = (metadata ?? {}) as { issuer?: unknown; jwks_uri?: unknown };
    if (named !== issuer) throw problem(issuer, mismatch(url, named, issuer));
    if (typeof jwksUri !== 'string' || !URL.canParse(jwksUri)) throw problem(issuer, `${url} has no jwks_uri, and this server verifies JWT access tokens with the issuer's keys`);
    return jwksUri;
  }
  throw problem(issuer, `no authorization-server metadata at ${notFound.join(', ')}`);
}
