import { defineRule } from '../../judgement/define.js';
import { isOauthTarget } from '../../judgement/mcp-mode.js';
import { diagnose } from '../../judgement/diagnose.js';
import { MODERN_PROTOCOL_VERSION, PROTOCOL_VERSION, succeeded } from '../../protocol/mcp-rpc.js';
import type { McpExchange, McpServerFacts, ModernFacts, ToolInfo } from '../../types.js';

/** A 2xx answer carrying a JSON-RPC result: the server did what was asked. */
const served = <T extends McpExchange>(x: T | undefined): x is T & { status: number } => succeeded(x) && !x?.failure;

/** A tool listing one era served without credentials. */
interface OpenListing {
  era: string;
  status: number;
  tools?: ToolInfo[];
  /** How the era's first request was answered, for the message. */
  context: string;
  evidence: string[];
}

/**
 * `tools/list` answered without credentials: the legacy probe's request without a session, and the
 * modern probe's listing when `server/discover` was served without credentials too.
 */
function openListings(mcp: McpServerFacts, modern: ModernFacts | undefined): OpenListing[] {
  const open: OpenListing[] = [];
  const legacy = mcp.toolsListWithoutCredentials;
  if (served(legacy)) {
    open.push({ era: PROTOCOL_VERSION, status: legacy.status, tools: legacy.tools, context: 'while `initialize` got 401', evidence: [mcp.initialize.exchangeId, legacy.exchangeId] });
  }
  const listing = modern && !modern.authenticated ? modern.tools?.first : undefined;
  const page = listing?.exchanges[0];
  if (modern && listing && served(page)) {
    open.push({ era: MODERN_PROTOCOL_VERSION, status: page.status, tools: listing.tools, context: 'after `server/discover` without credentials got a `DiscoverResult`', evidence: [modern.discover.exchangeId, page.exchangeId] });
  }
  return open;
}

const listed = (tools: ToolInfo[] | undefined) => (tools ? `${tools.length} tool${tools.length === 1 ? '' : 's'}` : 'a result');

export default defineRule({
  id: 'unauth-returns-401',
  meta: {
    description: 'An OAuth server answers every unauthenticated request (`initialize`, `tools/list`, on either protocol era) with HTTP 401',
    subject: 'mcp',
    severity: 'error',
    spec: [
      'MCP 2025-11-25 Authorization: Authorization Flow Steps (401)',
      'MCP 2025-11-25 Authorization: Access Token Usage (authorization in every HTTP request, even within one session)',
      'Claude docs: Authentication for connectors ("The 401 status is required")',
    ],
    fix: 'Reject every request without a valid token in the HTTP layer, before the MCP SDK runs and whatever its JSON-RPC method or protocol era, with `401` and `WWW-Authenticate: Bearer resource_metadata="…"` (in the TypeScript SDK, `requireBearerAuth` in front of the transport). A 200 with `isError`, a 403, a redirect to a login page or a 404 never starts Claude\'s sign-in, and a check of `initialize` alone leaves the tools open.',
  },
  requires: ['mcpServer'],
  check({ mcpServer: mcp, mcpModern: modern }, ctx) {
    if (!isOauthTarget(mcp, ctx.target)) {
      ctx.notApplicable('the server does not ask for authorization and is not declared `oauth`');
      return;
    }
    const init = mcp.initialize;
    const status = init.status;
    if (!init.failure && status !== undefined && status !== 401) {
      const what =
        status >= 200 && status < 300
          ? `${status} with a JSON-RPC answer (an \`isError\` or an error message is not an authorization request)`
          : status >= 300 && status < 400
            ? `${status}, a redirect (a login page is for browsers, not for MCP clients)`
            : `${status}`;
      const diagnosis = diagnose(init, { url: mcp.url });
      ctx.report({
        message: `An \`initialize\` without credentials was answered ${what}${diagnosis ? ` (${diagnosis.text})` : ''}; Claude starts its sign-in only on HTTP 401.`,
        data: { status, ...(diagnosis ? { cause: diagnosis.cause } : {}) },
        where: { url: mcp.url },
        evidence: [init.exchangeId],
        ...(diagnosis ? { fix: diagnosis.fix } : {}),
      });
    }
    for (const open of openListings(mcp, modern)) {
      ctx.report({
        message: `\`tools/list\` (${open.era}) without credentials was answered ${open.status} with ${listed(open.tools)} ${open.context}; an OAuth server must answer it 401 too, or anyone can list the tools without signing in.`,
        data: { method: 'tools/list', era: open.era, status: open.status },
        where: { url: mcp.url },
        evidence: open.evidence,
      });
    }
  },
});
