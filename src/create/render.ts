/**
 * Renders the `.hbs` templates. The build compiles each one into a plain function
 * (scripts/precompile-templates.ts), so no Handlebars loads at run time; this module holds what
 * those functions call: the helpers, and the few pieces of Handlebars' runtime they need, with its
 * semantics in strict mode without HTML escaping (a name a template uses but the context lacks is
 * an error; values go in as they are).
 */

/** A helper: its arguments, then an options object (`hash`, and `fn`/`inverse` for a block). */
type Helper = (this: unknown, ...args: unknown[]) => unknown;

/** What a block helper gets: Handlebars' options object, as far as the built-in helpers read it. */
interface HelperOptions {
  name: string;
  hash: Record<string, unknown>;
  data: Frame;
  fn: Program;
  inverse: Program;
  lookupProperty: typeof lookupProperty;
}

/** `@root`, `@index`, `@key`, `@first`, `@last`, and the frame they were set on (`@../index`). */
type Frame = Record<string, unknown> & { _parent?: Frame };

/** A block's body or `{{else}}` part, as a block helper calls it. */
type Program = (context: unknown, options?: { data?: Frame; blockParams?: unknown[] }) => unknown;

/**
 * A compiled `.hbs` template: `(runtime, context, data, blockParams, depths)`, where `depths` are
 * the contexts `../` climbs through, innermost first.
 */
export type CompiledTemplate = (r: Runtime, c: unknown, d: Frame, bp: unknown[], ds: unknown[]) => unknown;

/** A file of a template layer as the build ships it: its text, or for a `.hbs` file its compiled template. */
export interface TemplateFile {
  /** Path inside the layer, POSIX separators, `.hbs` kept. */
  path: string;
  content: string | CompiledTemplate;
}

/**
 * The helpers the templates may call, one per context a user's value can land in, so quotes,
 * backslashes, `{{` or newlines in a description still produce a project that builds: `ts` (a
 * TypeScript string literal), `yaml` (a double-quoted scalar), `md` (inline Markdown); and `concat`.
 */
