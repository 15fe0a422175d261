import { sanitize } from '../../shared/sanitize.js';
import { ANTHROPIC_EGRESS } from './claude.js';
import { bearerOf } from '../protocol/www-authenticate.js';
import type { McpExchange } from '../types.js';

/** The cause an MCP server's refusal names, in words a user can act on, and the fix for that cause. */
export interface Diagnosis {
  cause: 'host-check' | 'origin-check' | 'edge-block' | 'token-refused' | 'unsupported-version' | 'header-mismatch' | 'missing-capability' | 'invalid-params' | 'method-not-found';
  /** Completes "answered <status>: …". */
  text: string;
  fix: string;
}

const CDN = /cloudflare|akamai|cloudfront|fastly|sucuri|imperva|incapsula|awselb|azure front door|f5|big-?ip/i;

/** The CDN or WAF that answered, named from its headers, when one did. */
function edgeName(x: McpExchange): string | undefined {
  if (x.edge['cf-mitigated'] || x.edge['cf-ray']) return 'Cloudflare';
  if (x.edge['x-amz-cf-id']) return 'CloudFront';
  if (x.edge['x-sucuri-id']) return 'Sucuri';
  if (x.edge['x-akamai-transformed']) return 'Akamai';
  const server = x.edge.server;
  return server && CDN.test(server) ? sanitize(server, 40) : undefined;
}

const isHtml = (x: McpExchange) => /html/i.test(x.contentType ?? '') || /^\s*<(!doctype|html)/i.test(x.bodySnippet ?? '');

function supported(data: unknown): string {
  const list = (data as { supported?: unknown } | null | undefined)?.supported;
  return Array.isArray(list) && list.length > 0 ? `; it supports ${list.slice(0, 6).map((v) => `\`${sanitize(String(v), 40)}\``).join(', ')}` : '';
}

/**
 * What an MCP server's refusal says about its cause: a DNS-rebinding check on `Host` or `Origin`,
 * a block page from a CDN or WAF, a refused token, or a JSON-RPC error code of the 2026-07-28
 * revision. Undefined when the answer names nothing more than its status.
 */
export function diagnose(x: McpExchange, request: { url: string; withToken?: boolean }): Diagnosis | undefined {
  const status = x.status ?? 0;
  const body = `${x.rpcError?.message ?? ''} ${x.bodySnippet ?? ''}`;
  const host = new URL(request.url).host;
  if (status === 403 && /\bhost\b/i.test(body) && !/\borigin\b/i.test(body)) {
    return {
      cause: 'host-check',
      text: `the server's DNS-rebinding check refused \`Host: ${host}\``,
      fix: `Add \`${host}\` to the server's allowed hosts (TypeScript SDK: \`allowedHosts\`, or \`hostHeaderValidation([...])\` with the public host); Claude sends the host of the URL users paste.`,
    };
  }
  if (status === 403 && /\borigin\b/i.test(body)) {
    return {
      cause: 'origin-check',
      text: 'the server refused the request in its `Origin` check, although none was sent',
      fix: 'Refuse only a present, invalid `Origin` (as MCP requires); requests from Claude and Claude Code carry no `Origin` header.',
    };
  }
  const edge = edgeName(x);
  if (edge && (status === 403 || status === 429 || status === 503 || x.edge['cf-mitigated']) && (isHtml(x) || x.edge['cf-mitigated'])) {
    return {
      cause: 'edge-block',
      text: `a block page from ${edge} (a CDN or WAF in front of the server), not the MCP server`,
      fix: `Let the MCP path through ${edge}: allow the \`Claude-User\` user agent and Anthropic's egress range \`${ANTHROPIC_EGRESS}\` (on Cloudflare, exempt it from "Block AI bots" and bot-fight rules).`,
    };
  }
  if (request.withToken && (status === 401 || status === 403)) {
    const error = bearerOf(x.challenges)?.params.error;
    return {
      cause: 'token-refused',
      text: `the server refused the token${error ? ` (\`${sanitize(error, 60)}\`)` : ''}`,
      fix: "Use a fresh token issued for this server's resource (audience = the MCP URL); if a fresh token is refused too, check the server's token verification (issuer, audience, signing keys).",
    };
  }
  const error = x.rpcError ?? x.reply.message?.error;
  switch (error?.code) {
    case -32022:
      return {
        cause: 'unsupported-version',
        text: `\`-32022\`: unsupported protocol version${supported(error.data)}`,
        fix: 'Serve both protocol eras from the one URL: the TypeScript SDK v2 `createMcpHandler` does in its default mode (not `legacy: "reject"`).',
      };
    case -32020:
      return {
        cause: 'header-mismatch',
        text: '`-32020`: header mismatch (the `MCP-Protocol-Version`, `Mcp-Method` or `Mcp-Name` headers disagree with the body, or one is missing)',
        fix: 'Compare the 2026-07-28 headers with the body as the spec says: `Mcp-Method` equals `method`, `Mcp-Name` equals `params.name` (or `params.uri`) for `tools/call`, `resources/read` and `prompts/get`, `MCP-Protocol-Version` equals `_meta` `io.modelcontextprotocol/protocolVersion`.',
      };
    case -32021:
      return {
        cause: 'missing-capability',
        text: '`-32021`: the server requires a client capability the request did not declare',
        fix: 'Do not require client capabilities for `server/discover`, `tools/list` or `initialize`; Claude declares none of them up front.',
      };
    case -32602:
      return {
        cause: 'invalid-params',
        text: `\`-32602\`: invalid params${error.message ? ` (${sanitize(error.message, 160)})` : ''}`,
        fix: 'Accept the request as the spec defines it: a 2026-07-28 request carries its `_meta` envelope (`io.modelcontextprotocol/protocolVersion`, `clientCapabilities`, `clientInfo`); `initialize` carries `protocolVersion`, `capabilities` and `clientInfo`.',
      };
    case -32601:
      return {
        cause: 'method-not-found',
        text: '`-32601`: method not found',
        fix: 'Serve the method Claude sends: `initialize` for hosted Claude (2025-11-25), `server/discover` for Claude Code (2026-07-28); the TypeScript SDK v2 `createMcpHandler` serves both.',
      };
    default:
      return undefined;
  }
}
