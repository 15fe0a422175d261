// Compiles templates/ into one JavaScript module at build time: every `.hbs` file becomes a plain
// function (parsed by Handlebars here, run by src/create/render.ts there), every other file its
// text. create-connector then loads no Handlebars and reads no template from disk.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import Handlebars from 'handlebars';

type Node = hbs.AST.Node;
type Program = hbs.AST.Program;
type Path = hbs.AST.PathExpression;
type Sexpr = hbs.AST.MustacheStatement | hbs.AST.BlockStatement | hbs.AST.SubExpression;

/** A template the build cannot compile; its message names the file, line and column. */
export class TemplateError extends Error {
  override name = 'TemplateError';
}

/** Handlebars' own helpers, which are helpers even when called without arguments. */
const KNOWN_HELPERS = new Set(['helperMissing', 'blockHelperMissing', 'each', 'if', 'unless', 'with', 'log', 'lookup']);

const quote = (value: string) => JSON.stringify(value);

/** `this.x`, `./x`: a path that never names a helper (Handlebars' `scopedId`). */
const scoped = (path: Path) => /^\.|this\b/.test(path.original);

/** Where a program's statements are compiled. */
interface Scope {
  /** Block parameters (`as |item key|`) of this program and the ones around it, innermost first. */
  params: (string[] | undefined)[];
  /**
   * Whether a path in this program, or in a block within it, climbs (`../`): only then does it
   * hand its blocks the contexts to climb through, and only then do they compare their context
   * with the current one, as Handlebars' `useDepths` decides.
   */
  climbs: boolean;
}

/** Compiles one template, following Handlebars 4.7's compiler in strict, non-escaping mode. */
class TemplateCompiler {
  /** Block bodies, each a function `(c, d, bp, ds)` closing over the runtime `r`. */
  private readonly programs: string[] = [];
  /**
   * The template's text, handed to its functions from outside: V8 reads a function's source once
   * when the module loads and again when the function first runs, and text is most of a template.
   */
  private readonly texts: string[] = [];

  constructor(
    private readonly file: string,
    private readonly helpers: ReadonlySet<string>,
  ) {}

  compile(ast: Program): string {
    const main = this.body(ast, []);
    const programs = this.programs.map((p, i) => `const p${i} = ${p};`).join('\n');
    return `((t) => (r, c, d, bp, ds) => {\n${programs}\nreturn ${main};\n})([\n${this.texts.map(quote).join(',\n')}\n])`;
  }

  private fail(node: Node, what: string): never {
    throw new TemplateError(`${this.file}:${node.loc.start.line}:${node.loc.start.column + 1}: ${what}`);
  }

  private at(node: Node): string {
    return quote(`${this.file}:${node.loc.start.line}:${node.loc.start.column + 1}`);
  }

  /** A program's output: its parts joined with `+`, as Handlebars joins them (numbers side by side add up). */
  private body(program: Program, outer: (string[] | undefined)[]): string {
    const scope: Scope = { params: [program.blockParams, ...outer], climbs: climbs(program) };
    const parts: string[] = [];
    for (const statement of program.body) {
      if (statement.type === 'ContentStatement') {
        const { value } = statement as hbs.AST.ContentStatement;
        if (value) parts.push(`t[${this.texts.push(value) - 1}]`);
      } else if (statement.type === 'MustacheStatement') {
        parts.push(`r.out(${this.sexpr(statement as hbs.AST.MustacheStatement, scope)})`);
      } else if (statement.type === 'BlockStatement') {
        parts.push(`r.out(${this.sexpr(statement as hbs.AST.BlockStatement, scope)})`);
      } else if (statement.type !== 'CommentStatement') {
        this.fail(statement, `${statement.type === 'PartialStatement' || statement.type === 'PartialBlockStatement' ? 'partials are' : `${statement.type} is`} not supported`);
      }
    }
    return parts.length > 0 ? parts.join(' + ') : '""';
  }

  /** A block's body or `{{else}}` part, bound where the block is. */
  private program(program: Program | undefined, scope: Scope): string {
    if (!program) return 'r.noop';
    this.programs.push(''); // its index, taken before the blocks inside take theirs
    const index = this.programs.length - 1;
    this.programs[index] = `(c, d, bp, ds) => ${this.body(program, scope.params)}`;
    return scope.climbs ? `r.program(p${index}, d, bp, ds)` : `r.program(p${index}, d, bp)`;
  }

  /** `[depth, index]` of a block parameter (`as |item|`) in scope, innermost first. */
  private blockParam(name: string | undefined, scope: Scope): [number, number] | undefined {
    for (let depth = 0; depth < scope.params.length; depth++) {
      const index = name === undefined ? -1 : (scope.params[depth]?.indexOf(name) ?? -1);
      if (index >= 0) return [depth, index];
    }
    return undefined;
  }

