import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/generated.js';
import { ROOT } from '../helpers/run.js';

const ENTER = '\r';
const DOWN = '\x1b[B';

/**
 * Runs create-connector in a pseudo-terminal (util-linux `script`), answering each prompt once its
 * question appears. Returns the exit code and what the terminal showed, escape sequences removed.
 */
function runInTerminal(cwd: string, answers: [RegExp, string][], env: Record<string, string> = {}): Promise<{ code: number | null; screen: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', `stty cols 120 rows 40; exec node ${join(ROOT, 'bin/create-connector.js')}`, '/dev/null'], {
      cwd,
      env: { ...process.env, CI: '', CLAUDECODE: '', TERM: 'xterm', ...env },
    });
    let screen = '';
    const pending = [...answers];
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out; screen so far:\n${screen}`));
    }, 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString().replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
      const next = pending[0];
      if (next && next[0].test(screen)) {
        pending.shift();
        setTimeout(() => child.stdin.write(next[1]), 150);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, screen });
    });
  });
}

describe('create-connector in a terminal', () => {
  it('asks each question and creates the project from the answers', async () => {
    const cwd = await tempDir();
    const { code, screen } = await runInTerminal(cwd, [
      [/Where should the project go\?/, `term-app${ENTER}`],
      [/How do users authenticate\?/, `${DOWN}${DOWN}${ENTER}`],
      [/Identity provider\?/, `${DOWN}${ENTER}`],
      [/Issuer URL/, `https://tenant.us.auth0.com/${ENTER}`],
      [/Install dependencies\?/, `n${ENTER}`],
      [/Initialise a git repository\?/, `n${ENTER}`],
    ]);
    expect(code, screen).toBe(0);
    expect(screen).toContain('Created term-app (oauth)');
    const config = JSON.parse(await readFile(join(cwd, 'term-app', 'connector.json'), 'utf8'));
    expect(config).toEqual({ name: 'term-app', url: 'http://localhost:3000/mcp', auth: 'oauth', issuer: 'https://tenant.us.auth0.com/', register: true });
  });

  it('Ctrl-C at a prompt exits 130 and writes nothing', async () => {
    const cwd = await tempDir();
    const { code, screen } = await runInTerminal(cwd, [[/Where should the project go\?/, '\x03']]);
    expect(code, screen).toBe(130);
    expect(screen).toContain('cancelled');
  });
});
