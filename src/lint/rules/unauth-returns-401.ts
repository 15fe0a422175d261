import { defineRule } from '../judgement/define.js';
import { isOauthTarget } from '../judgement/mcp-mode.js';
import { diagnose } from '../judgement/diagnose.js';

export default defineRule({
  id: 'unauth-returns-401',
  meta: {
    description: 'An OAuth server answers an unauthenticated request with HTTP 401',
    subject: 'mcp',
    severity: 'error',
    spec: ['MCP 2025-11-25 Authorization: Authorization Flow Steps (401)', 'Claude docs: Authentication for connectors ("The 401 status is required")'],
    fix: 'Reject requests without a valid token in the HTTP layer, before the MCP SDK runs, with `401` and `WWW-Authenticate: Bearer resource_metadata="…"` (in the TypeScript SDK, `requireBearerAuth` in front of the transport). A 200 with `isError`, a 403, a redirect to a login page or a 404 never starts Claude\'s sign-in.',
  },
  requires: ['mcpServer'],
  check({ mcpServer: mcp }, ctx) {
    if (!isOauthTarget(mcp, ctx.target)) {
      ctx.notApplicable('the server does not ask for authorization and is not declared `oauth`');
      return;
    }
    const init = mcp.initialize;
    const status = init.status;
    if (init.failure || status === undefined || status === 401) return;
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
  },
});
