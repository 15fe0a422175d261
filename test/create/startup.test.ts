import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { testDir } from '../helpers/generated.js';
import { ROOT } from '../helpers/run.js';

/** The text of every file of dist/ a run of `bin` loaded. */
async function loadedBy(bin: string, args: string[]): Promise<string[]> {
  const dir = await testDir('trace-');
  const trace = join(dir, 'imports.txt');
  const result = await execa('node', ['--import', join(ROOT, 'test/helpers/trace-imports.mjs'), join(ROOT, 'bin', bin), ...args], { cwd: dir, env: { TRACE_FILE: trace, CI: '1' }, reject: false });
  expect(result.exitCode, result.stderr).toBe(0);
  return readFileSync(trace, 'utf8')
    .split('\n')
    .filter((u) => u.startsWith('file://') && u.includes('/dist/'))
    .map((u) => readFileSync(new URL(u), 'utf8'));
}

// Code is recognised by names it defines, each found somewhere in dist/: the compiled templates,
// @clack/prompts, execa (which runs git and the package manager), and the lint's probes.
const TEMPLATES = 'connector-preflight.yml.hbs';
const PROMPTS = 'S_STEP_ACTIVE';
const EXECA = 'ExecaError';
const PROBES = 'probeRedirectUris';

describe('what a start loads', () => {
  it('finds every marker in dist/', () => {
    const dist = readdirSync(join(ROOT, 'dist'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'));
    for (const marker of [TEMPLATES, PROMPTS, EXECA, PROBES]) expect(dist.some((code) => code.includes(marker)), marker).toBe(true);
  });

  it.each([
    ['create-connector.js', ['--help'], [TEMPLATES, PROMPTS, EXECA]],
    ['connector-lint.js', ['--help'], [PROBES]],
    ['create-connector.js', ['app', '--template', 'oauth', '--yes', '--dry-run'], [PROMPTS, EXECA]],
  ])('%s %j loads nothing it does not use', async (bin, args, markers) => {
    const loaded = await loadedBy(bin, args);
    expect(loaded.length).toBeGreaterThan(0);
    for (const code of loaded) for (const marker of markers) expect(code).not.toContain(marker);
  });

  it('plans a project from the compiled templates', async () => {
    expect((await loadedBy('create-connector.js', ['app', '--template', 'oauth', '--yes', '--dry-run'])).some((code) => code.includes(TEMPLATES))).toBe(true);
  });
});
