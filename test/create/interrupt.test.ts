import { execFileSync, spawn } from 'node:child_process';
import { chmod, mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { testDir } from '../helpers/generated.js';
import { ROOT } from '../helpers/run.js';

/**
 * A stand-in npm whose install runs the shell line `install`. `npm pack`, with which create-connector
 * packs this checkout before it writes a project, goes to the real npm.
 */
const REAL_NPM = execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim();
const fakeNpm = (install: string) => `#!/bin/sh\n[ "$1" = pack ] && exec ${REAL_NPM} "$@"\n${install}\n`;

describe('Ctrl-C while dependencies install', () => {
  it('keeps the written project and exits 130 (cancelled), not 0', async () => {
    const cwd = await testDir();
    // A package manager that never finishes, so the interrupt lands during the install.
    const bin = join(cwd, 'bin');
    await mkdir(bin);
    await writeFile(join(bin, 'npm'), fakeNpm('exec sleep 30'));
    await chmod(join(bin, 'npm'), 0o755);
    const child = spawn('node', [join(ROOT, 'bin/create-connector.js'), 'app', '--template', 'public', '--yes', '--no-git', '--pm', 'npm'], {
      cwd,
      detached: true,
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, CI: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    for (let i = 0; i < 100 && !(await stat(join(cwd, 'app/package.json')).catch(() => undefined)); i++) await sleep(100);
    await sleep(300);
    // A terminal's Ctrl-C reaches the whole foreground process group: create-connector and npm.
    process.kill(-(child.pid as number), 'SIGINT');
    expect(await exited).toBe(130);
    expect((await stat(join(cwd, 'app/package.json'))).isFile()).toBe(true);
    expect(stdout).toContain('npm install');
  }, 20_000);

  it('exits 130 when the install dies of the interrupt first, whichever of the two this process sees first', async () => {
    const cwd = await testDir();
    // Only the package manager gets the SIGINT: the deterministic form of the race in which its
    // death is seen before create-connector's own signal handler runs.
    const bin = join(cwd, 'bin');
    await mkdir(bin);
    await writeFile(join(bin, 'npm'), fakeNpm('kill -INT $$'));
    await chmod(join(bin, 'npm'), 0o755);
    const child = spawn('node', [join(ROOT, 'bin/create-connector.js'), 'app', '--template', 'public', '--yes', '--no-git', '--pm', 'npm'], {
      cwd,
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, CI: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(await new Promise<number | null>((resolve) => child.on('close', resolve))).toBe(130);
    expect((await stat(join(cwd, 'app/package.json'))).isFile()).toBe(true);
  }, 20_000);
});
