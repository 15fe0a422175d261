import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/lint/types.js';
import { generate, installSelf, startProject } from '../helpers/generated.js';
import { lintJson } from '../helpers/run.js';
import { CLAUDE_AI, CLAUDE_COM, publicClient, startTestIdp } from '../helpers/idp/test-idp.js';

async function buildAndTest(dir: string): Promise<void> {
  const build = await execa('node_modules/.bin/tsc', ['-p', 'tsconfig.json'], { cwd: dir, reject: false, all: true });
  expect(build.exitCode, build.all).toBe(0);
  const test = await execa('node_modules/.bin/vitest', ['run'], { cwd: dir, reject: false, all: true, env: { CI: 'true' } });
  expect(test.exitCode, test.all).toBe(0);
}

async function listAndCall(url: string, call: { name: string; arguments: Record<string, unknown> }): Promise<string> {
  const client = new Client({ name: 'e2e', version: '0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  const { tools } = await client.listTools();
  expect(tools.length).toBeGreaterThan(0);
  const result = JSON.stringify(await client.callTool(call));
  await client.close();
  return result;
}

describe('generated projects build, pass their own tests, run, and pass connector-lint', () => {
  it('public', async () => {
    const dir = await generate('public', ['--description', 'Quotes " and \\ and {{braces}} and `ticks`']);
    await buildAndTest(dir);
    const server = await startProject(dir, {});
    try {
      expect(await listAndCall(server.url, { name: 'get_park', arguments: { id: 'zion' } })).toContain('Zion');
      const { code, report } = await lintJson([server.url, '--config', join(dir, 'connector.json')]);
      expect(report.counts.error, JSON.stringify(report.findings)).toBe(0);
      expect(code).toBe(0);
    } finally {
      await server.stop();
    }
  });

  it('shared: refuses to start without UPSTREAM_API_KEY, then runs and never shows it', async () => {
    const dir = await generate('shared');
    await buildAndTest(dir);
    const refused = await execa('node', ['dist/index.js'], { cwd: dir, reject: false, env: { PORT: '0', UPSTREAM_API_KEY: '' } });
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('UPSTREAM_API_KEY is not set');
    const key = 'secret-upstream-key-e2e-1234';
    const server = await startProject(dir, { UPSTREAM_API_KEY: key });
    try {
      expect(await listAndCall(server.url, { name: 'get_exchange_rate', arguments: { currency: 'EUR' } })).not.toContain(key);
      expect(server.output()).not.toContain(key);
      const { code } = await lintJson([server.url, '--config', join(dir, 'connector.json')]);
      expect(code).toBe(0);
    } finally {
      await server.stop();
    }
  });

  it('oauth: passes against an IdP that allowlists both callbacks, fails naming claude.com when it lacks it', async () => {
    const dir = await generate('oauth', ['--idp', 'keycloak']);
    await buildAndTest(dir);
    for (const [callbacks, expected] of [
      [[CLAUDE_AI, CLAUDE_COM], 0],
      [[CLAUDE_AI], 1],
    ] as const) {
      const idp = await startTestIdp({ clients: [publicClient('claude', [...callbacks])] });
      const server = await startProject(dir, (port) => ({ OAUTH_ISSUER: idp.issuer, PUBLIC_URL: `http://127.0.0.1:${port}`, OAUTH_SCOPES: 'openid' })).catch(async (e) => {
        await idp.close();
        throw e;
      });
      // The IdP must know the resource Claude sends (RFC 8707), or it refuses with invalid_target.
      idp.addResourceServer(server.url);
      try {
        const { code, report } = await lintJson([server.url, '--client-id', 'claude', '--auth', 'oauth']);
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
      if (dir) await rm(dirname(dir), { recursive: true, force: true });
    }
  });
});
