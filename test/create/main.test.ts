import { mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { create, testDir } from '../helpers/generated.js';

describe('create-connector without a terminal', () => {
  it('creates a project from flags and prints the next steps', async () => {
    const cwd = await testDir();
    const result = await create(['my-app', '--template', 'public', '--no-install', '--no-git'], cwd);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('Created my-app (public) in my-app');
    expect(JSON.parse(await readFile(join(cwd, 'my-app', 'package.json'), 'utf8')).name).toBe('my-app');
    expect(JSON.parse(await readFile(join(cwd, 'my-app', 'connector.json'), 'utf8'))).toEqual({ name: 'my-app', url: 'http://localhost:3000/mcp', auth: 'none' });
  });

  it.each([
    [[], '[dir]'],
    [['app'], '--template'],
  ])('never waits: %j is a usage error naming the flag', async (args, flag) => {
    const result = await create([...args, '--no-install'], await testDir());
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n').find((l) => l.startsWith('create-connector:'))).toContain(flag);
  });

  it('tells an agent or CI the one-line command', async () => {
    const result = await create([], await testDir(), { CLAUDECODE: '1' });
    expect(result.stderr).toContain('To create in one go, run: npx create-connector <dir> --template public|shared|oauth --yes');
  });

  it('takes the defaults with --yes', async () => {
    const cwd = await testDir();
    expect((await create(['--yes', '--no-install', '--no-git'], cwd)).code).toBe(0);
    expect(await readdir(join(cwd, 'my-connector'))).toContain('connector.json');
  });

  it.each([
    ['Bad Name', 'bad-name'],
    ['UPPER', 'upper'],
    ['café', 'cafe'],
  ])('refuses the invalid package name %s and suggests %s', async (dir, suggestion) => {
    const result = await create([dir, '--template', 'public', '--no-install', '--no-git'], await testDir());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--name ${suggestion}`);
  });

  it('fixes an invalid name from the directory itself with --yes', async () => {
    const cwd = await testDir();
    expect((await create(['My Connector', '--yes', '--no-install', '--no-git'], cwd)).code).toBe(0);
    expect(JSON.parse(await readFile(join(cwd, 'My Connector', 'package.json'), 'utf8')).name).toBe('my-connector');
  });

  it('refuses a non-empty directory (exit 1) and leaves it exactly as it was', async () => {
    const cwd = await testDir();
    await mkdir(join(cwd, 'app'));
    await writeFile(join(cwd, 'app', 'notes.txt'), 'mine');
    const result = await create(['app', '--template', 'public', '--no-install', '--no-git'], cwd);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--overwrite');
    expect(await readdir(join(cwd, 'app'))).toEqual(['notes.txt']);
    expect((await readdir(cwd)).filter((e) => e.includes('creating'))).toEqual([]);
  });

  it('--overwrite replaces the files but keeps .git', async () => {
    const cwd = await testDir();
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
    const cwd = await testDir();
    await mkdir(join(cwd, 'app', '.git'), { recursive: true });
    expect((await create(['app', '--template', 'public', '--no-install', '--no-git'], cwd)).code).toBe(0);
  });

  it('refuses a target that is a file or a symbolic link', async () => {
    const cwd = await testDir();
    await writeFile(join(cwd, 'file'), 'x');
    await symlink('/tmp', join(cwd, 'link'));
    expect((await create(['file', '--template', 'public', '--no-install', '--no-git'], cwd)).code).toBe(2);
    expect((await create(['link', '--template', 'public', '--no-install', '--no-git'], cwd)).code).toBe(2);
  });

  it('--dry-run lists the files and writes nothing', async () => {
    const cwd = await testDir();
    const result = await create(['app', '--template', 'oauth', '--dry-run'], cwd);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('  src/index.ts\n');
    await expect(stat(join(cwd, 'app'))).rejects.toThrow();
  });

  it('refuses an Auth0 issuer without its trailing / (exit 2) in one line naming the form and the fixed value, and writes nothing', async () => {
    const cwd = await testDir();
    const result = await create(['app', '--template', 'oauth', '--idp', 'auth0', '--issuer', 'https://tenant.us.auth0.com', '--yes', '--no-install', '--no-git'], cwd);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(
      'create-connector: `--issuer https://tenant.us.auth0.com` lacks the trailing `/`: Auth0 issuers are `https://<tenant>.<region>.auth0.com/` (or your custom domain), ending with `/`; use `--issuer https://tenant.us.auth0.com/`',
    );
    await expect(stat(join(cwd, 'app'))).rejects.toThrow();
  });

  it.each([
    ['entra', 'https://login.microsoftonline.com/common/v2.0', 'names `common` where the tenant id (a GUID) belongs'],
    ['cognito', 'https://cognito-idp.us-east-1.amazonaws.com/eu-west-1_AbC123', 'names the region `us-east-1` in the host but `eu-west-1` in the pool id'],
    ['okta', 'https://acme.okta.com/oauth2/default/', 'ends with `/`'],
    ['keycloak', 'https://sso.example.com/realms/acme/', 'ends with `/`'],
    ['google', 'https://accounts.google.com/', 'ends with `/`'],
  ])('--idp %s refuses --issuer %s (exit 2)', async (idp, issuer, clause) => {
    const result = await create(['app', '--template', 'oauth', '--idp', idp, '--issuer', issuer, '--dry-run'], await testDir());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`\`--issuer ${issuer}\` ${clause}`);
  });

  it('the generic preset takes any issuer as it is', async () => {
    const cwd = await testDir();
    const result = await create(['app', '--template', 'oauth', '--idp', 'generic', '--issuer', 'https://tenant.us.auth0.com', '--no-install', '--no-git'], cwd);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(await readFile(join(cwd, 'app', 'connector.json'), 'utf8')).issuer).toBe('https://tenant.us.auth0.com');
  });

  it('checks --issuer against its preset only for the oauth template, where it is used', async () => {
    const result = await create(['app', '--template', 'public', '--idp', 'auth0', '--issuer', 'https://tenant.us.auth0.com', '--dry-run'], await testDir());
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('ignored for public');
  });

  it('scaffolding into . names the folder (`./`) and asks for no `cd`', async () => {
    const cwd = join(await testDir(), 'my-app');
    await mkdir(cwd);
    const result = await create(['.', '--template', 'public', '--no-install', '--no-git'], cwd);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('Created my-app (public) in ./');
    expect(result.stdout).not.toMatch(/^\s+cd /m);
  });

  it('scaffolding into . names the folder beside the package name when they differ', async () => {
    const cwd = join(await testDir(), 'My Folder');
    await mkdir(cwd);
    const result = await create(['.', '--template', 'public', '--yes', '--no-install', '--no-git'], cwd);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('Created my-folder (public) in ./ (the folder `My Folder`)');
  });

  it('rejects an issuer that is not an http(s) URL', async () => {
    const result = await create(['app', '--template', 'oauth', '--issuer', 'ftp://x'], await testDir());
    expect(result.code).toBe(2);
  });

  it('rejects an issuer carrying credentials, without printing the password or writing a file', async () => {
    const cwd = await testDir();
    const result = await create(['app', '--template', 'oauth', '--yes', '--no-install', '--no-git', '--issuer', 'https://alice:hunter2@auth.example.com'], cwd);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('must not contain credentials');
    expect(result.stdout + result.stderr).not.toContain('hunter2');
    await expect(stat(join(cwd, 'app'))).rejects.toThrow();
  });

  it('prints help and exits 0', async () => {
    const result = await create(['--help'], await testDir());
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--template <template>');
  });

  it('initialises git unless asked not to, and skips it inside a repository', async () => {
    const cwd = await testDir();
    expect((await create(['app', '--template', 'public', '--no-install'], cwd)).code).toBe(0);
    expect(await readdir(join(cwd, 'app'))).toContain('.git');
    expect((await create(['nested', '--template', 'public', '--no-install'], join(cwd, 'app'))).code).toBe(0);
    expect(await readdir(join(cwd, 'app', 'nested'))).not.toContain('.git');
  });

  it('a failed install is a warning with the command to retry, and the project stays', async () => {
    const cwd = await testDir();
    // Offline with an empty cache: the install cannot fetch a thing (`npm pack` needs no registry).
    const result = await create(['app', '--template', 'public', '--no-git', '--pm', 'npm'], cwd, { npm_config_offline: 'true', npm_config_cache: join(cwd, 'npm-cache') });
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
    const cwd = join(await testDir(), 'work');
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
    const target = join(await testDir(), 'abs-app');
    expect((await create([target, '--template', 'public', '--no-install', '--no-git'], '/')).code).toBe(0);
    expect(JSON.parse(await readFile(join(target, 'package.json'), 'utf8')).name).toBe('abs-app');
  });
});
