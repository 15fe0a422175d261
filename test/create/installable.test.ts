import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { packCheckout, runsFromCheckout, selfDependency } from '../../src/create/self-package.js';
import { PACKAGE_VERSION } from '../../src/shared/package-info.js';
import { testDir } from '../helpers/generated.js';
import { ROOT } from '../helpers/run.js';

const TARBALL = `vendor/create-connector-${PACKAGE_VERSION}.tgz`;

/** A package folder packed as npm publishes it; `dist/` is built already, so no scripts run. */
async function pack(dir: string, into: string): Promise<string> {
  const { stdout } = await execa('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', into], { cwd: dir });
  return join(into, (JSON.parse(stdout) as [{ filename: string }])[0].filename);
}

async function devDependency(project: string): Promise<string> {
  return JSON.parse(await readFile(join(project, 'package.json'), 'utf8')).devDependencies['create-connector'];
}

describe('where create-connector runs from', () => {
  it('this repository is a source checkout', () => {
    expect(runsFromCheckout(ROOT)).toBe(true);
  });

  it('a copy inside a node_modules folder is an install, even one holding src/', async () => {
    const root = join(await testDir(), 'node_modules', 'create-connector');
    await mkdir(join(root, 'src'), { recursive: true });
    expect(runsFromCheckout(root)).toBe(false);
  });

  it('a package root without src/ is an install', async () => {
    expect(runsFromCheckout(await testDir())).toBe(false);
  });

  it('from a checkout the project depends on a tarball inside it; from an install on the version range', () => {
    expect(selfDependency(true, '1.2.3')).toEqual({ spec: 'file:vendor/create-connector-1.2.3.tgz', tarball: 'vendor/create-connector-1.2.3.tgz' });
    expect(selfDependency(false, '1.2.3')).toEqual({ spec: '^1.2.3' });
  });
});

