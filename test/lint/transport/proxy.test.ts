import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { createProxy, type ProxyServer } from 'proxy';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, type SendInput } from '../../../src/lint/transport/http.js';
import { Proxies } from '../../../src/lint/transport/proxy.js';
import { startServer, type FixtureServer } from '../../helpers/fixture-server.js';
import { lint, ROOT } from '../../helpers/run.js';
import { startTestMcp, type TestMcpServer } from '../../helpers/mcp/test-mcp.js';
import { selfSignedCert, type SelfSigned } from '../../helpers/tls.js';
import type { Report } from '../../../src/lint/types.js';

interface TestProxy {
  url: string;
  /** Request targets of absolute-URI requests (http targets), in order. */
  requests: string[];
  /** `host:port` of CONNECT requests (https targets), in order. */
  connects: string[];
  /** The `Proxy-Authorization` header of every request and CONNECT. */
  credentials: (string | undefined)[];
  server: ProxyServer;
  /** Destroys every connection the proxy holds, as a proxy restarting would. */
  drop(): void;
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Tracks a server's sockets, tunnels included (`closeAllConnections` leaves those), to destroy them all. */
function track(server: net.Server): { drop(): void; close(): Promise<void> } {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const drop = () => {
    for (const socket of sockets) socket.destroy();
  };
  return { drop, close: () => new Promise<void>((resolve) => (drop(), server.close(() => resolve()))) };
}

/** A real forward proxy (the `proxy` package) on 127.0.0.1 that records what it carries. */
async function startProxy(): Promise<TestProxy> {
  const server = createProxy(http.createServer());
  const { drop, close } = track(server);
  closers.push(close);
  const proxy: TestProxy = { url: '', requests: [], connects: [], credentials: [], server, drop };
  server.prependListener('request', (req: http.IncomingMessage) => {
    proxy.requests.push(req.url ?? '');
    proxy.credentials.push(req.headers['proxy-authorization']);
  });
  server.prependListener('connect', (req: http.IncomingMessage) => {
    proxy.connects.push(req.url ?? '');
    proxy.credentials.push(req.headers['proxy-authorization']);
  });
  proxy.url = `http://127.0.0.1:${await listen(server)}`;
  return proxy;
}

async function target(handler: http.RequestListener): Promise<FixtureServer> {
  const server = await startServer(handler);
  closers.push(() => server.close());
  return server;
}

/** A port on 127.0.0.1 that nothing listens on. */
async function deadPort(): Promise<number> {
  const server = http.createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function client(env: Record<string, string>, timeoutMs = 5000): HttpClient {
  const httpClient = new HttpClient({ timeoutMs, userAgent: 'connector-lint-test', secrets: [], env });
  closers.push(() => httpClient.close());
  return httpClient;
}

const get = (url: string, extra: Partial<SendInput> = {}): SendInput => ({ probe: 'authorizationServer', method: 'GET', url, maxBytes: 64 * 1024, ...extra });

/** The environment of this process without any proxy variable, for spawned runs. */
function withoutProxyVariables(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && !/^(https?|no)_proxy$/i.test(e[0])));
}

// A self-signed certificate for localhost: a TLS failure through the tunnel, or a success for a
// spawned run that trusts it with NODE_EXTRA_CA_CERTS.
let tls: SelfSigned;
beforeAll(() => {
  tls = selfSignedCert();
});
afterAll(() => tls.remove());

async function secureTarget(handler: http.RequestListener): Promise<number> {
  const server = https.createServer(tls, handler);
  closers.push(track(server).close);
  return listen(server);
}

