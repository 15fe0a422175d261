import { mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { create, tempDir } from '../helpers/generated.js';

describe('create-connector without a terminal', () => {
  it('creates a project from flags and prints the next steps', async () => {
    const cwd = await tempDir();
    const result = await create(['my-app', '--template', 'public', '--no-install', '--no-git'], cwd);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Created my-app (public) in my-app.');
    expect(JSON.parse(await readFile(join(cwd, 'my-app', 'package.json'), 'utf8')).name).toBe('my-app');
    expect(JSON.parse(await readFile(join(cwd, 'my-app', 'connector.json'), 'utf8'))).toEqual({ name: 'my-app', url: 'http://localhost:3000/mcp', auth: 'none' });
  });

  it.each([
    [[], '[dir]'],
    [['app'], '--template'],
  ])('never waits: %j is a usage error naming the flag', async (args, flag) => {
    const result = await create([...args, '--no-install'], await tempDir());
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n').find((l) => l.startsWith('create-connector:'))).toContain(flag);
  });

  it('tells an agent or CI the one-line command', async () => {
    const result = await create([], await tempDir(), { CLAUDECODE: '1' });
    expect(result.stderr).toContain('To create in one go, run: npx create-connector <dir> --template public|shared|oauth --yes');
  });

  it('takes the defaults with --yes', async () => {
    const cwd = await tempDir();
    expect((await create(['--yes', '--no-install', '--no-git'], cwd)).code).toBe(0);
    expect(await readdir(join(cwd, 'my-connector'))).toContain('connector.json');
  });

  it.each([
    ['Bad Name', 'bad-name'],
    ['UPPER', 'upper'],
    ['café', 'cafe'],
  ])('refuses the invalid package name %s and suggests %s', async (dir, suggestion) => {
    const result = await create([dir, '--template', 'public', '--no-install', '--no-git'], await tempDir());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--name ${suggestion}`);
  });

  it('fixes an invalid name from the directory itself with --yes', async () => {
    const cwd = await tempDir();
    expect((await create(['My Connector', '--yes', '--no-install', '--no-git'], cwd)).code).toBe(0);
    expect(JSON.parse(await readFile(join(cwd, 'My Connector', 'package.json'), 'utf8')).name).toBe('my-connector');
  });

  it('refuses a non-empty directory (exit 1) and leaves it exactly as it was', async () => {
    const cwd = await tempDir();
    await mkdir(join(cwd, 'app'));
    await writeFile(join(cwd, 'app', 'notes.txt'), 'mine');
    const result = await create(['app', '--template', 'public', '--no-install', '--no-git'], cwd);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--overwrite');
    expect(await readdir(join(cwd, 'app'))).toEqual(['notes.txt']);
    expect((await readdir(cwd)).filter((e) => e.includes('creating'))).toEqual([]);
  });

  it('--overwrite replaces the files but keeps .git', async () => {
    const cwd = await tempDir();
    await mkdir(join(cwd, 'app', '.git'), { recursive: true });
    await writeFile(join(cwd, 'app', '.git', 'HEAD'), 'ref: refs/heads/main\n');
    await writeFile(join(cwd, 'app', 'old.txt'), 'old');
    expect((await create(['app', '--template', 'public', '--overwrite', '--no-install', '--no-git'], cwd)).code).toBe(0);
    const entries = await readdir(join(cwd, 'app'));
    expect(entries).toContain('.git');
    expect(entries).not.toContain('old.txt');
    expect(await readFile(join(cwd, 'app', '.git', 'HEAD'), 'utf8')).toBe('ref: refs/heads/main\n');
  });

  it('a directory holding only .git counts as empty', async () => {
    const cwd = await tempDir();
    await mkdir(join(cwd, 'app', '.git'), { recursive: true });
    expect((await create(['app', '--template', 'public', '--no-install', '--no-git'], cwd)).code).toBe(0);
  });

  it('refuses a target that is a file or a symbolic link', async () => {
    const cwd = await tempDir();
    await writeFile(join(cwd, 'file'), 'x');
    await symlink('/tmp', join(cwd, 'link'));
    expect((await create(['file', '--template', 'public', '--no-install', '--no-git'], cwd)).code).toBe(2);
    expect((await create(['link', '--template', 'public', '--no-install', '--no-git'], cwd)).code).toBe(2);
  });

  it('--dry-run lists the files and writes nothing', async () => {
    const cwd = await tempDir();
    const result = await create(['app', '--template', 'oauth', '--dry-run'], cwd);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('src/auth.ts');
    await expect(stat(join(cwd, 'app'))).rejects.toThrow();
  });

  it('rejects an issuer that is not an http(s) URL', async () => {
    const result = await create(['app', '--template', 'oauth', '--issuer', 'ftp://x'], await tempDir());
    expect(result.code).toBe(2);
  });

  it('rejects an issuer carrying credentials, without printing the password or writing a file', async () => {
    const cwd = await tempDir();
    const result = await create(['app', '--template', 'oauth', '--yes', '--no-install', '--no-git', '--issuer', 'https://alice:hunter2@auth.example.com'], cwd);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('must not contain credentials');
    expect(result.stdout + result.stderr).not.toContain('hunter2');
    await expect(stat(join(cwd, 'app'))).rejects.toThrow();
  });

  it('prints help and exits 0', async () => {
    const result = await create(['--help'], await tempDir());
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--template <template>');
  });

  it('initialises git unless asked not to, and skips it inside a repository', async () => {
    const cwd = await tempDir();
    expect((await create(['app', '--template', 'public', '--no-install'], cwd)).code).toBe(0);
    expect(await readdir(join(cwd, 'app'))).toContain('.git');
    expect((await create(['nested', '--template', 'public', '--no-install'], join(cwd, 'app'))).code).toBe(0);
    expect(await readdir(join(cwd, 'app', 'nested'))).not.toContain('.git');
  });

  it('a failed install is a warning with the command to retry, and the project stays', async () => {
    const cwd = await tempDir();
    const result = await create(['app', '--template', 'public', '--no-git', '--pm', 'npm'], cwd, { PATH: '/nonexistent' });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('run `npm install` in it to retry');
    expect(await readdir(join(cwd, 'app'))).toContain('package.json');
  });
});

describe('unusual targets', () => {
  it.each([
    ['../sibling', 'sibling'],
    ['con', 'con'],
    ['with space', undefined],
    ['ünïcode', undefined],
  ])('%s: a project, or a clear refusal suggesting a name', async (dir, name) => {
    const cwd = join(await tempDir(), 'work');
    await mkdir(cwd);
    const result = await create([dir, '--template', 'public', '--no-install', '--no-git'], cwd);
    if (name) {
      expect(result.code).toBe(0);
      expect(JSON.parse(await readFile(join(cwd, dir, 'package.json'), 'utf8')).name).toBe(name);
    } else {
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/hint: try --name [a-z0-9-]+\./);
    }
  });

  it('an absolute path works', async () => {
    const target = join(await tempDir(), 'abs-app');
    expect((await create([target, '--template', 'public', '--no-install', '--no-git'], '/')).code).toBe(0);
    expect(JSON.parse(await readFile(join(target, 'package.json'), 'utf8')).name).toBe('abs-app');
  });
});
