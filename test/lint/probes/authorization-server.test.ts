import { afterEach, describe, expect, it } from 'vitest';
import { metadataFor, sendJson, startServer, type FixtureServer } from '../../helpers/fixture-server.js';
import { lintJson } from '../../helpers/run.js';

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function discoveryOf(handler: Parameters<typeof startServer>[0], extraArgs: string[] = []) {
  server = await startServer(handler);
  const started = performance.now();
  const result = await lintJson(['--issuer', server.url, ...extraArgs]);
  const finding = result.report.findings.find((f) => f.ruleId === 'asm-discoverable');
  return { ...result, finding, elapsedMs: performance.now() - started };
}

describe('authorization-server discovery', () => {
  it('tries RFC 8414 then OpenID Connect for an issuer without a path, moving on after a 404', async () => {
    const seen: string[] = [];
    const { report } = await discoveryOf((req, res) => {
      seen.push(req.url ?? '');
      if (req.url === '/.well-known/openid-configuration') sendJson(res, 200, metadataFor(`http://${req.headers.host}`));
      else res.writeHead(404).end();
    });
    expect(seen.slice(0, 2)).toEqual(['/.well-known/oauth-authorization-server', '/.well-known/openid-configuration']);
    expect(report.rules['asm-discoverable']?.status).toBe('passed');
  });

  it('stops at a 5xx the way MCP clients do, naming the URL and status', async () => {
    const seen: string[] = [];
    const { code, finding } = await discoveryOf((req, res) => {
      seen.push(req.url ?? '');
      res.writeHead(503).end();
    });
    expect(seen).toEqual(['/.well-known/oauth-authorization-server']);
    expect(finding?.data).toEqual({ cause: 'server-error', status: 503 });
    expect(code).toBe(1);
  });

  it('reports every URL tried when none has metadata', async () => {
    const { code, finding } = await discoveryOf((_req, res) => res.writeHead(404).end());
    expect(finding?.data.cause).toBe('not-found');
    expect(finding?.message).toContain('/.well-known/openid-configuration');
    expect(code).toBe(1);
  });

  it('names an HTML page served where JSON belongs (a web-app fallback)', async () => {
    const { finding } = await discoveryOf((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><div id=app>'));
    expect(finding?.data.cause).toBe('not-json');
  });

  it('names a JSON array where an object belongs', async () => {
    const { finding } = await discoveryOf((_req, res) => sendJson(res, 200, [1, 2]));
    expect(finding?.data.cause).toBe('not-object');
    expect(finding?.message).toContain('a JSON array');
  });

  it('warns about metadata served with a non-JSON content type', async () => {
    const { report } = await discoveryOf((req, res) =>
      res.writeHead(200, { 'content-type': 'text/plain' }).end(JSON.stringify(metadataFor(`http://${req.headers.host}`))),
    );
    expect(report.findings.find((f) => f.ruleId === 'asm-discoverable')?.severity).toBe('warning');
  });

  it('gives up on a redirect loop after a bounded number of hops', async () => {
    const { finding } = await discoveryOf((req, res) => res.writeHead(302, { location: req.url ?? '/' }).end());
    expect(finding?.data.cause).toBe('redirect-loop');
  });

  it('caps a body of tens of megabytes instead of reading it', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    const { finding } = await discoveryOf((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      let sent = 0;
      const pump = () => {
        while (sent < 40 && res.write(chunk)) sent++;
        if (sent < 40) res.once('drain', pump);
        else res.end();
      };
      pump();
    });
    expect(finding?.data.cause).toBe('too-large');
  });

  it('times out a server that sends headers and then nothing, within the limit', async () => {
    const { finding, elapsedMs } = await discoveryOf((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"issuer":');
    }, ['--timeout', '0.5']);
    expect(finding?.data.cause).toBe('timeout');
    expect(elapsedMs).toBeLessThan(5000);
  });

  it('reports a refused connection as an unreachable finding, exit 1', async () => {
    server = await startServer((_req, res) => res.end());
    const url = server.url;
    await server.close();
    server = undefined;
    const { code, report } = await lintJson(['--issuer', url]);
    expect(report.findings.find((f) => f.ruleId === 'asm-discoverable')?.data.cause).toBe('refused');
    expect(report.findings.filter((f) => f.severity === 'error')).toHaveLength(1);
    expect(code).toBe(1);
  });
});

describe('transport failures', () => {
  it('names a TLS failure when https meets a server that does not speak TLS', async () => {
    server = await startServer((_req, res) => res.end());
    const { code, report } = await lintJson(['--issuer', server.url.replace('http:', 'https:'), '--timeout', '3']);
    expect(report.findings.find((f) => f.ruleId === 'asm-discoverable')?.data.cause).toBe('tls');
    expect(code).toBe(1);
  });
});
