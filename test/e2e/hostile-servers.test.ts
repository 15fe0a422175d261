import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { execa } from 'execa';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { metadataFor, sendJson, startServer, type FixtureServer } from '../helpers/fixture-server.js';
import { ROOT } from '../helpers/run.js';
import { selfSignedCert } from '../helpers/tls.js';
import type { Report } from '../../src/lint/types.js';

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/**
 * Runs the real bin with a capped heap (64 MiB), so a defence that buffers what a hostile server
 * sends shows up as a crash; returns the Report, the exit code, stderr and the wall time.
 */
async function lintBin(args: string[]): Promise<{ code: number; report: Report; stderr: string; ms: number }> {
  const started = performance.now();
  const result = await execa('node', ['--max-old-space-size=64', join(ROOT, 'bin/connector-lint.js'), ...args, '--format', 'json'], {
    reject: false,
    env: { NO_COLOR: '1' },
  });
  const ms = performance.now() - started;
  expect(result.stderr, 'no stack trace, nothing on stderr').toBe('');
  return { code: result.exitCode ?? -1, report: JSON.parse(result.stdout) as Report, stderr: result.stderr, ms };
}

function discoveryCause(report: Report): string | number | undefined {
  return report.findings.find((f) => f.ruleId === 'asm-discoverable')?.data.cause;
}

describe('connector-lint against hostile servers: bounded time and memory, one clear finding, documented exit', () => {
  it('a body trickled one byte a second is cut at the timeout', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => res.write(' '), 1000);
      res.on('close', () => clearInterval(timer));
    });
    const { code, report, ms } = await lintBin(['--issuer', server.url, '--timeout', '2']);
    expect(discoveryCause(report)).toBe('timeout');
    expect(ms).toBeLessThan(10_000);
    expect(code).toBe(1);
  });

  it('a 100 MB body is not read past the cap', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      let sent = 0;
      const pump = () => {
        while (sent < 100 && res.write(chunk)) sent++;
        if (sent < 100) res.once('drain', pump);
        else res.end();
      };
      res.on('error', () => undefined);
      pump();
    });
    const { code, report } = await lintBin(['--issuer', server.url]);
    expect(discoveryCause(report)).toBe('too-large');
    expect(code).toBe(1);
  });

  it('a gzip bomb is never inflated (no Accept-Encoding is sent), so it is just not JSON', async () => {
    const bomb = gzipSync(Buffer.alloc(200 * 1024 * 1024));
    const acceptEncodings: (string | undefined)[] = [];
    server = await startServer((req, res) => {
      acceptEncodings.push(req.headers['accept-encoding']);
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(bomb);
    });
    const { code, report } = await lintBin(['--issuer', server.url]);
    expect(acceptEncodings.length).toBeGreaterThan(0);
    expect(acceptEncodings.every((e) => e === undefined)).toBe(true);
    expect(discoveryCause(report)).toBe('not-json');
    expect(code).toBe(1);
  });

  it.each([5, 50])('a redirect chain of %i hops is given up after a bounded number', async (hops) => {
    server = await startServer((req, res) => {
      const n = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('n') ?? 0);
      res.writeHead(302, { location: n < hops ? `/.well-known/oauth-authorization-server?n=${n + 1}` : '/.well-known/oauth-authorization-server' }).end();
    });
    const { code, report } = await lintBin(['--issuer', server.url]);
    expect(discoveryCause(report)).toBe('redirect-loop');
    expect(code).toBe(1);
  });

  it.each(['file:///etc/passwd', 'data:application/json,{}', 'javascript:alert(1)', 'gopher://example.com/'])('a redirect to %s is not followed', async (location) => {
    server = await startServer((_req, res) => res.writeHead(302, { location }).end());
    const { code, report } = await lintBin(['--issuer', server.url]);
    expect(discoveryCause(report)).toBe('bad-redirect');
    expect(code).toBe(1);
  });

  it('JSON nested 100,000 deep does not crash the linter', async () => {
    const deep = `{"issuer":"ISSUER","x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    server = await startServer((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(deep.replace('ISSUER', `http://${req.headers.host}`)));
    const { code, report } = await lintBin(['--issuer', server.url]);
    expect(report.rules['asm-discoverable']?.status).toBe('passed');
    expect(report.rules['asm-required-fields']?.status).toBe('failed');
    expect(code).toBe(1);
  });

  it('__proto__ and constructor keys in metadata stay data', async () => {
    server = await startServer((req, res) => {
      const md = metadataFor(`http://${req.headers.host}`);
      res.writeHead(200, { 'content-type': 'application/json' }).end(`{"__proto__":{"grant_types_supported":["client_credentials"]},"constructor":{"prototype":{"x":1}},${JSON.stringify(md).slice(1)}`);
    });
    const { report } = await lintBin(['--issuer', server.url]);
    expect(report.rules['asm-authorization-code-grant']?.status).toBe('passed');
  });

  it('1 MB of response headers is refused as too large', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-huge': 'a'.repeat(1024 * 1024) }).end('{}');
    });
    const { code, report } = await lintBin(['--issuer', server.url]);
    expect(discoveryCause(report)).toBe('too-large');
    expect(code).toBe(1);
  });

  it('an IPv6 literal issuer works', async () => {
    const v6 = http.createServer((req, res) => sendJson(res, 200, metadataFor(`http://${req.headers.host}`)));
    await new Promise<void>((resolve) => v6.listen(0, '::1', resolve));
    try {
      const { report } = await lintBin(['--issuer', `http://[::1]:${(v6.address() as AddressInfo).port}`]);
      expect(report.rules['asm-discoverable']?.status).toBe('passed');
      expect(report.target.local).toBe(true);
    } finally {
      v6.closeAllConnections();
      v6.close();
    }
  });

  it('an IDN host is shown in its ASCII form and fails with a clear DNS finding', async () => {
    const { code, report } = await lintBin(['--issuer', 'https://bücher.invalid', '--timeout', '3']);
    expect(report.target.issuer).toBe('https://bücher.invalid');
    const finding = report.findings.find((f) => f.ruleId === 'asm-discoverable');
    expect(finding?.message).toContain('xn--bcher-kva.invalid');
    expect(['dns', 'timeout']).toContain(finding?.data.cause);
    expect(code).toBe(1);
  });
});

describe('TLS', () => {
  const tls = selfSignedCert();
  afterAll(() => tls.remove());

  it.each([
    ['self-signed certificate', 'localhost'],
    ['certificate for another host name', '127.0.0.1'],
  ])('a %s is a clear TLS finding', async (_name, host) => {
    const secure = https.createServer(tls, (req, res) => sendJson(res, 200, metadataFor(`https://${req.headers.host}`)));
    await new Promise<void>((resolve) => secure.listen(0, '127.0.0.1', resolve));
    try {
      const { code, report } = await lintBin(['--issuer', `https://${host}:${(secure.address() as AddressInfo).port}`]);
      expect(discoveryCause(report)).toBe('tls');
      expect(code).toBe(1);
    } finally {
      secure.closeAllConnections();
      secure.close();
    }
  });
});
