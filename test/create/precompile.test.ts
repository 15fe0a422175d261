import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import fc from 'fast-check';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { compileTemplate, TemplateError, templateFilesModule } from '../../scripts/precompile-templates.js';
import { IDP_IDS } from '../../src/create/idps.js';
import { HELPER_NAMES, HELPERS, render, type CompiledTemplate, type TemplateFile } from '../../src/create/render.js';
import { loadTemplateFiles, planProject, TEMPLATE_IDS } from '../../src/create/templates.js';
import type { Answers, PackageManager, TemplateId } from '../../src/create/types.js';
import { ROOT } from '../helpers/run.js';

/** Handlebars itself, set up as create-connector rendered templates before they were compiled at build time. */
const handlebars = Handlebars.create();
handlebars.registerHelper(HELPERS);
const OPTIONS = { strict: true, noEscape: true };

/** A template rendered by Handlebars from its source, in the shape of a compiled one. */
function throughHandlebars(source: string): CompiledTemplate {
  const template = handlebars.compile(source, OPTIONS);
  return (_runtime, context) => template(context);
}

/** A layer's files as they are on disk, `.hbs` ones rendered by Handlebars: templates as they used to load. */
async function fromDisk(template: TemplateId): Promise<TemplateFile[]> {
  const files = new Map<string, TemplateFile>();
  for (const layer of ['base', template]) {
    const root = join(ROOT, 'templates', layer);
    for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const full = join(entry.parentPath, entry.name);
      const path = relative(root, full).split(sep).join('/');
      const text = await readFile(full, 'utf8');
      files.set(path, { path, content: path.endsWith('.hbs') ? throughHandlebars(text) : text });
    }
  }
  return [...files.values()];
}

function answerSets(template: TemplateId): Answers[] {
  const sets: Answers[] = [];
  const descriptions = ['A connector', 'Quotes " \\ {{x}} `tick`\n- list & #hash'];
  const names = ['app', '@scope/my-conn'];
  for (const idp of template === 'oauth' ? IDP_IDS : ['generic']) {
    for (const pm of ['npm', 'pnpm', 'yarn', 'bun'] as PackageManager[]) {
      for (const [i, description] of descriptions.entries()) {
        sets.push({
          dir: 'app',
          template,
          name: names[i] as string,
          description,
          idp,
          issuer: i === 0 ? undefined : 'https://tenant.example.com/',
          pm,
          install: false,
          git: false,
          overwrite: false,
        });
      }
    }
  }
  return sets;
}

describe('templates compiled at build time', () => {
  it.each(TEMPLATE_IDS)('%s: plan the same project, byte for byte, as rendering the .hbs sources through Handlebars', async (template) => {
    const compiled = await loadTemplateFiles(template);
    const handlebarsFiles = await fromDisk(template);
    expect(compiled.map((f) => f.path).sort()).toEqual(handlebarsFiles.map((f) => f.path).sort());
    for (const answers of answerSets(template)) {
      expect(planProject(answers, compiled), JSON.stringify(answers)).toEqual(planProject(answers, handlebarsFiles));
    }
  });

  it('leave no Handlebars in what the programs load', async () => {
    const dist = join(ROOT, 'dist');
    for (const entry of await readdir(dist, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) expect(await readFile(join(entry.parentPath, entry.name), 'utf8'), entry.name).not.toContain('registerHelper');
    }
  });
});

/** What a template gives, or that it throws (messages differ: ours name the file). */
function outcome(run: () => string): string {
  try {
    return JSON.stringify(run());
  } catch {
    return 'throws';
  }
}

