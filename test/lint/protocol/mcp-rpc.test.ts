import { describe, expect, it } from 'vitest';
import { createReplyReader, modernRequest } from '../../../src/lint/protocol/mcp-rpc.js';

const SSE = 'text/event-stream';
const JSON_CT = 'application/json';
const INIT_RESULT = { protocolVersion: '2025-11-25', capabilities: {}, serverInfo: { name: 'demo', version: '1' } };
const answer = (id: unknown, body: object = { result: INIT_RESULT }) => JSON.stringify({ jsonrpc: '2.0', id, ...body });
const event = (data: string, name = 'message') => `event: ${name}\ndata: ${data}\n\n`;
const buf = (text: string) => Buffer.from(text, 'utf8');

/** Feeds the chunks in order and returns what each `feed` call said, then the reply. */
function stream(id: number, chunks: (string | Buffer)[], contentType = SSE) {
  const reader = createReplyReader(id);
  const fed = chunks.map((chunk) => reader.feed(typeof chunk === 'string' ? buf(chunk) : chunk, contentType));
  return { fed, reply: reader.reply(contentType, Buffer.alloc(0)) };
}

describe('createReplyReader: JSON bodies', () => {
  it.each<[string, string | undefined, string, unknown]>([
    ['a result', JSON_CT, answer(1), { kind: 'json', message: { result: INIT_RESULT } }],
    ['a result with a charset', 'application/json; charset=utf-8', answer(1), { kind: 'json', message: { result: INIT_RESULT } }],
    ['an error', JSON_CT, answer(1, { error: { code: -32601, message: 'Method not found' } }), { kind: 'json', message: { error: { code: -32601, message: 'Method not found' } } }],
    ['an error with a non-numeric code', JSON_CT, answer(1, { error: { code: 'E1', message: 7 } }), { kind: 'json', message: { error: {} } }],
    ['a result that is not an object', JSON_CT, answer(1, { result: 5 }), { kind: 'json', message: {} }],
    ['the answer to another id', JSON_CT, answer(2), { kind: 'json', problem: 'no answer to request 1' }],
    ['the id as a string', JSON_CT, answer('1'), { kind: 'json', problem: 'no answer to request 1' }],
    ['a body that is not JSON', JSON_CT, '<html>oops</html>', { kind: 'json', problem: 'the body is not JSON' }],
    ['a JSON array (a batch)', JSON_CT, `[${answer(1)}]`, { kind: 'json', problem: 'the body is a JSON array' }],
    ['an HTML page', 'text/html', '<html></html>', { kind: 'other' }],
    ['a body without a content type', undefined, answer(1), { kind: 'other' }],
    ['an empty body', JSON_CT, '', { kind: 'empty' }],
  ])('%s', (_name, contentType, body, expected) => {
    expect(createReplyReader(1).reply(contentType, buf(body))).toEqual(expected);
  });

  it('never asks to stop reading a JSON body early', () => {
    const reader = createReplyReader(1);
    expect(reader.feed(buf(answer(1)), JSON_CT)).toBe(false);
    expect(reader.feed(buf(answer(1)), undefined)).toBe(false);
  });
});

