/** How the test IdP treats RFC 9207 `iss`; oidc-provider itself always sends and advertises it. */
export type IssBehaviour = 'off' | 'omitted' | 'different';

/** The part of oidc-provider's Koa context the rewrite reads and changes. */
export interface IssContext {
  path: string;
  body: unknown;
  response: { get(name: string): string; set(name: string, value: string): void };
}

/**
 * Rewrites what oidc-provider answers, after it answered: `off` drops `iss` from authorization
 * responses and `authorization_response_iss_parameter_supported` from the metadata (an IdP without
 * RFC 9207); `omitted` drops `iss` but keeps the metadata's promise; `different` names the issuer
 * with a trailing slash, which a byte-for-byte comparison must refuse.
 */
export function issRewrite(behaviour: IssBehaviour, issuer: string) {
  return async (ctx: IssContext, next: () => Promise<void>) => {
    await next();
    if (behaviour === 'off' && ctx.path.startsWith('/.well-known/') && typeof ctx.body === 'object' && ctx.body !== null) {
      delete (ctx.body as Record<string, unknown>).authorization_response_iss_parameter_supported;
    }
    const location = ctx.response.get('location');
    if (!location) return;
    const url = new URL(location, issuer);
    if (!url.searchParams.has('iss')) return;
    if (behaviour === 'different') url.searchParams.set('iss', `${issuer}/`);
    else url.searchParams.delete('iss');
    ctx.response.set('location', url.href);
  };
}