// A grammar of templates over what the runtime supports, rendered with contexts that have the
// names they use, lack some, and hold every kind of value.
const name = fc.constantFrom('a', 'b', 'n', 'list', 'obj', 'empty', 'zero', 'fn', 'missing');
const path = fc.oneof(
  name,
  fc.constantFrom('obj.a', 'obj.list', 'this', '.', '../a', '../../b', '@index', '@key', '@first', '@last', '@root.a', '@../index', 'item', 'key', 'item.a', 'this.a'),
);
const text = fc.constantFrom('x', ' ', '\n', '  ', 'y\n  ', '\\{{a}}', '{{! note }}', '{{!-- {{a}} --}}');
const argument = fc.oneof(path, fc.constantFrom('"s"', '1', '0', 'true', 'null', '(concat a "-" n)'));
const template = fc.letrec<{ t: string }>((tie) => ({
  t: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    path.map((p) => `{{${p}}}`),
    path.map((p) => `{{{${p}}}}`),
    path.map((p) => `{{~${p}~}}`),
    fc.tuple(fc.constantFrom('ts', 'yaml', 'md', 'concat'), fc.array(argument, { minLength: 1, maxLength: 3 })).map(([h, args]) => `{{${h} ${args.join(' ')}}}`),
    argument.map((a) => `{{lookup obj ${a}}}`),
    fc.tuple(fc.constantFrom('if', 'unless', 'with', 'each'), path, tie('t'), fc.option(tie('t'))).map(
      ([h, p, body, inverse]) => `{{#${h} ${p}}}${body}${inverse === null ? '' : `{{else}}${inverse}`}{{/${h}}}`,
    ),
    fc.tuple(path, tie('t'), path, tie('t'), tie('t')).map(([p, body, q, elseIf, otherwise]) => `{{#if ${p} includeZero=true}}${body}{{else if ${q}}}${elseIf}{{else}}${otherwise}{{/if}}`),
    fc.tuple(path, tie('t')).map(([p, body]) => `{{#each ${p} as |item key|}}${body}{{/each}}`),
    fc.tuple(path, tie('t')).map(([p, body]) => `\n  {{#if ${p}}}\n${body}\n  {{/if}}\n`),
    fc.array(tie('t'), { maxLength: 4 }).map((parts) => parts.join('')),
  ),
})).t;
const value = fc.oneof(
  fc.constantFrom('s', '', 0, 1, 2, true, false, null, undefined),
  fc.constantFrom([], ['p', 'q'], [0, 1], { a: 'A' }, { a: 0, b: [1] }, [{ a: 'x' }, { a: 'y', b: 'z' }]),
);
const context = fc.record(
  { a: value, b: value, n: value, list: value, obj: fc.record({ a: value, list: value }), empty: fc.constant([]), zero: fc.constant(0), fn: fc.constant(() => 'called') },
  { requiredKeys: ['a', 'obj'] },
);

describe('the template compiler', () => {
  it('renders what Handlebars renders, for any template the grammar makes and any context', () => {
    fc.assert(
      fc.property(template, context, (source, ctx) => {
        const expected = outcome(() => handlebars.compile(source, OPTIONS)(ctx));
        const compiled = (0, eval)(compileTemplate(source, 'grammar.hbs', HELPER_NAMES)) as CompiledTemplate;
        expect(outcome(() => render(compiled, ctx)), source).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['{{#if a}}open', 'templates/base/x.hbs: Parse error on line 1'],
    ['line\n  {{shout name}}', 'templates/base/x.hbs:2:3: unknown helper `shout`'],
    ['{{> header}}', 'templates/base/x.hbs:1:1: partials are not supported'],
    ['{{#name}}x{{/name}}', 'templates/base/x.hbs:1:1: `{{#name}}` without arguments'],
  ])('refuses %j, naming the file, line and column', (source, message) => {
    expect(() => compileTemplate(source, 'templates/base/x.hbs', HELPER_NAMES)).toThrow(TemplateError);
    expect(() => compileTemplate(source, 'templates/base/x.hbs', HELPER_NAMES)).toThrow(message);
  });

  it('names the template a missing value is used in, where Handlebars names only a position', () => {
    const compiled = (0, eval)(compileTemplate('\n{{idp.label}}', 'templates/base/README.md.hbs', HELPER_NAMES)) as CompiledTemplate;
    expect(() => render(compiled, { idp: {} })).toThrow('"label" not defined in [object Object] (templates/base/README.md.hbs:2:1)');
  });

  it('takes every file under templates/ as it is at build time, new layers and files included', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'templates-'));
    try {
      const files = { 'base/README.md.hbs': '# {{md name}}\n', 'base/.github/x.yml': 'on: push\n', 'extra/src/new.ts': 'export {};\n' };
      for (const [file, text] of Object.entries(files)) {
        await mkdir(dirname(join(dir, file)), { recursive: true });
        await writeFile(join(dir, file), text);
      }
      const { code } = templateFilesModule(dir, HELPER_NAMES);
      const { LAYERS } = (await import(`data:text/javascript,${encodeURIComponent(code)}`)) as { LAYERS: Record<string, TemplateFile[]> };
      expect(Object.keys(LAYERS)).toEqual(['base', 'extra']);
      expect(LAYERS.base?.map((f) => f.path)).toEqual(['.github/x.yml', 'README.md.hbs']);
      expect(LAYERS.extra).toEqual([{ path: 'src/new.ts', content: 'export {};\n' }]);
      const readme = LAYERS.base?.find((f) => f.path === 'README.md.hbs')?.content as CompiledTemplate;
      expect(render(readme, { name: 'my_app' })).toBe('# my\\_app\n');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
