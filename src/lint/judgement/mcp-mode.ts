import type { AuthMode, McpServerFacts, Target } from '../types.js';
import { bearerOf } from '../protocol/www-authenticate.js';
import { parseHttpUrl } from '../transport/url.js';

/** The server demands OAuth (401), or is declared `oauth`: the OAuth rules apply. */
export function isOauthTarget(mcp: McpServerFacts, target: Target): boolean {
  return mcp.observedMode === 'oauth' || target.auth?.declared === 'oauth';
}

/** The `Bearer` challenge of the 401 to `initialize`, among any others (`DPoP`, `Basic`). */
export function bearerChallenge(mcp: McpServerFacts) {
  return bearerOf(mcp.initialize.challenges);
}

/**
 * The `resource_metadata` URL of the Bearer challenge; when the header does not follow RFC 9110,
 * as the MCP SDK's client reads it (`extractWWWAuthenticateParams`: a leading `Bearer`, then a
 * lenient pattern). Undefined when absent or not a URL, in which case clients use the well-known URLs.
 */
export function resourceMetadataPointer(mcp: McpServerFacts): string | undefined {
  const header = mcp.initialize.wwwAuthenticate;
  if (header === undefined) return undefined;
  const value =
    mcp.initialize.challenges === null
      ? /^bearer\s/i.test(header)
        ? /resource_metadata=(?:"([^"]+)"|([^\s,]+))/.exec(header)?.slice(1).find(Boolean)
        : undefined
      : bearerChallenge(mcp)?.params.resource_metadata;
  return parseHttpUrl(value)?.href;
}

/**
 * The mode the run lints: what the server showed when it showed something (a 401 means oauth; an
 * answer without credentials means none, or shared when so declared), else what was declared.
 */
export function effectiveMode(inferred: McpServerFacts['observedMode'] | undefined, declared: AuthMode | undefined): AuthMode | 'unknown' {
  if (inferred === 'oauth') return 'oauth';
  if (inferred === 'none') return declared === 'shared' ? 'shared' : 'none';
  return declared ?? 'unknown';
}
