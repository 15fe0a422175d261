// Compiles templates/ into one JavaScript module at build time: every `.hbs` file becomes the
// template spec `Handlebars.precompile` writes, run by Handlebars' runtime (src/create/render.ts),
// every other file its text. create-connector then loads no Handlebars compiler and reads no
// template from disk.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import Handlebars from 'handlebars';
import { BUILT_IN_HELPERS, HELPER_NAMES, RENDER_OPTIONS } from '../src/create/render.js';

/** A template the build cannot compile; its message names the file, line and column. */
export class TemplateError extends Error {
  override name = 'TemplateError';
}

type Call = hbs.AST.MustacheStatement | hbs.AST.BlockStatement | hbs.AST.SubExpression;

const ALL_HELPERS = [...BUILT_IN_HELPERS, ...HELPER_NAMES];
const KNOWN_HELPERS = Object.fromEntries(HELPER_NAMES.map((name) => [name, true]));

/**
 * What the runtime cannot run, found before Handlebars compiles it so the error names file, line
 * and column: partials and decorators (no partial is registered), and helpers not registered
 * (Handlebars would say so too, with `knownHelpersOnly`, but without the file or the helpers there are).
 */
class Checker extends Handlebars.Visitor {
  constructor(private readonly file: string) {
    super();
  }

  fail(node: hbs.AST.Node, what: string): never {
    throw new TemplateError(`${this.file}:${node.loc.start.line}:${node.loc.start.column + 1}: ${what}`);
  }

  override PartialStatement(node: hbs.AST.PartialStatement): void {
    this.fail(node, 'partials are not supported');
  }

  override PartialBlockStatement(node: hbs.AST.PartialBlockStatement): void {
    this.fail(node, 'partials are not supported');
  }

  override Decorator(node: hbs.AST.Decorator): void {
    this.fail(node, 'decorators are not supported');
  }

  override DecoratorBlock(node: hbs.AST.DecoratorBlock): void {
    this.fail(node, 'decorators are not supported');
  }

  override MustacheStatement(node: hbs.AST.MustacheStatement): void {
    this.call(node);
    super.MustacheStatement(node);
  }

  override BlockStatement(node: hbs.AST.BlockStatement): void {
    this.call(node);
    super.BlockStatement(node);
  }

  override SubExpression(node: hbs.AST.SubExpression): void {
    this.call(node);
    super.SubExpression(node);
  }

  /** A mustache with arguments, or a sub-expression, calls a helper: one that exists. */
  private call(node: Call): void {
    if (node.type !== 'SubExpression' && node.params.length === 0 && !node.hash) return;
    const path = node.path as hbs.AST.PathExpression;
    const name = path.type === 'PathExpression' ? path.original : String((node.path as hbs.AST.StringLiteral).original);
    if (!ALL_HELPERS.includes(name)) {
      this.fail(node, `unknown helper \`${name}\` (the helpers are ${ALL_HELPERS.join(', ')}; register others in src/create/render.ts)`);
    }
  }
}

/**
 * One template as the source of a Handlebars template spec (a JavaScript object literal). Throws
 * {@link TemplateError} for a template Handlebars cannot parse or that uses what the runtime does
 * not have.
 */
export function compileTemplate(source: string, file: string): string {
  let ast: hbs.AST.Program;
  try {
    ast = Handlebars.parse(source);
  } catch (error) {
    throw new TemplateError(`${file}: ${(error as Error).message}`);
  }
  new Checker(file).accept(ast);
  return Handlebars.precompile(ast, { ...RENDER_OPTIONS, knownHelpers: KNOWN_HELPERS, knownHelpersOnly: true }) as string;
}

/** Every file under `dir`, as POSIX paths relative to it, in a stable order. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

/**
 * The module `virtual:template-files`: `LAYERS`, each folder of `templatesDir` (base, public,
 * shared, oauth, and any other) as its files, `.hbs` ones compiled. Every file there now is in it,
 * so templates added or removed need no change here.
 */
export function templateFilesModule(templatesDir: string): { code: string; files: string[] } {
  const read: string[] = [];
  const quote = (value: string) => JSON.stringify(value);
  const layers = readdirSync(templatesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((layer) => {
      const files = filesUnder(join(templatesDir, layer)).map((path) => {
        const full = join(templatesDir, layer, path);
        read.push(full);
        const text = readFileSync(full, 'utf8');
        const content = path.endsWith('.hbs') ? compileTemplate(text, `templates/${layer}/${path}`) : quote(text);
        return `{ path: ${quote(path)}, content: ${content} }`;
      });
      return `${quote(layer)}: [\n${files.join(',\n')}\n]`;
    });
  return { code: `export const LAYERS = {\n${layers.join(',\n')}\n};\n`, files: read };
}
