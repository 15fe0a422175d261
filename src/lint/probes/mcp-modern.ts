import type { HttpClient } from '../transport/http.js';
import { redactUrl } from '../transport/redact.js';
import { modernRequest, succeeded } from '../protocol/mcp-rpc.js';
import { modernProbeOutcome } from '../protocol/eras.js';
import type { ModernFacts, ModernToolsListing } from '../types.js';
import { post, postFollowing, readTools } from './mcp-http.js';

const MAX_TOOL_PAGES = 20;
/** The SDK v2 client's probe id: string ids never collide with the numeric ids of later requests. */
const DISCOVER_ID = 'server-discover-probe-1';

/** Every page of `tools/list` on the modern era, with each page's caching hints. */
async function listTools(http: HttpClient, url: string, auth: Record<string, string>, firstId: number): Promise<ModernToolsListing> {
  const listing: ModernToolsListing = { exchanges: [], pages: [], tools: [] };
  let cursor: string | undefined;
  for (let page = 0; page < MAX_TOOL_PAGES; page++) {
    const request = modernRequest(firstId + page, 'tools/list', cursor === undefined ? {} : { cursor });
    const answer = await post(http, url, { body: request.body, id: firstId + page, headers: { ...request.headers, ...auth }, probe: 'mcpModern' });
    listing.exchanges.push(answer);
    const result = answer.reply.message?.result;
    if (!succeeded(answer) || !result) {
      delete listing.tools;
      listing.failed = answer;
      return listing;
    }
    listing.pages.push({ ttlMs: result.ttlMs, cacheScope: result.cacheScope });
    listing.tools = [...(listing.tools ?? []), ...(readTools(answer) ?? [])];
    if (typeof result.nextCursor !== 'string') break;
    cursor = result.nextCursor;
  }
  return listing;
}

/** The first modern answer's facts, and what depends on it alone, to run alongside discovery. */
export interface ModernWalk {
  facts: ModernFacts;
  /** With a token, `server/discover` again; where the era is served, `tools/list`. */
  followUps: () => Promise<void>;
}

/**
 * Walks the path Claude Code (SDK v2, `auto` negotiation) takes first: `server/discover` as the
 * 2026-07-28 revision requires it, without credentials (an OAuth server must answer 401 with its
 * challenge, as to `initialize`), then with `CONNECTOR_ACCESS_TOKEN` when set; where the era is
 * served, `tools/list` twice side by side (the order must not change between calls).
 */
export async function probeModern(http: HttpClient, url: string, accessToken?: string): Promise<ModernWalk> {
  const discover = modernRequest(DISCOVER_ID, 'server/discover');
  const first = await postFollowing(http, url, { body: discover.body, id: DISCOVER_ID, headers: discover.headers, probe: 'mcpModern' });
  const facts: ModernFacts = { url: redactUrl(url), discover: first.exchange, redirects: first.redirects };
  const followUps = async () => {
    const auth: Record<string, string> = {};
    if (first.exchange.status === 401 && accessToken) {
      auth.authorization = `Bearer ${accessToken}`;
      facts.authenticated = await post(http, first.target, { body: discover.body, id: DISCOVER_ID, headers: { ...discover.headers, ...auth }, probe: 'mcpModern' });
    }
    if (modernProbeOutcome(facts.authenticated ?? facts.discover).kind !== 'modern') return;
    const [firstListing, secondListing] = await Promise.all([listTools(http, first.target, auth, 1), listTools(http, first.target, auth, 101)]);
    facts.tools = { first: firstListing, second: secondListing };
  };
  return { facts, followUps };
}
