import { createParser } from 'eventsource-parser';
import { parseJsonObject } from './json.js';
import type { JsonObject, McpExchange, RpcReply } from '../types.js';

/** The legacy-era revision the linter's `initialize` offers; servers may answer with any they support. */
export const PROTOCOL_VERSION = '2025-11-25';

/** The modern-era revision: no `initialize`, every request carries its version and capabilities. */
export const MODERN_PROTOCOL_VERSION = '2026-07-28';

/** Protocol revisions MCP clients accept in the `initialize` answer (the SDK's `SUPPORTED_PROTOCOL_VERSIONS`). */
export const SUPPORTED_PROTOCOL_VERSIONS = ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05', '2024-10-07'];

/** The media types of Streamable HTTP answers, parameters aside, as MCP clients check them. */
const isJson = (contentType: string | undefined) => /^application\/json\s*(;|$)/i.test(contentType ?? '');
const isEventStream = (contentType: string | undefined) => /^text\/event-stream\s*(;|$)/i.test(contentType ?? '');

/** A JSON-RPC request body. */
export function rpcRequest(id: number | string, method: string, params: JsonObject = {}): string {
  return JSON.stringify({ jsonrpc: '2.0', id, method, params });
}

/** Methods whose target is named in the `Mcp-Name` header, and the parameter that names it. */
const NAME_SOURCE: Record<string, 'name' | 'uri'> = { 'tools/call': 'name', 'prompts/get': 'name', 'resources/read': 'uri' };

/** A header value as 2026-07-28 carries it: visible ASCII as is, anything else as `=?base64?…?=`. */
function headerValue(value: string): string {
  const plain = /^[\x21-\x7e]([\t\x20-\x7e]*[\x21-\x7e])?$/.test(value) && !(value.startsWith('=?base64?') && value.endsWith('?='));
  return plain ? value : `=?base64?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

/**
 * A 2026-07-28 request as the SDK v2 client sends it: the `MCP-Protocol-Version` and `Mcp-Method`
 * (and `Mcp-Name`) headers, and the `_meta` envelope with the required `protocolVersion` and
 * `clientCapabilities` keys and the recommended `clientInfo`.
 */
export function modernRequest(id: number | string, method: string, params: JsonObject = {}): { body: string; headers: Record<string, string> } {
  const envelope = {
    'io.modelcontextprotocol/protocolVersion': MODERN_PROTOCOL_VERSION,
    'io.modelcontextprotocol/clientInfo': { name: 'connector-lint', version: '0' },
    'io.modelcontextprotocol/clientCapabilities': {},
  };
  const headers: Record<string, string> = { 'mcp-protocol-version': MODERN_PROTOCOL_VERSION, 'mcp-method': method };
  const source = NAME_SOURCE[method];
  const name = source ? params[source] : undefined;
  if (typeof name === 'string') headers['mcp-name'] = headerValue(name);
  return { body: rpcRequest(id, method, { ...params, _meta: envelope }), headers };
}

export function initializeRequest(id: number): string {
  return rpcRequest(id, 'initialize', {
    protocolVersion: PROTOCOL_VERSION,
    capabilities: {},
    clientInfo: { name: 'connector-lint', version: '0' },
  });
}

export const INITIALIZED_NOTIFICATION = JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' });

function asMessage(value: JsonObject, id: number | string): RpcReply['message'] | undefined {
  // A server-to-client request may reuse the id; only a response (no `method`) answers ours.
  if (value.id !== id || value.method !== undefined) return undefined;
  const error = value.error as { code?: unknown; message?: unknown } | undefined;
  return {
    ...(value.result && typeof value.result === 'object' ? { result: value.result as JsonObject } : {}),
    ...(error && typeof error === 'object'
      ? {
          error: {
            code: typeof error.code === 'number' ? error.code : undefined,
            message: typeof error.message === 'string' ? error.message : undefined,
            ...((error as { data?: unknown }).data !== undefined ? { data: (error as { data?: unknown }).data } : {}),
          },
        }
      : {}),
  };
}

/**
 * Reads the answer to JSON-RPC request `id` from a Streamable HTTP response, JSON or SSE. `feed`
 * is given each chunk as it arrives and says when the answer is complete, so a stream that stays
 * open is not read to its end.
 */
export function createReplyReader(id: number | string) {
  let found: RpcReply['message'] | undefined;
  const parser = createParser({
    onEvent(event) {
      if (found) return;
      const parsed = parseJsonObject(event.data);
      if (parsed.ok) found = asMessage(parsed.value, id);
    },
  });
  const decoder = new TextDecoder();
  return {
    feed(chunk: Buffer, contentType: string | undefined): boolean {
      if (!isEventStream(contentType)) return false;
      parser.feed(decoder.decode(chunk, { stream: true }));
      return found !== undefined;
    },
    reply(contentType: string | undefined, body: Buffer): RpcReply {
      if (isEventStream(contentType)) {
        return found ? { kind: 'sse', message: found } : { kind: 'sse', problem: `no answer to request ${id} in the event stream` };
      }
      if (body.length === 0) return { kind: 'empty' };
      if (!isJson(contentType)) return { kind: 'other' };
      const parsed = parseJsonObject(body.toString('utf8'));
      if (!parsed.ok) return { kind: 'json', problem: `the body is ${parsed.found}` };
      const message = asMessage(parsed.value, id);
      return message ? { kind: 'json', message } : { kind: 'json', problem: `no answer to request ${id}` };
    },
  };
}

/** A 2xx answer carrying a JSON-RPC result. */
export const succeeded = (x: McpExchange | undefined) =>
  x !== undefined && x.status !== undefined && x.status >= 200 && x.status < 300 && x.reply.message?.result !== undefined;
