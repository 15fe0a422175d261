import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/lint/rules/index.js';
import { ROOT } from '../helpers/run.js';

describe('rule registry', () => {
  it('has one file per rule, named for its id, in a folder for what the rule is about, and nothing else', () => {
    const dir = join(ROOT, 'src/lint/rules');
    const entries = readdirSync(dir, { withFileTypes: true });
    expect(entries.filter((e) => e.isFile()).map((e) => e.name)).toEqual(['index.ts']);
    const files = entries
      .filter((e) => e.isDirectory())
      .flatMap((e) => readdirSync(join(dir, e.name)))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(files).toEqual(RULES.map((r) => r.id).sort());
  });

  it('uses kebab-case ids, each documented in its own README section', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const rule of RULES) {
      expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(readme, `README section for ${rule.id}`).toMatch(new RegExp(`^#### \`${rule.id}\`$`, 'm'));
    }
  });

  it('gives every rule a description, a source and a fix', () => {
    for (const rule of RULES) {
      expect(rule.meta.description.length).toBeGreaterThan(10);
      expect(rule.meta.spec.length).toBeGreaterThan(0);
      expect(rule.meta.fix.length).toBeGreaterThan(20);
    }
  });
});

describe('startup', () => {
  it('--help loads neither the HTTP client nor openid-client (lazy chunks of the bundle)', async () => {
    const trace = join(await mkdtemp(join(tmpdir(), 'trace-')), 'imports.txt');
    const result = await execa(
      'node',
      ['--import', join(ROOT, 'test/helpers/trace-imports.mjs'), join(ROOT, 'bin/connector-lint.js'), '--help'],
      { env: { TRACE_FILE: trace }, reject: false },
    );
    expect(result.exitCode).toBe(0);
    // The build bundles dependencies into dist/; library code is recognised by names it defines.
    const markers = ['response headers too large', 'calculatePKCECodeChallenge'];
    const distFiles = readdirSync(join(ROOT, 'dist'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.js'))
      .map((e) => join(e.parentPath, e.name));
    for (const marker of markers) {
      expect(distFiles.some((f) => readFileSync(f, 'utf8').includes(marker)), `${marker} is somewhere in dist`).toBe(true);
    }
    const loaded = readFileSync(trace, 'utf8')
      .split('\n')
      .filter((u) => u.startsWith('file://') && u.includes('/dist/'))
      .map((u) => readFileSync(new URL(u), 'utf8'));
    expect(loaded.length).toBeGreaterThan(0);
    for (const code of loaded) for (const marker of markers) expect(code).not.toContain(marker);
  });
});
