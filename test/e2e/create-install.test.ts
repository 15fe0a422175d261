import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { create, startProject, tempDir } from '../helpers/generated.js';
import { ROOT } from '../helpers/run.js';

// Installs from the npm registry, as a user's project would: slow and network-bound, so it runs in
// CI (CI=true), where .ci/run reaches the registry anyway.
describe.runIf(process.env.CI)('a generated project installed from the registry', () => {
  it('installs, builds, passes its tests and passes its own lint:connector', { timeout: 300_000 }, async () => {
    const packDir = await tempDir('pack-');
    const packed = await execa('npm', ['pack', '--silent', '--pack-destination', packDir], { cwd: ROOT });
    const tarball = join(packDir, packed.stdout.trim().split('\n').at(-1) as string);
    const cwd = await tempDir();
    expect((await create(['from-registry', '--template', 'public', '--no-install', '--no-git'], cwd)).code).toBe(0);
    const dir = join(cwd, 'from-registry');
    // Until create-connector is published, its own tarball stands in for the registry's copy.
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    pkg.devDependencies['create-connector'] = `file:${tarball}`;
    await writeFile(join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
    const steps = [['install', '--no-audit', '--no-fund'], ['run', 'build'], ['test']];
    for (const args of steps) {
      const result = await execa('npm', args, { cwd: dir, reject: false, all: true });
      expect(result.exitCode, `npm ${args.join(' ')}\n${result.all}`).toBe(0);
    }
    const server = await startProject(dir, {});
    try {
      const config = JSON.parse(await readFile(join(dir, 'connector.json'), 'utf8'));
      await writeFile(join(dir, 'connector.json'), JSON.stringify({ ...config, url: server.url }));
      const lint = await execa('npm', ['run', 'lint:connector'], { cwd: dir, reject: false, all: true });
      expect(lint.exitCode, lint.all).toBe(0);
    } finally {
      await server.stop();
    }
  });
});
