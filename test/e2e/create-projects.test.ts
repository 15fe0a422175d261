import { copyFile, readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { Client as ModernClient, StreamableHTTPClientTransport as ModernTransport } from '@modelcontextprotocol/client';
import { Client as LegacyClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as LegacyTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/lint/types.js';
import { generate, installSelf, startProject } from '../helpers/generated.js';
import { lintJson } from '../helpers/run.js';
import { CLAUDE_AI, CLAUDE_COM, credentialsOnlyClient, publicClient, startTestIdp } from '../helpers/idp/test-idp.js';
import { accessTokenFor, MCP_SCOPE } from '../helpers/mcp/test-mcp.js';

async function buildAndTest(dir: string): Promise<void> {
  const build = await execa('node_modules/.bin/tsc', ['-p', 'tsconfig.json'], { cwd: dir, reject: false, all: true });
  expect(build.exitCode, build.all).toBe(0);
  const typecheck = await execa('node_modules/.bin/tsc', ['-p', 'test'], { cwd: dir, reject: false, all: true });
  expect(typecheck.exitCode, typecheck.all).toBe(0);
  const test = await execa('node_modules/.bin/vitest', ['run'], { cwd: dir, reject: false, all: true, env: { CI: 'true' } });
  expect(test.exitCode, test.all).toBe(0);
}

/**
 * Lists the tools and calls one with a real client of each era: SDK v1 (`initialize`, as hosted
 * Claude) and SDK v2 in `auto` mode, which must settle on 2026-07-28 (as Claude Code). Returns both results.
 */
async function listAndCall(url: string, call: { name: string; arguments: Record<string, unknown> }): Promise<string[]> {
  const legacy = new LegacyClient({ name: 'e2e', version: '0' });
  await legacy.connect(new LegacyTransport(new URL(url)));
  const modern = new ModernClient({ name: 'e2e', version: '0' }, { versionNegotiation: { mode: 'auto' } });
  await modern.connect(new ModernTransport(new URL(url)));
  expect(modern.getProtocolEra()).toBe('modern');
  const results: string[] = [];
  for (const client of [legacy, modern] as const) {
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    results.push(JSON.stringify(await client.callTool(call)));
    await client.close();
  }
  return results;
}

/** A rates API on 127.0.0.1 that answers only with `key` in the `apikey` header; it records what it was sent. */
async function startRatesApi(key: string): Promise<{ url: string; requests: { target?: string; apikey?: string | string[] }[]; close: () => Promise<void> }> {
  const requests: { target?: string; apikey?: string | string[] }[] = [];
  const server = http.createServer((req, res) => {
    requests.push({ target: req.url, apikey: req.headers.apikey });
    const ok = req.headers.apikey === key && req.url === '/v1/latest?base=USD';
    res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' }).end(JSON.stringify(ok ? { base: 'USD', date: '2026-07-28', rates: { EUR: 0.92 } } : { message: 'invalid key' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A round-robin load balancer without sticky sessions: each request goes to the next instance.
 * Returns the MCP URL through it and the number of requests each instance got.
 */
async function startRoundRobin(targets: string[]): Promise<{ url: string; served: number[]; close: () => Promise<void> }> {
  const served = targets.map(() => 0);
  let next = 0;
  const server = http.createServer((req, res) => {
    const index = next++ % targets.length;
    served[index] = (served[index] ?? 0) + 1;
    const target = new URL(targets[index] as string);
    const upstream = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** connector-lint exits 0 on the running server and finds both protocol eras served. */
async function expectLintPasses(url: string, dir: string): Promise<void> {
  const { code, report } = await lintJson([url, '--config', join(dir, 'connector.json')]);
  expect(report.counts.error, JSON.stringify(report.findings)).toBe(0);
  expect(code).toBe(0);
  expect(report.protocol).toMatchObject({ legacy: { status: 'served' }, modern: { status: 'served' } });
}

/** The server scenarios of the official MCP conformance suite that apply to a connector without sign-in. */
const CONFORMANCE_SCENARIOS = ['server-initialize', 'ping', 'tools-list', 'dns-rebinding-protection'];
const CONFORMANCE_BIN = join(dirname(createRequire(import.meta.url).resolve('@modelcontextprotocol/conformance/package.json')), 'dist/index.js');
const NODE_MAJOR = Number(process.versions.node.split('.')[0]);

describe('generated projects build, pass their own tests, run, and pass connector-lint', () => {
  it('public', async () => {
    const dir = await generate('public', ['--description', 'Quotes " and \\ and {{braces}} and `ticks`']);
    await buildAndTest(dir);
    const server = await startProject(dir, {});
    try {
      for (const result of await listAndCall(server.url, { name: 'get_park', arguments: { id: 'zion' } })) expect(result).toContain('Zion');
      await expectLintPasses(server.url, dir);
    } finally {
      await server.stop();
    }
  });

  it('public: two instances behind a round-robin balancer serve one client of each era (no sticky sessions)', async () => {
    const dir = await generate('public');
    await buildAndTest(dir);
    const instances = [await startProject(dir, {}), await startProject(dir, {})];
    const balancer = await startRoundRobin(instances.map((i) => i.url));
    try {
      for (const result of await listAndCall(balancer.url, { name: 'get_park', arguments: { id: 'zion' } })) expect(result).toContain('Zion');
      expect(balancer.served.every((n) => n >= 2), `requests per instance: ${balancer.served.join(', ')}`).toBe(true);
    } finally {
      await balancer.close();
      await Promise.all(instances.map((i) => i.stop()));
    }
  });

  // The suite itself needs Node 22 (it imports `fs.globSync`); CI runs this on Node 22 and 24.
  it.skipIf(NODE_MAJOR < 22).each([
    ['public', {}],
    // The scenarios call no tool, so no upstream is reached.
    ['shared', { UPSTREAM_API_KEY: 'placeholder-for-conformance' }],
  ])('%s passes the conformance suite\'s server scenarios that apply (needs Node 22+: the suite uses fs.globSync)', { timeout: 120_000 }, async (template, env) => {
    const dir = await generate(template);
    await buildAndTest(dir);
    const server = await startProject(dir, env);
    try {
      for (const scenario of CONFORMANCE_SCENARIOS) {
        const run = await execa('node', [CONFORMANCE_BIN, 'server', '--url', server.url.replace('127.0.0.1', 'localhost'), '--scenario', scenario], { reject: false, all: true });
        expect(run.exitCode, `${scenario}: ${run.all}`).toBe(0);
        expect(run.all, scenario).toMatch(/Passed: (\d+)\/\1, 0 failed/);
      }
    } finally {
      await server.stop();
    }
  });

  it('shared: refuses to start without UPSTREAM_API_KEY, then sends it to the upstream only', async () => {
    const dir = await generate('shared');
    await buildAndTest(dir);
    const refused = await execa('node', ['dist/index.js'], { cwd: dir, reject: false, env: { PORT: '0', UPSTREAM_API_KEY: '' } });
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('UPSTREAM_API_KEY is not set');
    const key = 'secret-upstream-key-e2e-1234';
    const rates = await startRatesApi(key);
    const server = await startProject(dir, { UPSTREAM_URL: rates.url, UPSTREAM_API_KEY: key }).catch(async (e) => {
      await rates.close();
      throw e;
    });
    try {
      for (const result of await listAndCall(server.url, { name: 'get_exchange_rate', arguments: { currency: 'EUR' } })) {
        expect(result).toContain('1 USD = 0.92 EUR');
        expect(result).not.toContain(key);
      }
      expect(rates.requests).toEqual([
        { target: '/v1/latest?base=USD', apikey: key },
        { target: '/v1/latest?base=USD', apikey: key },
      ]);
      await expectLintPasses(server.url, dir);
      expect(server.output()).not.toContain(key);
    } finally {
      await server.stop();
      await rates.close();
    }
  });

  it('oauth: passes against an IdP that allowlists both callbacks, fails naming claude.com when it lacks it', async () => {
    const dir = await generate('oauth', ['--idp', 'keycloak']);
    await buildAndTest(dir);
    for (const [callbacks, expected] of [
      [[CLAUDE_AI, CLAUDE_COM], 0],
      [[CLAUDE_AI], 1],
    ] as const) {
      const idp = await startTestIdp({ clients: [publicClient('claude', [...callbacks]), credentialsOnlyClient('m2m')] });
      // The server requires OAUTH_SCOPES in every token: the scope the test IdP grants for this resource.
      const server = await startProject(dir, (port) => ({ OAUTH_ISSUER: idp.issuer, PUBLIC_URL: `http://127.0.0.1:${port}`, OAUTH_SCOPES: MCP_SCOPE })).catch(async (e) => {
        await idp.close();
        throw e;
      });
      // The IdP must know the resource Claude sends (RFC 8707), or it refuses with invalid_target.
      idp.addResourceServer(server.url);
      try {
        // With a token the server accepts, connector-lint sees past the 401 and walks both eras.
        const token = await accessTokenFor(idp.issuer, server.url, 'm2m', 'm2m-secret-value');
        const { code, report } = await lintJson([server.url, '--client-id', 'claude', '--auth', 'oauth'], { CONNECTOR_ACCESS_TOKEN: token });
        expect(report.protocol).toMatchObject({ legacy: { status: 'served' }, modern: { status: 'served' } });
        expect(code, JSON.stringify(report.findings.filter((f) => f.severity === 'error'))).toBe(expected);
        if (expected === 1) expect(report.findings.filter((f) => f.severity === 'error').map((f) => f.ruleId)).toEqual(['redirect-claude-com-accepted']);
      } finally {
        await server.stop();
        await idp.close();
      }
    }
    expect(await readFile(join(dir, 'README.md'), 'utf8')).toContain('claude.com/api/mcp/auth_callback');
  });
});

describe("a generated oauth project's own `npm run lint:connector`", () => {
  // connector-lint comes from create-connector, linked to this checkout's bin: run `npm run build` first.
  it('with no flags, registers a client as Claude does and exits 0 against a correct IdP with DCR', { timeout: 120_000 }, async () => {
    const idp = await startTestIdp({ registration: 'open' });
    let dir: string | undefined;
    let server: Awaited<ReturnType<typeof startProject>> | undefined;
    try {
      dir = await generate('oauth', ['--issuer', idp.issuer]);
      await installSelf(dir);
      const build = await execa('npm', ['run', 'build'], { cwd: dir, reject: false, all: true });
      expect(build.exitCode, build.all).toBe(0);
      // What the README asks of a user: .env from .env.example (the issuer is already in it), PUBLIC_URL
      // for where the server listens, and that URL in connector.json.
      await copyFile(join(dir, '.env.example'), join(dir, '.env'));
      server = await startProject(dir, (port) => ({ PUBLIC_URL: `http://127.0.0.1:${port}` }));
      // The IdP must know the resource Claude sends (RFC 8707), or it refuses with invalid_target.
      idp.addResourceServer(server.url);
      const config = JSON.parse(await readFile(join(dir, 'connector.json'), 'utf8'));
      expect(config).toMatchObject({ auth: 'oauth', issuer: idp.issuer, register: true });
      await writeFile(join(dir, 'connector.json'), JSON.stringify({ ...config, url: server.url }, null, 2));
      const npm = { cwd: dir, reject: false, env: { NO_COLOR: '1', npm_config_update_notifier: 'false' } } as const;

      const lint = await execa('npm', ['run', 'lint:connector'], { ...npm, all: true });
      expect(lint.exitCode, lint.all).toBe(0);

      const json = await execa('npm', ['run', '--silent', 'lint:connector', '--', '--format', 'json'], npm);
      expect(json.exitCode, json.stderr).toBe(0);
      const report = JSON.parse(json.stdout) as Report;
      expect(report.target).toMatchObject({ url: server.url, register: true });
      expect(report.rules['dcr-accepts-claude-registration']?.status).toBe('passed');
      const registration = report.exchanges.filter((e) => e.probe === 'registration').map((e) => [e.method, e.status]);
      expect(registration).toEqual([
        ['POST', 201],
        ['DELETE', 204],
      ]);
      const claude = report.callbacks.filter((c) => c.client === 'registration' && (c.uri === CLAUDE_AI || c.uri === CLAUDE_COM));
      expect(claude.map((c) => [c.uri, c.verdict])).toEqual([
        [CLAUDE_AI, 'accepted'],
        [CLAUDE_COM, 'accepted'],
      ]);
    } finally {
      await server?.stop();
      await idp.close();
    }
  });
});
