import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { create, startProject, tempDir } from '../helpers/generated.js';

// Installs the template's dependencies from the npm registry, as a user's project would: slow and
// network-bound, so it runs in CI (CI=true), where .ci/run reaches the registry anyway.
describe.runIf(process.env.CI)('a generated project installed with npm (network: npm registry)', () => {
  it('installs, builds, passes its tests and passes its own lint:connector', { timeout: 300_000 }, async () => {
    const cwd = await tempDir();
    // From this checkout, the project depends on create-connector as a tarball of it, stored inside.
    expect((await create(['from-registry', '--template', 'public', '--no-install', '--no-git'], cwd)).code).toBe(0);
    const dir = join(cwd, 'from-registry');
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
