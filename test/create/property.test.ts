import { transformSync } from 'esbuild';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadTemplateFiles, planProject, TEMPLATE_IDS } from '../../src/create/templates.js';
import type { Answers, PlannedFile, TemplateId } from '../../src/create/types.js';
import { packageNameProblems } from '../../src/create/validate.js';
import { create, tempDir } from '../helpers/generated.js';

const templates = Object.fromEntries(await Promise.all(TEMPLATE_IDS.map(async (t) => [t, await loadTemplateFiles(t)] as const))) as Record<TemplateId, PlannedFile[]>;

const answers = (template: TemplateId, name: string, description: string): Answers => ({
  dir: 'app',
  template,
  name,
  description,
  idp: 'generic',
  pm: 'npm',
  install: false,
  git: false,
  overwrite: false,
});

/** package.json and connector.json parse, every TypeScript file parses, the workflow is YAML. */
function expectParseable(files: PlannedFile[], name: string, description: string): void {
  for (const file of files) {
    if (file.path.endsWith('.json')) JSON.parse(file.content);
    if (file.path.endsWith('.ts')) transformSync(file.content, { loader: 'ts', format: 'esm' });
    if (file.path.endsWith('.yml')) parseYaml(file.content);
  }
  const pkg = JSON.parse(files.find((f) => f.path === 'package.json')?.content ?? '{}');
  expect(pkg.name).toBe(name);
  expect(pkg.description).toBe(description);
}

describe('create-connector, property-based', () => {
  it('any description (quotes, backslashes, {{, newlines, control characters, any Unicode) yields parseable files', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TEMPLATE_IDS), fc.string({ unit: 'binary', maxLength: 80 }), (template, description) => {
        expectParseable(planProject(answers(template, 'app', description), templates[template]), 'app', description);
      }),
      { numRuns: 200 },
    );
  });

  it('any valid package name yields parseable files, with the name in TypeScript as a string literal', () => {
    const validName = fc.stringMatching(/^(@[a-z0-9-~][a-z0-9-._~]{0,10}\/)?[a-z0-9-~][a-z0-9-._~]{0,20}$/).filter((n) => packageNameProblems(n).length === 0);
    fc.assert(
      fc.property(fc.constantFrom(...TEMPLATE_IDS), validName, (template, name) => {
        const files = planProject(answers(template, name, 'd'), templates[template]);
        expectParseable(files, name, 'd');
        expect(files.find((f) => f.path === 'src/index.ts')?.content).toContain(`const NAME = ${JSON.stringify(name)};`);
      }),
      { numRuns: 200 },
    );
  });

  it('any --name is either refused (exit 2) or accepted as a valid npm name, never written invalid', async () => {
    const cwd = await tempDir();
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 30 }), async (name) => {
        const result = await create(['app', '--template', 'public', '--name', name, '--dry-run'], cwd);
        expect([0, 2]).toContain(result.code);
        expect(result.code === 0).toBe(packageNameProblems(name).length === 0);
        if (result.code === 2) expect(result.stderr).toMatch(/^create-connector: /m);
      }),
      { numRuns: 100 },
    );
  });
});