describe('packing a checkout', () => {
  /** A checkout in miniature: package.json with `files`, `src/`, and a built `dist/`. */
  async function checkout(): Promise<string> {
    const root = await testDir('checkout-');
    await mkdir(join(root, 'src'));
    await mkdir(join(root, 'dist', 'lint'), { recursive: true });
    await writeFile(join(root, 'package.json'), '{ "name": "create-connector", "version": "9.9.9", "files": ["dist"] }');
    await writeFile(join(root, 'dist', 'lint', 'main.js'), 'export {};\n');
    return root;
  }
  const cached = (root: string) => readdir(join(root, 'node_modules', '.cache', 'create-connector'));

  it('packs once per state of the shipped files, keeping only the latest tarball', { timeout: 60_000 }, async () => {
    const root = await checkout();
    const first = await packCheckout(root, process.env);
    const [name] = await cached(root);
    expect(await cached(root)).toHaveLength(1);
    expect(Buffer.compare(await packCheckout(root, process.env), first)).toBe(0);
    expect(await cached(root)).toEqual([name]);
    await writeFile(join(root, 'dist', 'lint', 'main.js'), 'export const rebuilt = true;\n');
    await packCheckout(root, process.env);
    expect(await cached(root)).toHaveLength(1);
    expect(await cached(root)).not.toEqual([name]);
  });

  it('a checkout without a built dist/ is refused, naming the file and `npm run build`', async () => {
    const root = await checkout();
    await rm(join(root, 'dist'), { recursive: true });
    await expect(packCheckout(root, process.env)).rejects.toThrow(/dist\/lint\/main\.js` is missing, .*run `npm run build`/);
  });
});

describe('a project created from an installed create-connector (as from the registry)', () => {
  it('both bins of the packed package run, and the project gets the version range, no tarball and no note', { timeout: 120_000 }, async () => {
    const dir = await testDir('registry-');
    const tarball = await pack(ROOT, dir);
    await writeFile(join(dir, 'package.json'), '{ "name": "consumer", "version": "1.0.0", "private": true }');
    // The package has no dependencies: installing its tarball needs no registry.
    await execa('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], { cwd: dir });
    for (const bin of ['create-connector', 'connector-lint']) {
      const help = await execa(join(dir, 'node_modules', '.bin', bin), ['--help'], { reject: false });
      expect(help.exitCode, `${bin} --help: ${help.stderr}`).toBe(0);
    }
    const made = await execa(join(dir, 'node_modules', '.bin', 'create-connector'), ['app', '--template', 'public', '--no-install', '--no-git'], { cwd: dir, reject: false });
    expect(made.exitCode, made.stderr).toBe(0);
    expect(await devDependency(join(dir, 'app'))).toBe(`^${PACKAGE_VERSION}`);
    expect(await readdir(join(dir, 'app'))).not.toContain('vendor');
    expect(made.stdout).not.toContain('source checkout');
  });
});

describe('a project created from this checkout', () => {
  it('--dry-run lists the tarball it would store', async () => {
    const made = await execa('node', [join(ROOT, 'bin/create-connector.js'), 'app', '--template', 'public', '--dry-run'], { cwd: await testDir(), reject: false });
    expect(made.exitCode, made.stderr).toBe(0);
    expect(made.stdout.split('\n')).toContain(`  ${TARBALL}`);
  });

  it('(network: npm registry, for the template\'s own dependencies) stores a tarball of the checkout, says so, and installs with no registry copy of create-connector', { timeout: 300_000 }, async () => {
    const cwd = await testDir();
    const made = await execa('node', [join(ROOT, 'bin/create-connector.js'), 'app', '--template', 'public', '--no-git', '--pm', 'npm'], {
      cwd,
      reject: false,
      env: { npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false' },
    });
    expect(made.exitCode, made.stderr).toBe(0);
    expect(made.stdout).toContain(`create-connector runs from a source checkout (\`${ROOT.replace(/\/$/, '')}\`), not a registry install: the generated project depends on a local tarball of it at \`${TARBALL}\``);
    expect(made.stdout).not.toContain('warning');
    const app = join(cwd, 'app');
    expect(await devDependency(app)).toBe(`file:${TARBALL}`);
    const lock = JSON.parse(await readFile(join(app, 'package-lock.json'), 'utf8'));
    expect(lock.packages['node_modules/create-connector']).toMatchObject({ version: PACKAGE_VERSION, resolved: `file:${TARBALL}` });
    const lint = await execa('npm', ['run', '--silent', 'lint:connector', '--', '--version'], { cwd: app, reject: false });
    expect(lint.exitCode, lint.stderr).toBe(0);
    expect(lint.stdout.trim()).toBe(PACKAGE_VERSION);
  });
});

describe('npx connector-lint', () => {
  it('the connector-lint package runs create-connector\'s connector-lint (exit codes included), at the same version', { timeout: 120_000 }, async () => {
    const manifest = JSON.parse(await readFile(join(ROOT, 'packages', 'connector-lint', 'package.json'), 'utf8'));
    expect(manifest.version).toBe(PACKAGE_VERSION);
    expect(manifest.dependencies).toEqual({ 'create-connector': PACKAGE_VERSION });
    const dir = await testDir('npx-');
    const ours = await pack(ROOT, dir);
    const alias = await pack(join(ROOT, 'packages', 'connector-lint'), dir);
    // npx itself, offline with a cache of its own: the two tarballs stand in for the published packages.
    const npx = (args: string[]) =>
      execa('npx', ['--yes', '--offline', '-p', alias, '-p', ours, 'connector-lint', ...args], { cwd: dir, reject: false, env: { npm_config_cache: join(dir, 'npm-cache') } });
    const version = await npx(['--version']);
    expect(version.exitCode, version.stderr).toBe(0);
    expect(version.stdout.trim()).toBe(PACKAGE_VERSION);
    expect((await npx(['https://a.example/mcp', 'https://b.example/mcp'])).exitCode).toBe(2);
  });
});
