import { sanitize } from '../../../shared/sanitize.js';
import { defineRule } from '../../judgement/define.js';
import { SUPPORTED_PROTOCOL_VERSIONS } from '../../protocol/mcp-rpc.js';
import { isModernError } from '../../protocol/eras.js';
import { diagnose } from '../../judgement/diagnose.js';
import type { McpExchange } from '../../types.js';

function describe(x: McpExchange): string {
  return `${x.status ?? 'no answer'} \`${sanitize(x.contentType ?? 'no content type', 60)}\``;
}

export default defineRule({
  id: 'transport-streamable-http',
  meta: {
    description: 'The server serves the 2025-11-25 era hosted Claude opens with: POST `initialize` → a JSON-RPC answer as JSON or SSE; GET → SSE or 405',
    subject: 'mcp',
    severity: 'error',
    spec: ['MCP 2025-11-25 Transports: Streamable HTTP', 'MCP 2026-07-28 Versioning and Streamable HTTP: Backward Compatibility', 'Anthropic Software Directory Policy 5.F (Streamable HTTP; SSE to be deprecated)'],
    fix: 'Serve the MCP endpoint with Streamable HTTP for both protocol eras: the TypeScript SDK v2 `createMcpHandler` (default mode) on POST of one path; answer GET with an event stream or 405.',
  },
  requires: ['mcpServer'],
  check({ mcpServer: mcp }, ctx) {
    const init = mcp.session?.initialize ?? mcp.initialize;
    if (init.failure || mcp.redirects.some((r) => !r.followed)) return;
    const status = init.status ?? 0;
    const evidence = [init.exchangeId];
    if (mcp.stream?.status === 200 && /event-stream/i.test(mcp.stream.contentType ?? '') && mcp.stream.firstEvent === 'endpoint' && status >= 400) {
      ctx.report({
        severity: 'warning',
        message: `This is a legacy HTTP+SSE server: POST answers ${status} and GET opens an event stream that starts with \`event: endpoint\`. Claude prefers Streamable HTTP and SSE support is being deprecated.`,
        data: { transport: 'legacy-sse' },
        where: { url: mcp.url },
        evidence: [...evidence, mcp.stream.exchangeId],
      });
      return;
    }
    if (mcp.session?.authenticated && status === 401) {
      // token-accepted reports the refusal itself.
      ctx.inconclusive('the server refused the token (see `token-accepted`), so the transport of an authenticated session is unknown');
      return;
    }
    if (status === 401 && !mcp.session) {
      ctx.skip('the server asks for authorization; pass `--login` or set CONNECTOR_ACCESS_TOKEN to check the transport of an authenticated session');
      return;
    }
    if (status === 401 || (status >= 300 && status < 400)) return;
    if (status < 200 || status >= 300) {
      // Without a token, a declared OAuth server's odd answer is unauth-returns-401's finding; with
      // a valid token, the answer is the transport's own.
      if (ctx.target.auth?.declared === 'oauth' && !mcp.session?.authenticated) return;
      if (isModernError(init.rpcError)) {
        ctx.report({
          message: `\`POST ${mcp.url}\` (\`initialize\`) answered ${status} \`-32022\` (unsupported protocol version): this endpoint serves only 2026-07-28; hosted Claude opens with \`initialize\` (2025-11-25): serve both (SDK v2 \`createMcpHandler\` default).`,
          data: { status, code: -32022 },
          where: { url: mcp.url },
          evidence,
          fix: 'Serve both eras from this URL: with the TypeScript SDK v2, `createMcpHandler(factory)` in its default mode (drop `legacy: "reject"`); hosted Claude (claude.ai, Desktop, mobile) still opens with `initialize`.',
        });
        return;
      }
      const diagnosis = diagnose(init, { url: mcp.url, withToken: mcp.session?.authenticated });
      if (diagnosis) {
        ctx.report({
          message: `\`POST ${mcp.url}\` (\`initialize\`${mcp.session?.authenticated ? ' with the token' : ''}) answered ${describe(init)}: ${diagnosis.text}.`,
          data: { status, cause: diagnosis.cause },
          where: { url: mcp.url },
          evidence,
          fix: diagnosis.fix,
        });
        return;
      }
      ctx.report({
        message: mcp.session?.authenticated
          ? `\`POST ${mcp.url}\` (\`initialize\` with the token) answered ${describe(init)}; expected a JSON-RPC answer (200).`
          : `\`POST ${mcp.url}\` (\`initialize\`) answered ${describe(init)}; expected a JSON-RPC answer (200) or, for an OAuth server, 401.`,
        data: { status },
        where: { url: mcp.url },
        evidence,
      });
      return;
    }
    const result = init.reply.message?.result;
    if (!result) {
      ctx.report({
        message: `\`initialize\` answered ${describe(init)} without a JSON-RPC result${init.reply.problem ? ` (${init.reply.problem})` : ''}; expected \`application/json\` or \`text/event-stream\` carrying the answer.`,
        data: { status },
        where: { url: mcp.url },
        evidence,
      });
    } else if (!SUPPORTED_PROTOCOL_VERSIONS.includes(String(result.protocolVersion))) {
      ctx.report({
        message: `\`initialize\` answered protocol version \`${sanitize(String(result.protocolVersion), 40)}\`; MCP clients accept only ${SUPPORTED_PROTOCOL_VERSIONS.map((v) => `\`${v}\``).join(', ')}.`,
        data: { protocolVersion: sanitize(String(result.protocolVersion), 40) },
        where: { url: mcp.url },
        evidence,
      });
    }
    const stream = mcp.stream;
    if (stream && !stream.failure && stream.status !== 405 && !(stream.status === 200 && /event-stream/i.test(stream.contentType ?? ''))) {
      ctx.report({
        severity: 'warning',
        message: `\`GET ${mcp.url}\` with \`Accept: text/event-stream\` answered ${describe(stream)}; the spec requires an event stream or 405 (the normal answer of a 2026-07-28 server, which has no GET stream).`,
        data: { status: stream.status ?? 0 },
        where: { url: mcp.url },
        evidence: [stream.exchangeId],
      });
    }
  },
});
