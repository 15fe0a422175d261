import Handlebars from 'handlebars';

/**
 * Handlebars with one helper per context a user's value can land in, so quotes, backslashes, `{{`
 * or newlines in a description still produce a project that builds:
 * `ts` (a TypeScript string literal), `yaml` (a double-quoted scalar), `md` (inline Markdown).
 */
function createRenderer(): typeof Handlebars {
  const hb = Handlebars.create();
  hb.registerHelper('ts', (value: unknown) => JSON.stringify(String(value)));
  // A YAML double-quoted scalar accepts JSON string escapes.
  hb.registerHelper('yaml', (value: unknown) => JSON.stringify(String(value)));
  hb.registerHelper('md', (value: unknown) =>
    String(value)
      .replace(/[\r\n]+/g, ' ')
      .replace(/&/g, '&amp;')
      .replace(/([\\`*_[\]<>|~#])/g, '\\$1')
      // A list item, numbered item or rule at the start of a line would change the block.
      .replace(/^(\s*)([-+=]|\d+(?=[.)]))/, '$1\\$2'),
  );
  hb.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).map(String).join(''));
  return hb;
}

const renderer = createRenderer();

/** Renders one template; a variable the template names but the context lacks is an error (strict). */
export function render(source: string, context: Record<string, unknown>): string {
  return renderer.compile(source, { strict: true, noEscape: true })(context);
}
