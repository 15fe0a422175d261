import { describe, expect, it } from 'vitest';
import { diagnose, type Diagnosis } from '../../../src/lint/judgement/diagnose.js';
import { ANTHROPIC_EGRESS } from '../../../src/lint/judgement/claude.js';
import type { McpExchange } from '../../../src/lint/types.js';
import { exchange, INVALID_TOKEN_CHALLENGE, MCP_URL, rpcError, type ExchangeSpec } from '../../helpers/facts/mcp-facts.js';

const JSON_CT = 'application/json';
const at = (spec: ExchangeSpec): McpExchange => exchange({ exchangeId: 'x-1', ...spec });
/** A refusal whose body is this JSON-RPC error, as the probe reads it (any status, any id). */
const refusedWith = (status: number, error: { code: number; message?: string; data?: unknown }, spec: ExchangeSpec = {}) =>
  at({ status, contentType: JSON_CT, rpcError: error, bodySnippet: JSON.stringify({ jsonrpc: '2.0', id: null, error }), ...spec });

const CF_HTML = '<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title></head><body>Enable JavaScript and cookies to continue</body></html>';
const CF_EDGE = { server: 'cloudflare', 'cf-ray': '8a1b2c3d4e5f-AMS' };

describe('diagnose: the cause each refusal names', () => {
  it.each<[string, McpExchange, { url: string; withToken?: boolean } | undefined, Diagnosis['cause']]>([
    // The SDK's DNS-rebinding guards (`hostHeaderValidation`, `validateRequestHeaders`): 403 -32000.
    ['403 "Invalid Host header" (SDK transport guard)', refusedWith(403, { code: -32000, message: 'Invalid Host header: mcp.example.com' }), undefined, 'host-check'],
    ['403 "Invalid Host" (SDK middleware)', refusedWith(403, { code: -32000, message: 'Invalid Host: mcp.example.com' }), undefined, 'host-check'],
    ['403 plain text naming the host', at({ status: 403, contentType: 'text/plain', bodySnippet: 'Forbidden: host not allowed' }), undefined, 'host-check'],
    ['403 "Invalid Origin header"', refusedWith(403, { code: -32000, message: 'Invalid Origin header: null' }), undefined, 'origin-check'],
    ['403 naming both Host and Origin (Origin wins)', at({ status: 403, bodySnippet: 'Host or Origin not allowed' }), undefined, 'origin-check'],
    ['403 Cloudflare challenge page (cf-mitigated)', at({ status: 403, contentType: 'text/html; charset=UTF-8', bodySnippet: CF_HTML, edge: { ...CF_EDGE, 'cf-mitigated': 'challenge' } }), undefined, 'edge-block'],
    ['403 Cloudflare HTML block page (no cf-mitigated)', at({ status: 403, contentType: 'text/html', bodySnippet: CF_HTML, edge: CF_EDGE }), undefined, 'edge-block'],
    ['429 HTML from a CDN named in `server`', at({ status: 429, contentType: 'text/html', bodySnippet: '<html>Too many requests</html>', edge: { server: 'AkamaiGHost' } }), undefined, 'edge-block'],
    ['503 CloudFront HTML', at({ status: 503, contentType: 'text/html', bodySnippet: '<html>ERROR</html>', edge: { 'x-amz-cf-id': 'abc' } }), undefined, 'edge-block'],
    ['HTML recognised from the body without a content type', at({ status: 403, bodySnippet: '  <!doctype html><p>blocked</p>', edge: { 'x-sucuri-id': '1' } }), undefined, 'edge-block'],
    ['a cf-mitigated JSON answer', at({ status: 403, contentType: JSON_CT, bodySnippet: '{}', edge: { ...CF_EDGE, 'cf-mitigated': 'challenge' } }), undefined, 'edge-block'],
    ['401 to CONNECTOR_ACCESS_TOKEN', at({ status: 401, wwwAuthenticate: INVALID_TOKEN_CHALLENGE }), { url: MCP_URL, withToken: true }, 'token-refused'],
    ['403 to CONNECTOR_ACCESS_TOKEN', at({ status: 403, contentType: JSON_CT }), { url: MCP_URL, withToken: true }, 'token-refused'],
    ['400 -32022', refusedWith(400, { code: -32022, message: 'Unsupported protocol version: 2026-07-28', data: { supported: ['2025-11-25'] } }), undefined, 'unsupported-version'],
    ['400 -32020', refusedWith(400, { code: -32020, message: 'Header mismatch: the required Mcp-Method header is absent' }), undefined, 'header-mismatch'],
    ['400 -32021', refusedWith(400, { code: -32021, message: 'Missing required client capability' }), undefined, 'missing-capability'],
    ['400 -32602', refusedWith(400, { code: -32602, message: 'missing the required per-request envelope key(s): _meta' }), undefined, 'invalid-params'],
    ['404 -32601', refusedWith(404, { code: -32601, message: 'Method not found' }), undefined, 'method-not-found'],
    ['200 with a JSON-RPC error -32601 in the reply', at({ status: 200, contentType: JSON_CT, reply: rpcError(-32601, 'Method not found') }), undefined, 'method-not-found'],
  ])('%s → %s', (_name, x, request, cause) => {
    expect(diagnose(x, request ?? { url: MCP_URL })?.cause).toBe(cause);
  });
});

