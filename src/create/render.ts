/**
 * Renders the `.hbs` templates. The build precompiles each one into a Handlebars template spec
 * (scripts/precompile-templates.ts), so only Handlebars' runtime loads here, and only once there
 * is a project to plan.
 */
import Handlebars from 'handlebars/runtime';

/**
 * Strict (a name a template uses but the context lacks is an error, not an empty string) and
 * without HTML escaping (values go into code, YAML and Markdown, each escaped by its own helper).
 */
export const RENDER_OPTIONS = { strict: true, noEscape: true } as const;

/** A template as `Handlebars.precompile` writes it. */
export type TemplateSpec = Parameters<typeof Handlebars.template>[0];

/** A file of a template layer as the build ships it: its text, or for a `.hbs` file its precompiled template. */
export interface TemplateFile {
  /** Path inside the layer, POSIX separators, `.hbs` kept. */
  path: string;
  content: string | TemplateSpec;
}

/**
 * The helpers the templates may call, one per context a user's value can land in, so quotes,
 * backslashes, `{{` or newlines in a description still produce a project that builds: `ts` (a
 * TypeScript string literal), `yaml` (a double-quoted scalar), `md` (inline Markdown); and `concat`.
 */
export const HELPERS: Record<string, Handlebars.HelperDelegate> = {
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

/** The helpers registered here, for the build to check templates against. */
export const HELPER_NAMES: readonly string[] = Object.keys(HELPERS);

/** Handlebars' own helpers, always there. */
export const BUILT_IN_HELPERS: readonly string[] = ['if', 'unless', 'each', 'with', 'lookup', 'log'];

const runtime = Handlebars.create();
runtime.registerHelper(HELPERS);

const templates = new WeakMap<TemplateSpec, Handlebars.TemplateDelegate>();

/**
 * Renders one precompiled template. A name the template uses but the context lacks is an error
 * that names the file (`file`) and, as Handlebars does, the line and column.
 */
export function render(spec: TemplateSpec, context: Record<string, unknown>, file = 'template'): string {
  let template = templates.get(spec);
  if (!template) templates.set(spec, (template = runtime.template(spec)));
  try {
    return template(context);
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`, { cause: error });
  }
}
