import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectTarget, writeProject } from '../../src/create/write.js';
import { tempDir } from '../helpers/generated.js';

const FILES = [
  { path: 'package.json', content: '{}' },
  { path: 'src/index.ts', content: 'export {};' },
];

describe('writeProject', () => {
  it('writes a new target and leaves no staging folder, inside or beside it', async () => {
    const parent = await tempDir();
    const target = join(parent, 'app');
    await writeProject(await inspectTarget(target), FILES);
    expect((await readdir(target)).sort()).toEqual(['package.json', 'src']);
    expect(await readdir(parent)).toEqual(['app']);
  });

  it('gives the project ordinary permissions, not those of a private temporary folder', async () => {
    const target = join(await tempDir(), 'app');
    await writeProject(await inspectTarget(target), FILES);
    expect((await stat(target)).mode & 0o077).not.toBe(0);
  });

  it('interrupted before the move: an existing target keeps exactly its old content', async () => {
    const target = join(await tempDir(), 'app');
    await mkdir(join(target, '.git'), { recursive: true });
    await writeFile(join(target, 'mine.txt'), 'mine');
    const aborted = AbortSignal.abort();
    await expect(writeProject(await inspectTarget(target), FILES, aborted)).rejects.toThrow();
    expect((await readdir(target)).sort()).toEqual(['.git', 'mine.txt']);
    expect(await readFile(join(target, 'mine.txt'), 'utf8')).toBe('mine');
  });

  it('interrupted: a target this run created is removed whole', async () => {
    const parent = await tempDir();
    await expect(writeProject(await inspectTarget(join(parent, 'new', 'app')), FILES, AbortSignal.abort())).rejects.toThrow();
    expect(await readdir(parent)).toEqual([]);
  });

  it('a planned path that escapes the project is refused and nothing is left behind', async () => {
    const parent = await tempDir();
    const target = join(parent, 'app');
    await expect(writeProject(await inspectTarget(target), [{ path: '../outside.txt', content: 'x' }])).rejects.toThrow(/escapes/);
    expect(await readdir(parent)).toEqual([]);
  });

  it('overwrite: replaces everything but .git, and removes its backup', async () => {
    const target = join(await tempDir(), 'app');
    await mkdir(join(target, '.git'), { recursive: true });
    await writeFile(join(target, 'old.txt'), 'old');
    await writeProject(await inspectTarget(target), FILES);
    expect((await readdir(target)).sort()).toEqual(['.git', 'package.json', 'src']);
  });
});