describe('diagnose: texts and fixes name what to change', () => {
  it('a Host check names the host of the URL, with its port, in the text and the fix', () => {
    const d = diagnose(refusedWith(403, { code: -32000, message: 'Invalid Host header: mcp.example.com:8443' }), { url: 'https://mcp.example.com:8443/mcp' });
    expect(d?.text).toContain('`Host: mcp.example.com:8443`');
    expect(d?.fix).toContain('`mcp.example.com:8443`');
    expect(d?.fix).toContain('allowedHosts');
  });

  it('an edge block names the CDN and the egress range', () => {
    const d = diagnose(at({ status: 403, contentType: 'text/html', bodySnippet: CF_HTML, edge: CF_EDGE }), { url: MCP_URL });
    expect(d?.text).toContain('Cloudflare');
    expect(d?.fix).toContain('Claude-User');
    expect(d?.fix).toContain(ANTHROPIC_EGRESS);
  });

  it('a refused token quotes the challenge error', () => {
    expect(diagnose(at({ status: 401, wwwAuthenticate: INVALID_TOKEN_CHALLENGE }), { url: MCP_URL, withToken: true })?.text).toContain('(`invalid_token`)');
  });

  it('-32022 lists the versions the server supports', () => {
    const d = diagnose(refusedWith(400, { code: -32022, data: { supported: ['2026-07-28'], requested: '2025-11-25' } }), { url: MCP_URL });
    expect(d?.text).toContain('it supports `2026-07-28`');
    expect(d?.fix).toContain('createMcpHandler');
  });

  it('-32602 quotes the server message', () => {
    expect(diagnose(refusedWith(400, { code: -32602, message: 'clientCapabilities: missing' }), { url: MCP_URL })?.text).toContain('(clientCapabilities: missing)');
  });
});

describe('diagnose: nothing recognisable → undefined', () => {
  it.each<[string, McpExchange, { url: string; withToken?: boolean }?]>([
    ['a plain 400', at({ status: 400 })],
    ['a plain 400 with a text body', at({ status: 400, contentType: 'text/plain', bodySnippet: 'Bad Request' })],
    ['a plain 404', at({ status: 404 })],
    ['a 404 HTML page from no CDN', at({ status: 404, contentType: 'text/html', bodySnippet: '<html>Cannot POST /mcp</html>' })],
    ["SDK v1's 400 -32000", refusedWith(400, { code: -32000, message: 'Bad Request: Unsupported protocol version: 2026-07-28' })],
    ['a plain 403 without a token', at({ status: 403, contentType: 'text/plain', bodySnippet: 'Forbidden' })],
    ['a 401 without a token', at({ status: 401, wwwAuthenticate: INVALID_TOKEN_CHALLENGE })],
    ['a 500', at({ status: 500, contentType: 'text/plain', bodySnippet: 'Internal Server Error' })],
    ['a 404 HTML page behind Cloudflare (404 is no block status)', at({ status: 404, contentType: 'text/html', bodySnippet: CF_HTML, edge: CF_EDGE })],
    ['`localhost` in a 403 body is not the word host', at({ status: 403, bodySnippet: 'only localhost may connect' })],
    ['a 403 HTML page from a server that is no CDN', at({ status: 403, contentType: 'text/html', bodySnippet: '<html>Forbidden</html>', edge: { server: 'nginx' } })],
  ])('%s', (_name, x, request) => {
    expect(diagnose(x, request ?? { url: MCP_URL })).toBeUndefined();
  });

  it('a Cloudflare 403 JSON answer (no HTML, no cf-mitigated) is not called a block page', () => {
    const x = at({ status: 403, contentType: JSON_CT, bodySnippet: '{"error":"forbidden"}', edge: CF_EDGE });
    expect(diagnose(x, { url: MCP_URL })?.cause).not.toBe('edge-block');
    expect(diagnose(x, { url: MCP_URL })).toBeUndefined();
  });
});