describe('an http target through HTTP_PROXY', () => {
  it('goes through the proxy as an absolute-URI request and reads like a direct answer', async () => {
    const seen: http.IncomingHttpHeaders[] = [];
    const server = await target((req, res) => {
      seen.push(req.headers);
      res.setHeader('content-type', ['application/json', 'text/html']);
      res.setHeader('set-cookie', ['a=1', 'b=2']);
      res.setHeader('x-repeated', ['one', 'two']);
      res.end('{"ok":true}');
    });
    const proxy = await startProxy();
    const url = `${server.url}/.well-known/oauth-authorization-server`;

    const direct = await client({}).send(get(url));
    const proxied = await client({ HTTP_PROXY: proxy.url }).send(get(url));

    expect(proxied.failure).toBeUndefined();
    expect(proxy.requests).toEqual([url]);
    expect(seen[1]?.via, 'the proxy forwarded it').toMatch(/proxy/);
    expect(seen[1]?.['user-agent']).toBe('connector-lint-test');
    for (const res of [direct, proxied]) {
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/json');
      expect(res.headers['x-repeated']).toBe('one, two');
      expect(res.setCookies).toEqual(['a=1', 'b=2']);
      expect(res.body.toString()).toBe('{"ok":true}');
      expect(res.exchange).toMatchObject({ status: 200, url, contentType: 'application/json', bytes: 11 });
    }
  });

  it('sends a POST body through the proxy', async () => {
    const server = await target((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => res.writeHead(201, { 'content-type': 'text/plain' }).end(`got ${body}`));
    });
    const proxy = await startProxy();
    const res = await client({ http_proxy: proxy.url }).send({ ...get(`${server.url}/register`), method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(201);
    expect(res.body.toString()).toBe('got {"a":1}');
    expect(proxy.requests).toEqual([`${server.url}/register`]);
  });

  it('sends the proxy its credentials and never prints them', async () => {
    const server = await target((_req, res) => res.end('ok'));
    const proxy = await startProxy();
    proxy.server.authenticate = (req) => req.headers['proxy-authorization'] === `Basic ${Buffer.from('lint-user:s3cret-pass').toString('base64')}`;
    const withCredentials = proxy.url.replace('http://', 'http://lint-user:s3cret-pass@');

    const accepted = await client({ HTTP_PROXY: withCredentials }).send(get(server.url));
    expect(accepted.status).toBe(200);

    const refused = await client({ HTTP_PROXY: withCredentials.replace('s3cret-pass', 'wrong-pass') }).send(get(server.url));
    // An absolute-URI request refused for credentials is the proxy's failure, not the server's 407.
    expect(refused.failure).toEqual({ cause: 'refused', detail: `the proxy \`${proxy.url}\` refused the request (407: proxy authentication required)` });
    expect(JSON.stringify([accepted.exchange, refused.exchange])).not.toMatch(/lint-user|s3cret|wrong-pass/);
  });
});

describe('an https target through HTTPS_PROXY', () => {
  it('tunnels with CONNECT, and an untrusted certificate is still a `tls` failure', async () => {
    const port = await secureTarget((_req, res) => res.end('{}'));
    const proxy = await startProxy();
    const res = await client({ HTTPS_PROXY: proxy.url }).send(get(`https://localhost:${port}/.well-known/openid-configuration`));
    expect(proxy.connects).toEqual([`localhost:${port}`]);
    expect(proxy.requests).toEqual([]);
    expect(res.failure?.cause).toBe('tls');
    expect(res.failure?.detail).toMatch(/^TLS failure \(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
  });

  it('names a refused CONNECT after the proxy, without its credentials', async () => {
    const proxy = await startProxy();
    proxy.server.authenticate = () => false;
    const res = await client({ HTTPS_PROXY: proxy.url.replace('http://', 'http://ci:hunter2-token@') }).send(get('https://localhost:9/x'));
    expect(res.failure).toEqual({ cause: 'refused', detail: `the proxy \`${proxy.url}\` refused the CONNECT to localhost:9 (407: proxy authentication required)` });
    expect(proxy.credentials).toEqual([`Basic ${Buffer.from('ci:hunter2-token').toString('base64')}`]);
  });

  it('does not take HTTP_PROXY, which is for http URLs only', async () => {
    const port = await secureTarget((_req, res) => res.end('{}'));
    const proxy = await startProxy();
    const res = await client({ HTTP_PROXY: proxy.url }).send(get(`https://localhost:${port}/`));
    expect(res.failure?.cause).toBe('tls');
    expect(proxy.connects).toEqual([]);
  });
});

describe('NO_PROXY', () => {
  it('sends an exempted host direct: the proxy sees nothing', async () => {
    const server = await target((_req, res) => res.end('direct'));
    const proxy = await startProxy();
    const res = await client({ HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, NO_PROXY: 'example.com, 127.0.0.1' }).send(get(server.url));
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe('direct');
    expect(proxy.requests).toEqual([]);
    expect(proxy.connects).toEqual([]);
  });

  it.each([
    ['127.0.0.1', 'http://127.0.0.1:8080/', false],
    ['localhost', 'http://localhost/', false],
    ['.example.com', 'https://idp.example.com/', false],
    ['*.example.com', 'https://example.com/', false],
    ['example.com', 'https://notexample.com/', true],
    ['127.0.0.1:8080', 'http://127.0.0.1:8080/', false],
    ['127.0.0.1:8080', 'http://127.0.0.1:9090/', true],
    ['idp.example.com:443', 'https://IDP.example.com/', false],
    ['[::1]', 'http://[::1]:3000/', false],
    ['::1', 'http://[::1]:3000/', false],
    ['*', 'https://anything.example/', false],
    ['', 'http://127.0.0.1/', true],
  ])('NO_PROXY=%j: %s is proxied: %s', (noProxy, url, proxied) => {
    const proxies = new Proxies({ timeoutMs: 1000, userAgent: 'test', secrets: [], env: { HTTP_PROXY: 'http://proxy.test:3128', HTTPS_PROXY: 'proxy.test:3128', no_proxy: noProxy } });
    expect(proxies.routeFor(url) !== undefined).toBe(proxied);
  });
});

describe('failures through a proxy', () => {
  it.each(['http://127.0.0.1:9/x', 'https://localhost:9/x'])('a proxy that is not listening is named as the failure (%s)', async (url) => {
    const port = await deadPort();
    const proxyUrl = `http://ci-bot:p4ssw0rd-xyz@127.0.0.1:${port}`;
    const res = await client({ HTTP_PROXY: proxyUrl, HTTPS_PROXY: proxyUrl }).send(get(url));
    expect(res.failure).toEqual({ cause: 'refused', detail: `could not reach the proxy \`http://127.0.0.1:${port}\`: connection refused (ECONNREFUSED)` });
    expect(JSON.stringify(res.exchange)).not.toMatch(/ci-bot|p4ssw0rd/);
  });

  it('a proxy variable that is not a URL fails the request, without printing the value', async () => {
    const res = await client({ HTTPS_PROXY: 'socks5://user:pw-secret@127.0.0.1:1080' }).send(get('https://localhost:9/x'));
    expect(res.failure).toEqual({ cause: 'network', detail: '`HTTPS_PROXY` is not an http(s) URL, so no proxy could be used' });
  });

  it('a target the proxy cannot connect to fails with the status the proxy answered the CONNECT with', async () => {
    const proxy = await startProxy();
    const res = await client({ HTTPS_PROXY: proxy.url }).send(get(`https://127.0.0.1:${await deadPort()}/x`));
    expect(res.failure?.cause).toBe('network');
    expect(res.failure?.detail).toMatch(new RegExp(`^the proxy \`${proxy.url}\` could not connect to 127\\.0\\.0\\.1:\\d+ \\(500\\)$`));
  });
});

/** The same probe, direct and through a proxy: the proxy path must not change what a probe sees. */
describe.each([
  ['direct', false],
  ['through HTTP_PROXY', true],
])('probe semantics, %s', (_route, proxied) => {
  let proxy: TestProxy | undefined;
  const open = async (timeoutMs?: number) => {
    proxy = proxied ? await startProxy() : undefined;
    return client(proxy ? { HTTP_PROXY: proxy.url } : {}, timeoutMs);
  };
  const carried = (url: string) => expect(proxy?.requests ?? [url]).toEqual([url]);

  it('never follows a redirect', async () => {
    let hits = 0;
    const server = await target((_req, res) => {
      hits++;
      res.writeHead(302, { location: '/elsewhere?x=1' }).end();
    });
    const res = await (await open()).send(get(`${server.url}/start`));
    expect(res.status).toBe(302);
    expect(res.location).toBe(`${server.url}/elsewhere?x=1`);
    expect(res.exchange.location).toBe(`${server.url}/elsewhere?x=1`);
    expect(hits).toBe(1);
    carried(`${server.url}/start`);
  });

  it('reads no more than maxBytes of a large body', async () => {
    const server = await target((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.on('error', () => undefined);
      res.end(Buffer.alloc(4 * 1024 * 1024, 0x20));
    });
    const res = await (await open()).send(get(server.url, { maxBytes: 1000 }));
    expect(res.failure).toBeUndefined();
    expect(res.truncated).toBe(true);
    expect(res.body.length).toBe(1000);
    expect(res.exchange.bytes).toBe(1000);
    carried(`${server.url}/`);
  });

  it('stops at stopWhen, and at the body window of a stream that stays open, without failing', async () => {
    const server = await target((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: message\ndata: {}\n\n');
    });
    const probe = await open();

    const stopped = await probe.send(get(server.url, { stopWhen: (chunk) => chunk.includes('\n\n') }));
    expect(stopped.failure).toBeUndefined();
    expect(stopped.body.toString()).toBe('event: message\ndata: {}\n\n');

    const started = performance.now();
    const windowed = await probe.send(get(server.url, { bodyWindowMs: 300 }));
    expect(windowed.failure).toBeUndefined();
    expect(windowed.body.toString()).toBe('event: message\ndata: {}\n\n');
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it.each([
    ['no answer at all', (_req: http.IncomingMessage, _res: http.ServerResponse) => undefined],
    ['a body trickled forever', (_req: http.IncomingMessage, res: http.ServerResponse) => {
      res.writeHead(200);
      const timer = setInterval(() => res.write(' '), 100);
      res.on('close', () => clearInterval(timer));
    }],
  ])('ends %s at the deadline as a `timeout`', async (_name, handler) => {
    const server = await target(handler);
    const started = performance.now();
    const res = await (await open(800)).send(get(server.url));
    expect(res.failure).toEqual({ cause: 'timeout', detail: 'no complete answer within 0.8 s' });
    expect(performance.now() - started).toBeLessThan(3000);
    carried(`${server.url}/`);
  });

  it('a connection dropped mid-body is a `reset`', async () => {
    const server = await target((_req, res) => {
      res.writeHead(200, { 'content-length': '1000' });
      // The proxy does not pass a server's drop on, so it is the proxy that drops: its own failure mode.
      res.write('partial', () => setTimeout(() => (proxy ? proxy.drop() : res.destroy()), 50));
    });
    const res = await (await open()).send(get(server.url));
    expect(res.failure).toEqual({ cause: 'reset', detail: 'connection closed by the server' });
  });
});

describe('failures inside the tunnel', () => {
  it('a target that hangs up inside the tunnel is a `reset`, as on the direct path', async () => {
    const hangUp = net.createServer((socket) => socket.destroy());
    closers.push(track(hangUp).close);
    const url = `https://127.0.0.1:${await listen(hangUp)}/`;
    const direct = await client({}).send(get(url));
    const proxy = await startProxy();
    const proxied = await client({ HTTPS_PROXY: proxy.url }).send(get(url));
    expect(proxy.connects).toHaveLength(1);
    expect(direct.failure?.cause).toBe('reset');
    expect(proxied.failure).toEqual(direct.failure);
  });
});

describe('connector-lint through a proxy', () => {
  let mcp: TestMcpServer;
  beforeAll(async () => {
    mcp = await startTestMcp('public');
  });
  afterAll(async () => {
    await mcp.close();
  });

  const statuses = (report: Report) => Object.fromEntries(Object.entries(report.rules).map(([id, rule]) => [id, rule.status]));

  it('lints a real MCP server with every request carried by HTTP_PROXY, to the same verdicts as a direct run', async () => {
    const proxy = await startProxy();
    const direct = await lint([mcp.url, '--format', 'json']);
    const proxied = await lint([mcp.url, '--format', 'json'], { HTTP_PROXY: proxy.url });
    expect(proxied.stderr).toBe('');
    expect(proxied.code).toBe(0);
    expect(proxied.code).toBe(direct.code);
    const report = JSON.parse(proxied.stdout) as Report;
    expect(statuses(report)).toEqual(statuses(JSON.parse(direct.stdout) as Report));
    expect(report.exchanges.length).toBeGreaterThan(0);
    expect(proxy.requests.length).toBe(report.exchanges.length);
    expect(proxy.requests.every((url) => url.startsWith(new URL(mcp.url).origin))).toBe(true);
  });

  it('a spawned run tunnels to an https identity provider it trusts, from the built bundle', async () => {
    const issuerPort = await secureTarget((req, res) => {
      const issuer = `https://${req.headers.host}`;
      res.writeHead(req.url === '/.well-known/oauth-authorization-server' ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`, response_types_supported: ['code'], code_challenge_methods_supported: ['S256'] }));
    });
    const proxy = await startProxy();
    const result = await execa('node', [join(ROOT, 'bin/connector-lint.js'), '--issuer', `https://localhost:${issuerPort}`, '--format', 'json'], {
      env: { ...withoutProxyVariables(), NO_COLOR: '1', HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: tls.certPath },
      extendEnv: false,
      reject: false,
    });
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as Report;
    expect(report.rules['asm-discoverable']?.status).toBe('passed');
    expect(proxy.connects.length).toBeGreaterThan(0);
    expect(proxy.connects.every((c) => c === `localhost:${issuerPort}`)).toBe(true);
  });
});

describe('startup without a proxy', () => {
  // A string only undici's code holds; the build bundles undici into dist/.
  const UNDICI_MARKER = 'EnvHttpProxyAgent';

  async function loadedChunks(env: Record<string, string>): Promise<string[]> {
    const mcp = await startTestMcp('public');
    closers.push(() => mcp.close());
    const trace = join(mkdtempSync(join(tmpdir(), 'trace-')), 'imports.txt');
    const result = await execa('node', ['--import', join(ROOT, 'test/helpers/trace-imports.mjs'), join(ROOT, 'bin/connector-lint.js'), mcp.url, '--format', 'json'], {
      env: { ...withoutProxyVariables(), NO_COLOR: '1', TRACE_FILE: trace, ...env },
      extendEnv: false,
      reject: false,
    });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    return readFileSync(trace, 'utf8')
      .split('\n')
      .filter((u) => u.startsWith('file://') && u.includes('/dist/'))
      .map((u) => readFileSync(new URL(u), 'utf8'));
  }

  it('a lint with no proxy variable loads no chunk holding undici', async () => {
    const distFiles = readdirSync(join(ROOT, 'dist'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.js'))
      .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'));
    expect(distFiles.some((code) => code.includes(UNDICI_MARKER)), 'undici is somewhere in dist').toBe(true);

    const loaded = await loadedChunks({});
    expect(loaded.length).toBeGreaterThan(0);
    for (const code of loaded) expect(code.includes(UNDICI_MARKER)).toBe(false);
  });

  it('the same lint with HTTP_PROXY set does load it (the marker is a fair witness)', async () => {
    const proxy = await startProxy();
    const loaded = await loadedChunks({ HTTP_PROXY: proxy.url });
    expect(loaded.some((code) => code.includes(UNDICI_MARKER))).toBe(true);
    expect(proxy.requests.length).toBeGreaterThan(0);
  });
});
