import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { generate, startProject } from '../helpers/generated.js';
import { lintJson } from '../helpers/run.js';
import { CLAUDE_AI, CLAUDE_COM, publicClient, startTestIdp } from '../helpers/test-idp.js';

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
