import { mkdir, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { onTestFinished } from 'vitest';
import { main } from '../../src/create/main.js';
import type { CreateIo } from '../../src/create/main.js';
import { ROOT } from './run.js';

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs create-connector in-process, in `cwd`, with no terminal. */
export async function create(args: string[], cwd: string, env: Record<string, string> = {}): Promise<Captured> {
  const out = { text: '', isTTY: false, write: (s: string) => ((out.text += s), true) };
  const err = { text: '', isTTY: false, write: (s: string) => ((err.text += s), true) };
  const io: CreateIo = { stdout: out, stderr: err, env: { ...process.env, NO_COLOR: '1', ...env }, cwd, stdinIsTTY: false };
  const code = await main(args, io);
  return { code, stdout: out.text, stderr: err.text };
}

export async function tempDir(prefix = 'create-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** A temporary folder that is removed when the running test ends. */
export async function testDir(prefix = 'create-'): Promise<string> {
  const dir = await tempDir(prefix);
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Generates a project without install or git, its dependencies linked from this repository, in
 * `cwd`: by default a folder removed when the running test ends (a caller outside a test, such as a
 * `beforeAll`, passes its own and removes it).
 */
export async function generate(template: string, extra: string[] = [], cwd?: string): Promise<string> {
  cwd ??= await testDir();
  const result = await create(['app', '--template', template, '--no-install', '--no-git', ...extra], cwd);
  if (result.code !== 0) throw new Error(`create-connector failed: ${result.stderr}`);
  const dir = join(cwd, 'app');
  await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/**
 * Replaces a generated project's node_modules link with the layout `npm install` leaves: this
 * repository's dependencies, and create-connector itself (every project's devDependency) as this
 * checkout, its bins in `.bin`, so the project's own scripts (`lint:connector`) find them as a
 * user's do.
 */
export async function installSelf(dir: string): Promise<void> {
  const modules = join(dir, 'node_modules');
  const ours = join(ROOT, 'node_modules');
  await rm(modules);
  await mkdir(join(modules, '.bin'), { recursive: true });
  for (const entry of await readdir(ours)) {
    if (entry !== '.bin') await symlink(join(ours, entry), join(modules, entry));
  }
  for (const bin of await readdir(join(ours, '.bin'))) await symlink(join(ours, '.bin', bin), join(modules, '.bin', bin));
  await symlink(ROOT, join(modules, 'create-connector'));
  const { bin } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  for (const [name, path] of Object.entries(bin)) await symlink(join(ROOT, path), join(modules, '.bin', name));
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts the built project (`node dist/index.js`) and waits until it says it listens. */
export async function startProject(
  dir: string,
  env: Record<string, string> | ((port: number) => Record<string, string>),
): Promise<{ url: string; stop: () => Promise<void>; output: () => string }> {
  const port = await freePort();
  const vars = typeof env === 'function' ? env(port) : env;
  const child: ResultPromise = execa('node', ['dist/index.js'], { cwd: dir, env: { ...vars, PORT: String(port), HOST: '127.0.0.1' }, reject: false, all: true });
  let output = '';
  child.all?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 15_000;
  while (!/listening/.test(output)) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the project did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      await child;
    },
  };
}
