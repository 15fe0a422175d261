import type { McpServerFacts, Target } from './types.js';

/** The server demands OAuth (401), or is declared `oauth`: the OAuth rules apply. */
export function isOauthTarget(mcp: McpServerFacts, target: Target): boolean {
  return mcp.observedMode === 'oauth' || target.auth?.declared === 'oauth';
}

/** The first challenge when it is `Bearer`; the MCP SDK's client reads no other. */
export function bearerChallenge(mcp: McpServerFacts) {
  const first = mcp.initialize.challenges?.[0];
  return first?.scheme === 'bearer' ? first : undefined;
}
