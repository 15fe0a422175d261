import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type FixtureServer } from '../helpers/fixture-server.js';
import { lint, lintJson } from '../helpers/run.js';

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
