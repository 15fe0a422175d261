import { spawn } from 'node:child_process';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/run.js';

// A server that accepts connections and never answers: the lint hangs on its first request.
const held: Socket[] = [];
const server = createServer((socket) => held.push(socket));
let url: string;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/mcp`;
});
afterAll(async () => {
  for (const socket of held) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

describe('Ctrl-C during a lint', () => {
  it('prints one line and exits 130, with no report and no stack trace', async () => {
    const child = spawn('node', [join(ROOT, 'bin/connector-lint.js'), url, '--timeout', '60'], {
      env: { ...process.env, NO_COLOR: '1', CI: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    for (let i = 0; i < 100 && held.length === 0; i++) await sleep(50);
    expect(held.length).toBeGreaterThan(0);
    await sleep(500);
    child.kill('SIGINT');
    const started = performance.now();
    expect(await exited).toBe(130);
    // Well before the 60-second request timeout: the interrupt ended the run.
    expect(performance.now() - started).toBeLessThan(5000);
    expect(stderr).toBe('connector-lint: interrupted\n');
    expect(stdout).toBe('');
  }, 20_000);
});
