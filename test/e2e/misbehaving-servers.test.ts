import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type http from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMcpHandler } from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { sendJson, startServer, type FixtureServer } from '../helpers/fixture-server.js';
import { lint, lintJson } from '../helpers/run.js';
import { claudeClient, startTestIdp, type TestIdp } from '../helpers/idp/test-idp.js';
import { eraMcpServer, pathOf, startLoopback } from '../helpers/mcp/test-mcp-era-fixtures.js';

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('MCP servers that misbehave in ways no SDK server does on demand', () => {
  it('an event stream that never carries the answer is cut at the timeout, with one finding', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const timer = setInterval(() => res.write(': keep-alive\n\n'), 50);
      res.on('close', () => clearInterval(timer));
    });
    const started = performance.now();
    const { code, report } = await lintJson([`${server.url}/mcp`, '--timeout', '1']);
    expect(performance.now() - started).toBeLessThan(8000);
    expect(report.findings.find((f) => f.ruleId === 'mcp-reachable')?.data.cause).toBe('timeout');
    expect(code).toBe(1);
  });

  it('JSON-RPC garbage in a 200 is a transport error', async () => {
    server = await startServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"jsonrpc":"2.0","id":'));
    const { code, report } = await lintJson([`${server.url}/mcp`]);
    expect(report.rules['transport-streamable-http']?.status).toBe('failed');
    expect(code).toBe(1);
  });

  it('a WWW-Authenticate header that does not parse is named, and discovery falls back to the well-known URLs', async () => {
    server = await startServer((_req, res) => res.writeHead(401, { 'www-authenticate': 'Bearer error="unterminated' }).end());
    const { code, report } = await lintJson([`${server.url}/mcp`]);
    expect(report.findings.find((f) => f.ruleId === 'www-authenticate-resource-metadata')?.message).toContain('does not parse');
    expect(report.findings.find((f) => f.ruleId === 'prm-discoverable')?.data.cause).toBe('not-found');
    expect(code).toBe(1);
  });

  it('resource_metadata pointing at the MCP endpoint itself is not metadata', async () => {
    server = await startServer((req, res) => {
      res.writeHead(401, { 'www-authenticate': `Bearer resource_metadata="http://${req.headers.host}/mcp"` }).end();
    });
    const { code, report } = await lintJson([`${server.url}/mcp`]);
    expect(report.rules['prm-discoverable']?.status).toBe('failed');
    expect(report.rules['asm-discoverable']?.status).toBe('skipped');
    expect(code).toBe(1);
  });

  it('a 404 at the MCP path is a clear transport error, not a crash', async () => {
    server = await startServer((_req, res) => res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>'));
    const result = await lint([`${server.url}/wrong`]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('transport-streamable-http');
    expect(result.stderr).toBe('');
  });
});

