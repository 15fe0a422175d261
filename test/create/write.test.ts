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

describe('a run killed mid-write (SIGKILL)', () => {
  it("never loses the user's files, and the next run restores the target exactly", async () => {
    const { execa } = await import('execa');
    const { ROOT } = await import('../helpers/run.js');
    for (let attempt = 0; attempt < 12; attempt++) {
      const target = join(await tempDir(), 'app');
      await mkdir(join(target, 'docs'), { recursive: true });
      await writeFile(join(target, 'mine.txt'), 'mine');
      await writeFile(join(target, 'docs', 'notes.md'), 'notes');
      const child = execa('node', [join(ROOT, 'bin/create-connector.js'), target, '--template', 'oauth', '--overwrite', '--no-install', '--no-git'], { reject: false });
      setTimeout(() => child.kill('SIGKILL'), 60 + attempt * 15);
      await child;
      // Whatever the moment of the kill, the next inspection puts back anything a backup holds.
      const state = await inspectTarget(target);
      const entries = (await readdir(target)).sort();
      const finished = entries.includes('package.json');
      if (!finished) {
        expect(entries).toEqual(['docs', 'mine.txt']);
        expect(await readFile(join(target, 'docs', 'notes.md'), 'utf8')).toBe('notes');
        expect(state.entries.sort()).toEqual(['docs', 'mine.txt']);
      } else {
        expect(entries).not.toContain('mine.txt');
      }
      expect(entries.some((e) => e.startsWith('.create-connector-'))).toBe(false);
    }
  }, 60_000);

  it.each([
    ['while the old entries were being moved aside', false],
    ['while the new entries were moving in', true],
  ])('recovers a killed overwrite %s: old entries back, new ones and staging gone', async (_name, movingIn) => {
    const target = join(await tempDir(), 'app');
    await mkdir(join(target, '.create-connector-0a1b2c3d', 'src'), { recursive: true });
    await writeFile(join(target, '.create-connector-0a1b2c3d', 'src', 'half.ts'), 'export');
    await mkdir(join(target, '.create-connector-replaced-0a1b2c3d'), { recursive: true });
    await writeFile(join(target, '.create-connector-replaced-0a1b2c3d', 'mine.txt'), 'mine');
    if (movingIn) {
      await writeFile(join(target, '.create-connector-replaced-0a1b2c3d', '.moving-in'), 'package.json\nsrc');
      await writeFile(join(target, 'package.json'), '{"new":true}');
    } else {
      await writeFile(join(target, 'still-here.txt'), 'old, not yet moved');
    }
    const state = await inspectTarget(target);
    expect(state.entries.sort()).toEqual(movingIn ? ['mine.txt'] : ['mine.txt', 'still-here.txt']);
    expect(await readFile(join(target, 'mine.txt'), 'utf8')).toBe('mine');
  });

  it('recovers a killed run that was creating the target: it is emptied again', async () => {
    const target = join(await tempDir(), 'app');
    await mkdir(join(target, '.create-connector-0a1b2c3d'), { recursive: true });
    await writeFile(join(target, '.create-connector-new-0a1b2c3d'), 'package.json\nsrc');
    await writeFile(join(target, 'package.json'), '{}');
    expect((await inspectTarget(target)).entries).toEqual([]);
  });

  it.each([
    ['creating the target', '.create-connector-new-0a1b2c3d', 'package.json'],
    ['overwriting the target', '.create-connector-replaced-0a1b2c3d/.moving-in', 'package.json'],
  ])('after a run killed while %s, files the user added since are kept', async (_name, marker, listed) => {
    const target = join(await tempDir(), 'app');
    await mkdir(join(target, '.create-connector-replaced-0a1b2c3d'), { recursive: true });
    await writeFile(join(target, marker), listed);
    await writeFile(join(target, 'package.json'), '{"half":true}');
    await writeFile(join(target, 'cloned-later.md'), 'mine');
    expect((await inspectTarget(target)).entries).toEqual(['cloned-later.md']);
    expect(await readFile(join(target, 'cloned-later.md'), 'utf8')).toBe('mine');
  });
});