describe('createReplyReader: SSE bodies', () => {
  const full = event(answer(1));

  it('reads the answer from one chunk', () => {
    expect(stream(1, [full])).toEqual({ fed: [true], reply: { kind: 'sse', message: { result: INIT_RESULT } } });
  });

  it.each([5, 20, full.indexOf('protocolVersion'), full.length - 2, full.length - 1])('reads an event split at byte %i', (at) => {
    expect(stream(1, [full.slice(0, at), full.slice(at)])).toEqual({ fed: [false, true], reply: { kind: 'sse', message: { result: INIT_RESULT } } });
  });

  it('reads an event fed one character at a time, true only once the event ends', () => {
    const { fed, reply } = stream(1, [...full]);
    expect(fed.indexOf(true)).toBe(full.length - 1);
    expect(reply).toEqual({ kind: 'sse', message: { result: INIT_RESULT } });
  });

  it('joins a multi-byte character split across chunks', () => {
    const bytes = buf(event(answer(1, { result: { name: 'café €' } })));
    const at = bytes.indexOf(0xe2) + 1;
    expect(stream(1, [bytes.subarray(0, at), bytes.subarray(at)]).reply).toEqual({ kind: 'sse', message: { result: { name: 'café €' } } });
  });

  it('skips notifications, other ids and non-JSON events until the answer arrives', () => {
    const chunks = [
      event(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info' } })),
      event(answer(2)),
      event('not json'),
      ': a comment\n\n',
      event(answer(1)),
    ];
    expect(stream(1, chunks)).toEqual({ fed: [false, false, false, false, true], reply: { kind: 'sse', message: { result: INIT_RESULT } } });
  });

  it('keeps the first answer to the id', () => {
    const { reply } = stream(1, [event(answer(1)), event(answer(1, { result: { other: true } }))]);
    expect(reply).toEqual({ kind: 'sse', message: { result: INIT_RESULT } });
  });

  it('reads multi-line data and CRLF line endings', () => {
    const text = 'data: {"jsonrpc":"2.0",\r\ndata: "id":1,"result":{"ok":true}}\r\n\r\n';
    expect(stream(1, [text])).toEqual({ fed: [true], reply: { kind: 'sse', message: { result: { ok: true } } } });
  });

  it('reads an event without an event name, and a case-insensitive content type', () => {
    expect(stream(1, [`data: ${answer(1)}\n\n`], 'Text/Event-Stream; charset=utf-8').fed).toEqual([true]);
  });

  it.each<[string, string[]]>([
    ['only another id', [event(answer(2))]],
    ['only non-JSON data', [event('{"jsonrpc": "2.0", "id": 1')]],
    ['an event that never ended', [`data: ${answer(1)}\n`]],
    ['nothing at all', []],
  ])('no answer when the stream holds %s', (_name, chunks) => {
    const { fed, reply } = stream(1, chunks);
    expect(fed.every((f) => !f)).toBe(true);
    expect(reply).toEqual({ kind: 'sse', problem: 'no answer to request 1 in the event stream' });
  });

  it('reads the answer to its own id only', () => {
    expect(stream(7, [event(answer(1)), event(answer(7, { result: { seven: 7 } }))])).toEqual({
      fed: [false, true],
      reply: { kind: 'sse', message: { result: { seven: 7 } } },
    });
  });
});

describe('modernRequest: a 2026-07-28 request as the SDK v2 client sends it', () => {
  const ENVELOPE = {
    'io.modelcontextprotocol/protocolVersion': '2026-07-28',
    'io.modelcontextprotocol/clientInfo': { name: 'connector-lint', version: '0' },
    'io.modelcontextprotocol/clientCapabilities': {},
  };

  it('`server/discover`: the version and method headers, the `_meta` envelope, no Mcp-Name', () => {
    const { body, headers } = modernRequest('server-discover-probe-1', 'server/discover');
    expect(headers).toEqual({ 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'server/discover' });
    expect(JSON.parse(body)).toEqual({ jsonrpc: '2.0', id: 'server-discover-probe-1', method: 'server/discover', params: { _meta: ENVELOPE } });
  });

  it('the header version equals the `_meta` version (a mismatch is -32020)', () => {
    const { body, headers } = modernRequest(1, 'tools/list');
    expect(JSON.parse(body).params._meta['io.modelcontextprotocol/protocolVersion']).toBe(headers['mcp-protocol-version']);
  });

  it('keeps the params beside `_meta` (a cursor)', () => {
    const { body, headers } = modernRequest(2, 'tools/list', { cursor: 'page-2' });
    expect(JSON.parse(body)).toEqual({ jsonrpc: '2.0', id: 2, method: 'tools/list', params: { cursor: 'page-2', _meta: ENVELOPE } });
    expect(headers).toEqual({ 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/list' });
  });

  it.each<[string, string, Record<string, unknown>, string | undefined]>([
    ['tools/call names the tool', 'tools/call', { name: 'get_forecast', arguments: { city: 'Paris' } }, 'get_forecast'],
    ['prompts/get names the prompt', 'prompts/get', { name: 'summarise' }, 'summarise'],
    ['resources/read names the uri', 'resources/read', { uri: 'file:///notes/today.md' }, 'file:///notes/today.md'],
    ['tools/list has no Mcp-Name, even with a `name` param', 'tools/list', { name: 'x' }, undefined],
    ['resources/list has no Mcp-Name, even with a `uri` param', 'resources/list', { uri: 'file:///x' }, undefined],
    ['server/discover has no Mcp-Name', 'server/discover', {}, undefined],
    ['tools/call without a name has none', 'tools/call', { arguments: {} }, undefined],
    ['tools/call whose name is no string has none', 'tools/call', { name: 7 }, undefined],
  ])('%s', (_name, method, params, mcpName) => {
    const { headers } = modernRequest(3, method, params);
    expect(headers['mcp-method']).toBe(method);
    expect(headers['mcp-name']).toBe(mcpName);
  });

  // The SDK (`mcpNameSource`) reads one field per method: `name` for tools/call and prompts/get,
  // `uri` for resources/read, never the other.
  it.each<[string, string, Record<string, unknown>, string | undefined]>([
    ['resources/read names its uri, not a `name` param beside it', 'resources/read', { name: 'notes', uri: 'file:///notes.md' }, 'file:///notes.md'],
    ['tools/call never names a `uri`', 'tools/call', { uri: 'file:///notes.md' }, undefined],
  ])('%s', (_name, method, params, mcpName) => {
    expect(modernRequest(4, method, params).headers['mcp-name']).toBe(mcpName);
  });

  // Research §1.2 / Streamable HTTP "Request Metadata": values outside visible ASCII are sent as
  // `=?base64?…?=` (the SDK's `encodeMcpParamValue`); raw, they are no valid header value.
  it('encodes an Mcp-Name outside visible ASCII as =?base64?…?=', () => {
    const { headers } = modernRequest(5, 'tools/call', { name: 'météo' });
    expect(headers['mcp-name']).toBe(`=?base64?${Buffer.from('météo', 'utf8').toString('base64')}?=`);
  });

  // The SDK's `needsBase64`: empty, padded with spaces, a control character, or already shaped
  // like the sentinel → encoded; visible ASCII with inner spaces or tabs → as is.
  const b64 = (value: string) => `=?base64?${Buffer.from(value, 'utf8').toString('base64')}?=`;
  it.each<[string, string, string]>([
    ['visible ASCII, as is', 'get_forecast.v2', 'get_forecast.v2'],
    ['inner spaces, as is', 'get forecast', 'get forecast'],
    ['a leading space, encoded', ' get', b64(' get')],
    ['a trailing space, encoded', 'get ', b64('get ')],
    ['a newline, encoded', 'get\nforecast', b64('get\nforecast')],
    ['the empty string, encoded', '', b64('')],
    ['a value shaped like the sentinel, encoded', '=?base64?abc?=', b64('=?base64?abc?=')],
  ])('Mcp-Name: %s', (_name, value, header) => {
    expect(modernRequest(6, 'prompts/get', { name: value }).headers['mcp-name']).toBe(header);
  });

  it('the body is JSON-RPC 2.0 with the id given, numeric or string', () => {
    expect(JSON.parse(modernRequest(7, 'tools/list').body).id).toBe(7);
    expect(JSON.parse(modernRequest('a', 'tools/list').body).id).toBe('a');
  });
});