describe('OAuth servers whose challenge or gate departs from the SDK', () => {
  let idp: TestIdp;
  beforeAll(async () => {
    idp = await startTestIdp({ clients: [claudeClient('claude')] });
  });
  afterAll(() => idp.close());

  /** An OAuth server that answers every POST 401 with a DPoP challenge before the Bearer one, in one header line or two. */
  function dpopFirst(lines: 'one' | 'two'): http.RequestListener {
    return (req, res) => {
      const origin = `http://${req.headers.host}`;
      const prm = `${origin}/.well-known/oauth-protected-resource/mcp`;
      if (req.method === 'GET' && req.url === '/.well-known/oauth-protected-resource/mcp') {
        return sendJson(res, 200, { resource: `${origin}/mcp`, authorization_servers: [idp.issuer], scopes_supported: ['mcp:tools'] });
      }
      const dpop = 'DPoP algs="ES256"';
      const bearer = `Bearer ${req.headers.authorization ? 'error="invalid_token", ' : ''}resource_metadata="${prm}", scope="mcp:tools"`;
      res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': lines === 'one' ? `${dpop}, ${bearer}` : [dpop, bearer] });
      res.end(JSON.stringify({ error: 'invalid_token' }));
    };
  }

  it.each([
    ['one header line', 'one'],
    ['two header lines', 'two'],
  ] as const)('`DPoP algs="ES256", Bearer resource_metadata=…` in %s is read as the Bearer challenge; the OAuth rules pass', async (_name, lines) => {
    server = await startServer(dpopFirst(lines));
    idp.addResourceServer(`${server.url}/mcp`);
    const { code, report } = await lintJson([`${server.url}/mcp`, '--client-id', 'claude']);
    for (const id of [
      'unauth-returns-401',
      'www-authenticate-resource-metadata',
      'www-authenticate-scope',
      'scope-offline-access',
      'invalid-token-401',
      'modern-probe-safe',
      'prm-discoverable',
      'prm-resource-exact-match',
      'prm-authorization-servers',
      'prm-issuer-identity',
      'asm-discoverable',
    ]) {
      expect(report.rules[id]?.status, id).toBe('passed');
    }
    expect(report.exchanges.some((x) => x.url === `${server!.url}/.well-known/oauth-protected-resource/mcp`)).toBe(true);
    expect(code).toBe(0);
  });

  it('a gate that checks only `initialize` leaves `tools/list` open on both eras: unauth-returns-401 names each', async () => {
    const { origin, close } = await startLoopback((base, onClose) => {
      const handler = createMcpHandler((ctx) => eraMcpServer('initialize-gate', ctx.era));
      onClose(() => handler.close());
      const serve = toNodeHandler(handler);
      return async (req, res) => {
        if (pathOf(req) !== '/mcp') return sendJson(res, 404, { error: 'not found' });
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const message = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { method?: string };
        if (message.method === 'initialize' && !req.headers.authorization) {
          res.writeHead(401, { 'www-authenticate': `Bearer resource_metadata="${base}/.well-known/oauth-protected-resource/mcp"` }).end();
          return;
        }
        await serve(req, res, message);
      };
    });
    server = { url: origin, close };
    const { code, report } = await lintJson([`${origin}/mcp`]);
    const findings = report.findings.filter((f) => f.ruleId === 'unauth-returns-401');
    expect(findings.map((f) => f.data)).toEqual([
      { method: 'tools/list', era: '2025-11-25', status: 200 },
      { method: 'tools/list', era: '2026-07-28', status: 200 },
    ]);
    expect(findings.every((f) => f.severity === 'error' && f.message.includes('3 tools'))).toBe(true);
    expect(code).toBe(1);
  });
});

describe('connector.json', () => {
  async function configWith(content: string): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'connector-'));
    await writeFile(join(dir, 'connector.json'), content);
    return join(dir, 'connector.json');
  }

  it.each([
    ['{"url":"https://mcp.example.com/mcp","colour":"red"}', 'unknown key `colour`'],
    ['{"url":42}', '`url` must be a string'],
    ['{"url":"https://mcp.example.com/mcp","auth":"basic"}', '`auth` must be one of'],
    ['[1]', 'not a JSON object'],
    ['{"url":', 'not valid JSON'],
  ])('%s → exit 2 naming the problem', async (content, message) => {
    const result = await lint(['--config', await configWith(content)]);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toContain(message);
  });

  it('a missing --config file is exit 2', async () => {
    const result = await lint(['--config', join(tmpdir(), 'no-such-dir', 'connector.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('ENOENT');
  });
});

describe('the path as Claude walks it', () => {
  it('a chain of same-origin redirects that finally leaves the origin is an error', async () => {
    server = await startServer((req, res) => {
      if (req.url === '/mcp') res.writeHead(307, { location: '/mcp/' }).end();
      else res.writeHead(307, { location: 'https://elsewhere.invalid/mcp' }).end();
    });
    const { code, report } = await lintJson([`${server.url}/mcp`]);
    const finding = report.findings.find((f) => f.ruleId === 'no-cross-host-redirect');
    expect(finding?.severity).toBe('error');
    expect(finding?.evidence).toHaveLength(2);
    expect(code).toBe(1);
  });

  it('never prints a credential passed in the URL, and names the parameter', async () => {
    server = await startServer((_req, res) => res.writeHead(404).end());
    const result = await lint([`${server.url}/mcp?api_key=supersecretvalue42&token=othersecret99`, '--verbose']);
    expect(result.stdout).toContain('no-credentials-in-url');
    expect(result.stdout).not.toContain('supersecretvalue42');
    expect(result.stdout).not.toContain('othersecret99');
    const json = await lint([`${server.url}/mcp?api_key=supersecretvalue42`, '--format', 'json']);
    expect(json.stdout).not.toContain('supersecretvalue42');
  });
});
