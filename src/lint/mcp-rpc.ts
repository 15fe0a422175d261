import { createParser } from 'eventsource-parser';
import { parseJsonObject } from './json.js';
import type { JsonObject, RpcReply } from './types.js';

/** The protocol revision the linter speaks; servers may answer with any they support. */
export const PROTOCOL_VERSION = '2025-11-25';

/** Protocol revisions MCP clients accept in the `initialize` answer (the SDK's `SUPPORTED_PROTOCOL_VERSIONS`). */
export const SUPPORTED_PROTOCOL_VERSIONS = ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05', '2024-10-07'];

/** The media types of Streamable HTTP answers, parameters aside, as MCP clients check them. */
const isJson = (contentType: string | undefined) => /^application\/json\s*(;|$)/i.test(contentType ?? '');
const isEventStream = (contentType: string | undefined) => /^text\/event-stream\s*(;|$)/i.test(contentType ?? '');

/** A JSON-RPC request body. */
export function rpcRequest(id: number, method: string, params: JsonObject = {}): string {
  return JSON.stringify({ jsonrpc: '2.0', id, method, params });
}

export function initializeRequest(id: number): string {
  return rpcRequest(id, 'initialize', {
    protocolVersion: PROTOCOL_VERSION,
    capabilities: {},
    clientInfo: { name: 'connector-lint', version: '0' },
  });
}

export const INITIALIZED_NOTIFICATION = JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' });

function asMessage(value: JsonObject, id: number): RpcReply['message'] | undefined {
  // A server-to-client request may reuse the id; only a response (no `method`) answers ours.
  if (value.id !== id || value.method !== undefined) return undefined;
  const error = value.error as { code?: unknown; message?: unknown } | undefined;
  return {
    ...(value.result && typeof value.result === 'object' ? { result: value.result as JsonObject } : {}),
    ...(error && typeof error === 'object'
      ? { error: { code: typeof error.code === 'number' ? error.code : undefined, message: typeof error.message === 'string' ? error.message : undefined } }
      : {}),
  };
}

/**
 * Reads the answer to JSON-RPC request `id` from a Streamable HTTP response, JSON or SSE. `feed`
 * is given each chunk as it arrives and says when the answer is complete, so a stream that stays
 * open is not read to its end.
 */
export function createReplyReader(id: number) {
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
