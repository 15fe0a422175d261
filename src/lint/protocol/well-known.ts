/** A metadata URL to try, and which specification it belongs to. */
export interface WellKnownCandidate {
  url: string;
  kind: 'oauth' | 'oidc' | 'prm';
}

/**
 * Authorization-server metadata URLs in the order MCP 2025-11-25 ("Authorization Server Metadata
 * Discovery") prescribes, the order the MCP TypeScript SDK's `buildDiscoveryUrls` uses:
 * with a path, RFC 8414 path insertion, OIDC path insertion, OIDC path appending; without one,
 * the RFC 8414 then the OIDC root document.
 */
export function authorizationServerMetadataUrls(issuer: URL): WellKnownCandidate[] {
  const path = issuer.pathname.replace(/\/+$/, '');
  const origin = issuer.origin;
  if (path === '') {
    return [
      { url: `${origin}/.well-known/oauth-authorization-server`, kind: 'oauth' },
      { url: `${origin}/.well-known/openid-configuration`, kind: 'oidc' },
    ];
  }
  return [
    { url: `${origin}/.well-known/oauth-authorization-server${path}`, kind: 'oauth' },
    { url: `${origin}/.well-known/openid-configuration${path}`, kind: 'oidc' },
    { url: `${origin}${path}/.well-known/openid-configuration`, kind: 'oidc' },
  ];
}

/**
 * Protected-resource metadata URLs (RFC 9728 §3.1) in the MCP SDK client's order: the path-suffixed
 * URL (trailing slash dropped, query kept), then the root URL when the server URL has a path.
 */
export function protectedResourceMetadataUrls(server: URL): WellKnownCandidate[] {
  const path = server.pathname.replace(/\/+$/, '');
  const root = { url: `${server.origin}/.well-known/oauth-protected-resource`, kind: 'prm' as const };
  if (path === '') return [{ url: `${root.url}${server.search}`, kind: 'prm' }];
  return [{ url: `${root.url}${path}${server.search}`, kind: 'prm' }, root];
}
