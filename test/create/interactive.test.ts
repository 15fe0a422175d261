import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testDir } from '../helpers/generated.js';
import { ROOT } from '../helpers/run.js';

const ENTER = '\r';
const DOWN = '\x1b[B';

/**
 * Runs create-connector in a pseudo-terminal (util-linux `script`), answering each prompt once its
 * question appears (an answer given as a function runs then, and returns the keys to type). Returns
 * the exit code and what the terminal showed, escape sequences removed.
 */
function runInTerminal(cwd: string, answers: [RegExp, string | (() => string)][], args = ''): Promise<{ code: number | null; screen: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', `stty cols 120 rows 40; exec node ${join(ROOT, 'bin/create-connector.js')} ${args}`, '/dev/null'], {
      cwd,
      env: { ...process.env, CI: '', CLAUDECODE: '', TERM: 'xterm' },
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
        setTimeout(() => child.stdin.write(typeof next[1] === 'function' ? next[1]() : next[1]), 150);
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
  it('asks each question and creates the project from the answers; an issuer off its provider\'s form is asked again', async () => {
    const cwd = await testDir();
    const { code, screen } = await runInTerminal(cwd, [
      [/Where should the project go\?/, `term-app${ENTER}`],
      [/How do users authenticate\?/, `${DOWN}${DOWN}${ENTER}`],
      [/Identity provider\?/, `${DOWN}${ENTER}`],
      [/Issuer URL/, `https://tenant.us.auth0.com${ENTER}`],
      [/lacks the trailing `\/`/, `/${ENTER}`],
      [/Install dependencies\?/, `n${ENTER}`],
      [/Initialise a git repository\?/, `n${ENTER}`],
    ]);
    expect(code, screen).toBe(0);
    expect(screen).toContain('Created term-app (oauth)');
    const config = JSON.parse(await readFile(join(cwd, 'term-app', 'connector.json'), 'utf8'));
    expect(config).toEqual({ name: 'term-app', url: 'http://localhost:3000/mcp', auth: 'oauth', issuer: 'https://tenant.us.auth0.com/', register: true });
  });

  it('Ctrl-C at a prompt exits 130 and writes nothing', async () => {
    const cwd = await testDir();
    const { code, screen } = await runInTerminal(cwd, [[/Where should the project go\?/, '\x03']]);
    expect(code, screen).toBe(130);
    expect(screen).toContain('cancelled');
  });

  it('a non-empty target: the overwrite question comes before the others, and No writes nothing (exit 1)', async () => {
    const cwd = await testDir();
    await mkdir(join(cwd, 'app'));
    await writeFile(join(cwd, 'app', 'notes.txt'), 'mine');
    const { code, screen } = await runInTerminal(cwd, [
      [/Where should the project go\?/, `app${ENTER}`],
      [/is not empty\. Replace its files/, `n${ENTER}`],
    ]);
    expect(code, screen).toBe(1);
    expect(screen).not.toContain('How do users authenticate?');
    expect(screen).toContain('`app` is not empty (1 entries); nothing was written.');
    expect(await readdir(join(cwd, 'app'))).toEqual(['notes.txt']);
  });

  it('into a non-empty `.`: asked first, Yes replaces the files (.git kept), and the folder is named', async () => {
    const cwd = join(await testDir(), 'my-app');
    await mkdir(join(cwd, '.git'), { recursive: true });
    await writeFile(join(cwd, 'notes.txt'), 'mine');
    const { code, screen } = await runInTerminal(
      cwd,
      [
        [/is not empty\. Replace its files/, `y${ENTER}`],
        [/How do users authenticate\?/, ENTER],
        [/Install dependencies\?/, `n${ENTER}`],
        [/Initialise a git repository\?/, `n${ENTER}`],
      ],
      '.',
    );
    expect(code, screen).toBe(0);
    expect(screen.indexOf('is not empty')).toBeLessThan(screen.indexOf('How do users authenticate?'));
    expect(screen).toContain('Created my-app (public) in ./');
    const entries = await readdir(cwd);
    expect(entries).toContain('.git');
    expect(entries).toContain('package.json');
    expect(entries).not.toContain('notes.txt');
  });

  it('files that appear after Yes are no part of it: nothing is replaced (exit 1)', async () => {
    const cwd = await testDir();
    await mkdir(join(cwd, 'app'));
    await writeFile(join(cwd, 'app', 'notes.txt'), 'mine');
    const { code, screen } = await runInTerminal(cwd, [
      [/Where should the project go\?/, `app${ENTER}`],
      [/is not empty\. Replace its files/, `y${ENTER}`],
      [
        /How do users authenticate\?/,
        () => {
          writeFileSync(join(cwd, 'app', 'later.txt'), 'mine too');
          return ENTER;
        },
      ],
      [/Install dependencies\?/, `n${ENTER}`],
      [/Initialise a git repository\?/, `n${ENTER}`],
    ]);
    expect(code, screen).toBe(1);
    expect(screen).toContain('`app` gained `later.txt` after you agreed to replace its files; nothing was written.');
    expect((await readdir(join(cwd, 'app'))).sort()).toEqual(['later.txt', 'notes.txt']);
    expect(await readFile(join(cwd, 'app', 'notes.txt'), 'utf8')).toBe('mine');
  });
});