export const HELPERS: Record<string, Helper> = {
  ts: (value: unknown) => JSON.stringify(String(value)),
  // A YAML double-quoted scalar accepts JSON string escapes.
  yaml: (value: unknown) => JSON.stringify(String(value)),
  md: (value: unknown) =>
    String(value)
      .replace(/[\r\n]+/g, ' ')
      .replace(/&/g, '&amp;')
      .replace(/([\\`*_[\]<>|~#])/g, '\\$1')
      // A list item, numbered item or rule at the start of a line would change the block.
      .replace(/^(\s*)([-+=]|\d+(?=[.)]))/, '$1\\$2'),
  concat: (...args: unknown[]) => args.slice(0, -1).map(String).join(''),
};

// What follows mirrors Handlebars 4.7's runtime (lib/handlebars/runtime.js, helpers/*.js), which
// the equivalence tests compare every template and a grammar of templates against.

/** The context `this` is bound to when a block runs on a null context. */
const NULL_CONTEXT = Object.seal({});

/** Own properties only, as Handlebars allows by default: never inherited ones, never a prototype's `constructor`. */
function lookupProperty(parent: unknown, name: string): unknown {
  // Read as Handlebars reads it: a missing parent is a TypeError, as there.
  const value = (parent as Record<string, unknown>)[name];
  if (value == null) return value;
  const prototypeConstructor = name === 'constructor' && typeof value === 'function' && parent === value.prototype;
  return Object.prototype.hasOwnProperty.call(parent, name) && !prototypeConstructor ? value : undefined;
}

/** JavaScript's `+`, as Handlebars joins output: a number next to a number adds up, anything next to a string joins it. */
function join(a: unknown, b: unknown): unknown {
  return (a as string) + (b as string);
}

function isEmpty(value: unknown): boolean {
  return (!value && value !== 0) || (Array.isArray(value) && value.length === 0);
}

function createFrame(parent: Frame): Frame {
  return { ...parent, _parent: parent };
}

/** A name the template uses must exist on its object: strict mode. */
function strict(obj: unknown, name: string, at: string): unknown {
  if (!obj || !(name in (obj as object))) throw new Error(`"${name}" not defined in ${String(obj)} (${at})`);
  return lookupProperty(obj, name);
}

function options(name: string, hash: Record<string, unknown>, data: Frame, fn?: Program, inverse?: Program): HelperOptions {
  return (fn ? { name, hash, fn, inverse, data, lookupProperty } : { name, hash, data, lookupProperty }) as HelperOptions;
}

const BUILT_IN: Record<string, Helper> = {
  if(this: unknown, conditional: unknown, ...rest: unknown[]) {
    if (rest.length !== 1) throw new Error('#if requires exactly one argument');
    const opts = rest[0] as HelperOptions;
    const value = typeof conditional === 'function' ? conditional.call(this) : conditional;
    return (!opts.hash.includeZero && !value) || isEmpty(value) ? opts.inverse(this) : opts.fn(this);
  },
  unless(this: unknown, conditional: unknown, ...rest: unknown[]) {
    if (rest.length !== 1) throw new Error('#unless requires exactly one argument');
    const opts = rest[0] as HelperOptions;
    return BUILT_IN.if!.call(this, conditional, { ...opts, fn: opts.inverse, inverse: opts.fn });
  },
  with(this: unknown, context: unknown, ...rest: unknown[]) {
    if (rest.length !== 1) throw new Error('#with requires exactly one argument');
    const opts = rest[0] as HelperOptions;
    const value = typeof context === 'function' ? context.call(this) : context;
    return isEmpty(value) ? opts.inverse(this) : opts.fn(value, { data: opts.data, blockParams: [value] });
  },
  each(this: unknown, context: unknown, ...rest: unknown[]) {
    const opts = rest[0] as HelperOptions | undefined;
    if (!opts) throw new Error('Must pass iterator to #each');
    const value = typeof context === 'function' ? context.call(this) : context;
    const data = opts.data ? createFrame(opts.data) : undefined;
    let out: unknown = '';
    let i = 0;
    const iteration = (key: unknown, index: number, last: boolean, item: unknown) => {
      if (data) Object.assign(data, { key, index, first: index === 0, last });
      out = join(out, opts.fn(item, { data, blockParams: [item, key] }));
    };
    if (value && typeof value === 'object') {
      if (Array.isArray(value)) {
        for (const length = value.length; i < length; i++) if (i in value) iteration(i, i, i === value.length - 1, value[i]);
      } else if ((value as Partial<Iterable<unknown>>)[Symbol.iterator]) {
        const iterator = (value as Iterable<unknown>)[Symbol.iterator]();
        for (let current = iterator.next(); !current.done; i++) {
          const next = iterator.next();
          iteration(i, i, Boolean(next.done), current.value);
          current = next;
        }
      } else {
        const keys = Object.keys(value);
        for (; i < keys.length; i++) iteration(keys[i], i, i === keys.length - 1, (value as Record<string, unknown>)[keys[i] as string]);
      }
    }
    return i === 0 ? opts.inverse(this) : out;
  },
  lookup: (obj: unknown, field: unknown, opts: unknown) => (obj ? (opts as HelperOptions).lookupProperty(obj, field as string) : obj),
};

/** What compiled templates call; `h` holds every helper by name. */
const RUNTIME = {
  h: { ...BUILT_IN, ...HELPERS },
  options,
  strict,
  prop: lookupProperty,
  /** What `{{value}}` appends: nothing for null and undefined, anything else as it is. */
  out: (value: unknown) => (value != null ? value : ''),
  /** `this` for a helper: the context, or an empty object in place of null. */
  self: (context: unknown) => (context != null ? context : NULL_CONTEXT),
  /** A function found where `{{name}}` looks is called, as Handlebars calls a lambda. */
  lambda: (value: unknown, context: unknown) => (typeof value === 'function' ? value.call(context) : value),
  /** `{{name}}` where `name` is no helper: a function found there is called like one. */
  call: (value: unknown, context: unknown, data: Frame, name: string) => (typeof value === 'function' ? value.call(RUNTIME.self(context), options(name, {}, data)) : value),
  /** `@../name`: the data frame `depth` blocks out. */
  data(frame: Frame | undefined, depth: number): Frame | undefined {
    let current = frame;
    for (let left = depth; current && left > 0; left--) current = current._parent;
    return current;
  },
  /**
   * A block's body, bound to where it appears. `depths` are given when the template climbs (`../`),
   * which climbs only past blocks that changed the context.
   */
  program:
    (body: (c: unknown, d: Frame, bp: unknown[], ds?: unknown[]) => unknown, data: Frame, blockParams: unknown[], depths?: unknown[]): Program =>
    (context, opts = {}) => {
      const changed = depths && context != depths[0] && !(context === NULL_CONTEXT && depths[0] === null);
      return body(context, opts.data || data, [opts.blockParams, ...blockParams], changed ? [context, ...depths] : depths);
    },
  noop: () => '',
};

/** What a compiled template is given to call: the helpers and the pieces of Handlebars' runtime above. */
export type Runtime = typeof RUNTIME;

/** Every name a template may call as a helper, for the build to check templates against. */
export const HELPER_NAMES: readonly string[] = Object.keys(RUNTIME.h);

/** Renders one compiled template; a name the template uses but the context lacks is an error. */
export function render(template: CompiledTemplate, context: Record<string, unknown>): string {
  return join('', template(RUNTIME, context, { root: context }, [], [context])) as string;
}
