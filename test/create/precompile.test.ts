import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { compileTemplate, TemplateError, templateFilesModule } from '../../scripts/precompile-templates.js';
import { IDP_IDS } from '../../src/create/idps.js';
import { HELPERS, render, RENDER_OPTIONS, type TemplateFile, type TemplateSpec } from '../../src/create/render.js';
import { loadTemplateFiles, planProject, TEMPLATE_IDS } from '../../src/create/templates.js';
import type { Answers, PackageManager, TemplateId } from '../../src/create/types.js';
import { ROOT } from '../helpers/run.js';

/** A spec as the build module holds it. */
const spec = (source: string, file = 'templates/base/x.hbs') => (0, eval)(`(${compileTemplate(source, file)})`) as TemplateSpec;

/** Every `.hbs` file of a template's layers as on disk: what Handlebars' own compiler makes of each, given the same context. */
async function sources(template: TemplateId): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const layer of ['base', template]) {
    const root = join(ROOT, 'templates', layer);
    for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
      const full = join(entry.parentPath, entry.name);
      if (entry.isFile() && entry.name.endsWith('.hbs')) files.set(relative(root, full).split(sep).join('/'), await readFile(full, 'utf8'));
    }
  }
  return files;
}

function answerSets(template: TemplateId): Answers[] {
  const sets: Answers[] = [];
  const descriptions = ['A connector', 'Quotes " \\ {{x}} `tick`\n- list & #hash'];
  const names = ['app', '@scope/my-conn'];
  for (const idp of template === 'oauth' ? IDP_IDS : ['generic']) {
    for (const pm of ['npm', 'pnpm', 'yarn', 'bun'] as PackageManager[]) {
      for (const [i, description] of descriptions.entries()) {
        sets.push({ dir: 'app', template, name: names[i] as string, description, idp, issuer: i === 0 ? undefined : 'https://tenant.example.com/', pm, install: false, git: false, overwrite: false });
      }
    }
  }
  return sets;
}

describe('templates precompiled at build time', () => {
  it.each(TEMPLATE_IDS)('%s: render as Handlebars compiling the .hbs source at run time would, for every preset and package manager', async (template) => {
    const compiled = await loadTemplateFiles(template);
    const handlebars = Handlebars.create();
    handlebars.registerHelper(HELPERS);
    const fromSource = [...(await sources(template))].map(([path, text]) => ({ path, template: handlebars.compile(text, RENDER_OPTIONS) }));
    expect(fromSource.length).toBeGreaterThan(0);
    for (const answers of answerSets(template)) {
      // The context planProject builds, captured by the first template it renders.
      let context: Record<string, unknown> | undefined;
      const capture: TemplateFile = { path: 'capture.hbs', content: { compiler: [8, '>= 4.3.0'], main: (_c: unknown, depth0: Record<string, unknown>) => ((context = depth0), '') } as unknown as TemplateSpec };
      const planned = planProject(answers, [...compiled, capture]);
      for (const { path, template: run } of fromSource) {
        const target = path.replace(/\.hbs$/, '');
        const file = planned.find((f) => f.path === target);
        if (target === 'package.json') continue;
        expect(file?.content, `${target} ${JSON.stringify(answers)}`).toBe(run(context));
      }
    }
  });

  it('ship Handlebars runtime only, never its compiler, in what the programs load', async () => {
    const dist = join(ROOT, 'dist');
    const code: string[] = [];
    for (const entry of await readdir(dist, { recursive: true, withFileTypes: true })) if (entry.isFile()) code.push(await readFile(join(entry.parentPath, entry.name), 'utf8'));
    expect(code.some((c) => c.includes('registerHelper'))).toBe(true);
    for (const c of code) expect(c).not.toContain('Parse error on line');
  });
});

describe('the template build', () => {
  it.each([
    ['{{#if a}}open', 'templates/base/x.hbs: Parse error on line 1'],
    ['line\n  {{shout name}}', 'templates/base/x.hbs:2:3: unknown helper `shout`'],
    ['{{ts (shout a)}}', 'templates/base/x.hbs:1:6: unknown helper `shout`'],
    ['{{> header}}', 'templates/base/x.hbs:1:1: partials are not supported'],
    ['{{#> layout}}x{{/layout}}', 'templates/base/x.hbs:1:1: partials are not supported'],
    ['{{* deco}}', 'templates/base/x.hbs:1:1: decorators are not supported'],
    ['{{#*inline "x"}}y{{/inline}}', 'templates/base/x.hbs:1:1: decorators are not supported'],
  ])('refuses %j, naming the file, line and column', (source, message) => {
    expect(() => compileTemplate(source, 'templates/base/x.hbs')).toThrow(TemplateError);
    expect(() => compileTemplate(source, 'templates/base/x.hbs')).toThrow(message);
  });

  it('accepts every helper the runtime registers and Handlebars built-ins', () => {
    const source = '{{#each list as |item|}}{{ts item}}{{yaml item}}{{md item}}{{concat item "-"}}{{lookup ../obj "a"}}{{/each}}{{#with obj}}{{#unless b}}{{a}}{{/unless}}{{/with}}';
    expect(render(spec(source), { list: ['x'], obj: { a: 'A' } })).toBe('"x""x"xx-AA');
  });

  it('names the file a missing value is used in, with the line and column Handlebars gives (column from 0, at the name)', () => {
    expect(() => render(spec('\n{{idp.label}}'), { idp: {} }, 'README.md.hbs')).toThrow('README.md.hbs: "label" not defined in [object Object] - 2:2');
  });

  it('takes every file under templates/ as it is at build time, new layers and files included', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'templates-'));
    try {
      const files = { 'base/README.md.hbs': '# {{md name}}\n', 'base/.github/x.yml': 'on: push\n', 'extra/src/new.ts': 'export {};\n' };
      for (const [file, text] of Object.entries(files)) {
        await mkdir(dirname(join(dir, file)), { recursive: true });
        await writeFile(join(dir, file), text);
      }
      const { code } = templateFilesModule(dir);
      const { LAYERS } = (await import(`data:text/javascript,${encodeURIComponent(code)}`)) as { LAYERS: Record<string, TemplateFile[]> };
      expect(Object.keys(LAYERS)).toEqual(['base', 'extra']);
      expect(LAYERS.base?.map((f) => f.path)).toEqual(['.github/x.yml', 'README.md.hbs']);
      expect(LAYERS.extra).toEqual([{ path: 'src/new.ts', content: 'export {};\n' }]);
      const readme = LAYERS.base?.find((f) => f.path === 'README.md.hbs')?.content as TemplateSpec;
      expect(render(readme, { name: 'my_app' })).toBe('# my\\_app\n');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