  /** A mustache, block or sub-expression, classified as Handlebars' `classifySexpr` does. */
  private sexpr(node: Sexpr, scope: Scope): string {
    const path = this.pathOf(node);
    const simpleId = path.parts.length === 1 && !scoped(path) && !path.depth;
    const isBlockParam = simpleId && this.blockParam(path.parts[0], scope) !== undefined;
    const hasArguments = node.type === 'SubExpression' || node.params.length > 0 || Boolean(node.hash);
    const name = path.parts[0] as string;
    let kind: 'helper' | 'ambiguous' | 'simple' = 'simple';
    if (!isBlockParam && hasArguments) kind = 'helper';
    else if (!isBlockParam && simpleId) kind = KNOWN_HELPERS.has(name) ? 'helper' : 'ambiguous';
    const block = node.type === 'BlockStatement' ? (node as hbs.AST.BlockStatement) : undefined;

    if (kind === 'helper' || (kind === 'ambiguous' && this.helpers.has(name) && !block)) {
      if (!simpleId || !this.helpers.has(name)) {
        this.fail(node, `unknown helper \`${path.original}\` (the helpers are ${[...this.helpers].join(', ')}; register others in src/create/render.ts)`);
      }
      const params = node.params.map((p) => this.value(p, scope));
      const hash = this.hash(node.hash, scope);
      const options = block
        ? `r.options(${quote(name)}, ${hash}, d, ${this.program(block.program, scope)}, ${this.program(block.inverse, scope)})`
        : `r.options(${quote(name)}, ${hash}, d)`;
      return `r.h[${quote(name)}].call(${['r.self(c)', ...params, options].join(', ')})`;
    }
    if (block) {
      this.fail(node, `\`{{#${path.original}}}\` without arguments is a section over a value, which is not supported: write \`{{#if ${path.original}}}\`, \`{{#each ${path.original}}}\` or \`{{#with ${path.original}}}\``);
    }
    if (node.params.length > 0 || node.hash) this.fail(node, `\`${path.original}\` is a block parameter, not a helper`);
    if (kind === 'ambiguous') return `r.call(${this.path(path, scope, node)}, c, d, ${quote(name)})`;
    return `r.lambda(${this.path(path, scope, node)}, c)`;
  }

  /** The path of a mustache, block or sub-expression; a literal there names a path (`{{"a b"}}`). */
  private pathOf(node: Sexpr): Path {
    const path = node.path as hbs.AST.Expression;
    if (path.type === 'PathExpression') return path as Path;
    if (path.type === 'SubExpression') this.fail(node, 'a sub-expression as a helper name is not supported');
    const { original } = path as hbs.AST.StringLiteral;
    return { type: 'PathExpression', data: false, depth: 0, parts: [String(original)], original: String(original), loc: path.loc };
  }

  private hash(hash: hbs.AST.Hash | undefined, scope: Scope): string {
    if (!hash) return '{}';
    return `{ ${hash.pairs.map((pair) => `${quote(pair.key)}: ${this.value(pair.value, scope)}`).join(', ')} }`;
  }

  /** An argument or hash value: no lambda is called and, strict mode or not, a missing last name is undefined. */
  private value(expression: hbs.AST.Expression, scope: Scope): string {
    switch (expression.type) {
      case 'PathExpression':
        return this.path(expression as Path, scope);
      case 'SubExpression':
        return this.sexpr(expression as hbs.AST.SubExpression, scope);
      case 'StringLiteral':
        return quote((expression as hbs.AST.StringLiteral).value);
      case 'NumberLiteral':
      case 'BooleanLiteral':
        return String((expression as hbs.AST.NumberLiteral | hbs.AST.BooleanLiteral).value);
      case 'UndefinedLiteral':
        return 'undefined';
      case 'NullLiteral':
        return 'null';
      default:
        return this.fail(expression, `${expression.type} is not supported`);
    }
  }

  /**
   * A path's value. In a mustache (`strictAt` given) its last name must exist on its object;
   * names before it are read as they are (a missing object there is a TypeError, as in Handlebars).
   */
  private path(path: Path, scope: Scope, strictAt?: Node): string {
    const [first] = path.parts;
    const param = !path.depth && !scoped(path) ? this.blockParam(first, scope) : undefined;
    if (param) return this.lookups(`bp[${param[0]}][${param[1]}]`, path.parts.slice(1));
    if (first === undefined) return path.depth ? `ds[${path.depth}]` : 'c';
    const base = path.data ? (path.depth ? `r.data(d, ${path.depth})` : 'd') : path.depth ? `ds[${path.depth}]` : 'c';
    return this.lookups(base, path.parts, strictAt);
  }

  private lookups(base: string, parts: string[], strictAt?: Node): string {
    let code = base;
    parts.forEach((part, i) => {
      code = strictAt && i === parts.length - 1 ? `r.strict(${code}, ${quote(part)}, ${this.at(strictAt)})` : `r.prop(${code}, ${quote(part)})`;
    });
    return code;
  }
}

/**
 * One template as the source of a JavaScript function (see `CompiledTemplate` in
 * src/create/render.ts). Throws {@link TemplateError} for a template Handlebars cannot parse or
 * that uses what the runtime does not have (partials, decorators, unknown helpers).
 */
export function compileTemplate(source: string, file: string, helpers: readonly string[]): string {
  let ast: Program;
  try {
    ast = Handlebars.parse(source);
  } catch (error) {
    throw new TemplateError(`${file}: ${(error as Error).message}`);
  }
  return new TemplateCompiler(file, new Set(helpers)).compile(ast);
}

/** Whether a path anywhere in this part of a template has `../`. */
function climbs(node: unknown): boolean {
  if (!node || typeof node !== 'object') return false;
  if ((node as Node).type === 'PathExpression' && (node as Path).depth > 0) return true;
  return Object.entries(node).some(([key, child]) => key !== 'loc' && climbs(child));
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
export function templateFilesModule(templatesDir: string, helpers: readonly string[]): { code: string; files: string[] } {
  const read: string[] = [];
  const layers = readdirSync(templatesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((layer) => {
      const files = filesUnder(join(templatesDir, layer)).map((path) => {
        const full = join(templatesDir, layer, path);
        read.push(full);
        const text = readFileSync(full, 'utf8');
        const content = path.endsWith('.hbs') ? compileTemplate(text, `templates/${layer}/${path}`, helpers) : quote(text);
        return `{ path: ${quote(path)}, content: ${content} }`;
      });
      return `${quote(layer)}: [\n${files.join(',\n')}\n]`;
    });
  return { code: `export const LAYERS = {\n${layers.join(',\n')}\n};\n`, files: read };
}
