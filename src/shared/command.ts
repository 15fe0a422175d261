import type * as Commander from 'commander';

// The part of commander's API that create-connector and connector-lint use. It answers the common
// cases itself, as commander would: well-formed arguments, `--help`, `--version`. Anything else (a
// mistake to explain, an unusual form such as `-yt oauth` or `--`) goes to commander, loaded only
// then, with every call made here replayed on it, so that its messages stay commander's own.
// Commander costs some 6 ms of every start otherwise: its module, node:child_process, and the
// first run of its help formatting. test/shared/command.test.ts holds both programs to the same
// results under both.

/** What a parse ends with instead of options: help or version shown (exit 0), or a usage error. */
export class CommanderError extends Error {
  constructor(
    readonly exitCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Thrown by an option's argument parser: commander reports the option and this message. */
export class InvalidArgumentError extends CommanderError {
  constructor(message: string) {
    super(1, 'commander.invalidArgument', message);
  }
}

/** Where help and errors go, as commander's `configureOutput` takes it. */
interface Output {
  writeOut: (text: string) => void;
  writeErr: (text: string) => void;
  outputError: (text: string, write: (text: string) => void) => void;
}

type Call = [method: string, args: unknown[]];

/** Methods called on a builder, to be made again on commander's own. */
class Recorder {
  protected readonly calls: Call[] = [];

  protected record(method: string, args: unknown[]): void {
    this.calls.push([method, args]);
  }

  /** `target` with every recorded call made on it; options are built with `lib` first. */
  protected replay<T>(target: T, lib: typeof Commander): T {
    for (const [method, args] of this.calls) {
      const replayed = args.map((arg) => (arg instanceof Option ? arg.commander(lib) : arg));
      (target as Record<string, (...a: unknown[]) => unknown>)[method]?.(...replayed);
    }
    return target;
  }
}

/** A flag, as commander's `Option` defines one. */
export class Option extends Recorder {
  readonly short?: string;
  readonly long?: string;
  /** Takes a value: `<value>`. */
  readonly required: boolean;
  /** Takes a value if one follows: `[value]` (not handled here: goes to commander). */
  readonly optional: boolean;
  readonly negate: boolean;
  defaultValue?: unknown;
  defaultValueDescription?: string;
  argChoices?: string[];
  parseArg?: (value: string, previous: unknown) => unknown;

  constructor(
    readonly flags: string,
    readonly description = '',
  ) {
    super();
    this.required = flags.includes('<');
    this.optional = flags.includes('[');
    const parts = flags.split(/[ |,]+/);
    if (/^-[^-]$/.test(parts[0] as string)) this.short = parts.shift();
    if (/^--[^-]/.test(parts[0] ?? '')) this.long = parts.shift();
    this.negate = this.long?.startsWith('--no-') ?? false;
  }

  default(value: unknown, description?: string): this {
    this.record('default', [value, description]);
    this.defaultValue = value;
    this.defaultValueDescription = description;
    return this;
  }

  argParser<T>(parse: (value: string, previous: T) => T): this {
    this.record('argParser', [parse]);
    this.parseArg = parse as (value: string, previous: unknown) => unknown;
    return this;
  }

  choices(values: readonly string[]): this {
    this.record('choices', [values]);
    this.argChoices = [...values];
    this.parseArg = (value) => {
      if (!this.argChoices?.includes(value)) throw new InvalidArgumentError(`Allowed choices are ${this.argChoices?.join(', ')}.`);
      return value;
    };
    return this;
  }

  /** The key of its value in `opts()`: `--dry-run` → `dryRun`, `--no-git` → `git`. */
  attributeName(): string {
    const name = (this.long ?? (this.short as string)).replace(/^--?/, '');
    const words = (this.negate ? name.replace(/^no-/, '') : name).split('-');
    return words.reduce((camel, word) => camel + (word[0] as string).toUpperCase() + word.slice(1));
  }

  isBoolean(): boolean {
    return !this.required && !this.optional && !this.negate;
  }

  is(arg: string): boolean {
    return arg === this.short || arg === this.long;
  }

  /** `(choices: …, default: …)`, after the description, as commander's help shows them. */
  helpDescription(): string {
    const extra: string[] = [];
    if (this.argChoices) extra.push(`choices: ${this.argChoices.map((c) => JSON.stringify(c)).join(', ')}`);
    if (this.defaultValue !== undefined && (this.required || this.optional || (this.isBoolean() && typeof this.defaultValue === 'boolean'))) {
      extra.push(`default: ${this.defaultValueDescription || JSON.stringify(this.defaultValue)}`);
    }
    if (extra.length === 0) return this.description;
    return this.description ? `${this.description} (${extra.join(', ')})` : `(${extra.join(', ')})`;
  }

  commander(lib: typeof Commander): Commander.Option {
    return this.replay(new lib.Option(this.flags, this.description), lib);
  }
}

/** A positional argument: `<name>` required, `[name]` optional. */
interface Argument {
  name: string;
  required: boolean;
  variadic: boolean;
  description: string;
}

/** Raised inside the fast path for anything commander should answer. */
const ASK_COMMANDER = Symbol('ask commander');

/** A program, as commander's `Command` defines one; see the top of this file. */
export class Command extends Recorder {
  private readonly options: Option[] = [];
  private readonly registeredArguments: Argument[] = [];
  private readonly helpAfter: string[] = [];
  private helpFlag = new Option('-h, --help', 'display help for command');
  private versionOption?: Option;
  private versionText?: string;
  private descriptionText = '';
  private output: Output = {
    writeOut: (text) => process.stdout.write(text),
    writeErr: (text) => process.stderr.write(text),
    outputError: (text, write) => write(text),
  };
  private values: Record<string, unknown> = {};
  args: string[] = [];

  constructor(private readonly name: string) {
    super();
  }

  helpOption(flags: string, description: string): this {
    this.record('helpOption', [flags, description]);
    this.helpFlag = new Option(flags, description);
    return this;
  }

  /** Help, version and errors throw a {@link CommanderError}, as they do once commander's `exitOverride()` is called. */
  exitOverride(): this {
    this.record('exitOverride', []);
    return this;
  }

  configureOutput(output: Partial<Output>): this {
    this.record('configureOutput', [output]);
    this.output = { ...this.output, ...output };
    return this;
  }

  description(text: string): this {
    this.record('description', [text]);
    this.descriptionText = text;
    return this;
  }

  version(version: string, flags = '-V, --version', description = 'output the version number'): this {
    this.record('version', [version, flags, description]);
    this.versionText = version;
    this.versionOption = new Option(flags, description);
    this.options.push(this.versionOption);
    return this;
  }

  argument(name: string, description = ''): this {
    this.record('argument', [name, description]);
    const inner = name.replace(/^[<[]|[>\]]$/g, '');
    this.registeredArguments.push({ name: inner.replace(/\.\.\.$/, ''), required: !name.startsWith('['), variadic: inner.endsWith('...'), description });
    return this;
  }

  addOption(option: Option): this {
    this.record('addOption', [option]);
    this.options.push(option);
    const name = option.attributeName();
    // As commander does: `--no-x` alone makes x true unless given; a default is a value from the start.
    if (option.negate) {
      if (!this.options.some((o) => o.long === option.long?.replace(/^--no-/, '--'))) this.values[name] = option.defaultValue === undefined ? true : option.defaultValue;
    } else if (option.defaultValue !== undefined) {
      this.values[name] = option.defaultValue;
    }
    return this;
  }

  addHelpText(position: 'after', text: string): this {
    this.record('addHelpText', [position, text]);
    this.helpAfter.push(text);
    return this;
  }

  opts<T extends object>(): T {
    return this.values as T;
  }

  /** Parses the user's arguments; `from: 'user'` as with commander: `argv` holds them and nothing else. */
  async parseAsync(argv: string[], _options: { from: 'user' }): Promise<this> {
    if (argv.length === 1 && this.helpFlag.is(argv[0] as string)) {
      this.output.writeOut(this.helpInformation());
      for (const text of this.helpAfter) this.output.writeOut(`${text}\n`);
      throw new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)');
    }
    if (argv.length === 1 && this.versionOption?.is(argv[0] as string)) {
      this.output.writeOut(`${this.versionText}\n`);
      throw new CommanderError(0, 'commander.version', this.versionText as string);
    }
    const values = { ...this.values };
    try {
      this.args = this.parseOptions(argv, values);
      this.values = values;
    } catch (error) {
      if (error !== ASK_COMMANDER) throw error;
      await this.parseWithCommander(argv);
    }
    return this;
  }

  /** Options into `values`, and the operands; {@link ASK_COMMANDER} for anything but the plainest forms. */
  private parseOptions(argv: string[], values: Record<string, unknown>): string[] {
    const operands: string[] = [];
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i] as string;
      if (arg.length < 2 || !arg.startsWith('-')) {
        operands.push(arg);
        continue;
      }
      const equals = /^--[^=]+=/.test(arg) ? arg.indexOf('=') : -1;
      const option = this.options.find((o) => o !== this.versionOption && o.is(equals < 0 ? arg : arg.slice(0, equals)));
      if (!option || option.optional || (equals >= 0 && !option.required)) throw ASK_COMMANDER;
      let value: string | undefined;
      if (option.required) {
        value = equals >= 0 ? arg.slice(equals + 1) : argv[++i];
        if (value === undefined || (equals < 0 && value.length > 1 && value.startsWith('-'))) throw ASK_COMMANDER;
      }
      this.setValue(option, value, values);
    }
    const last = this.registeredArguments.at(-1);
    if (this.registeredArguments.some((a, i) => a.required && operands[i] === undefined)) throw ASK_COMMANDER;
    if (!last?.variadic && operands.length > this.registeredArguments.length) throw ASK_COMMANDER;
    return operands;
  }

  /** An option's value, as commander's handler sets it; an argument its parser refuses is commander's to report. */
  private setValue(option: Option, given: string | undefined, values: Record<string, unknown>): void {
    const name = option.attributeName();
    let value: unknown = given;
    // Commander calls the parser for a flag without a value too.
    if (option.parseArg) {
      try {
        value = option.parseArg(given as string, values[name]);
      } catch {
        throw ASK_COMMANDER;
      }
    }
    if (value == null) value = option.negate ? false : option.isBoolean() ? true : '';
    values[name] = value;
  }

  /** This program as commander's own: every call made here, made on it. */
  commander(lib: typeof Commander): Commander.Command {
    return this.replay(new lib.Command(this.name), lib);
  }

  private async parseWithCommander(argv: string[]): Promise<void> {
    const lib = await import('commander');
    const program = this.commander(lib);
    try {
      await program.parseAsync(argv, { from: 'user' });
    } catch (error) {
      if (error instanceof lib.CommanderError) throw new CommanderError(error.exitCode, error.code, error.message);
      throw error;
    }
    this.values = program.opts();
    this.args = program.args;
  }

  /** This program's help, formatted as commander formats it, for a terminal this wide. */
  helpInformation(width = (process.stdout.isTTY ? process.stdout.columns : undefined) ?? 80): string {
    const visible = [...this.options, this.helpFlag];
    const described = this.registeredArguments.some((a) => a.description) ? this.registeredArguments : [];
    const termWidth = Math.max(0, ...visible.map((o) => o.flags.length), ...described.map((a) => a.name.length));
    const item = (term: string, description: string) => formatItem(term, termWidth, description, width);
    const usage = ['[options]', ...this.registeredArguments.map((a) => `${a.required ? '<' : '['}${a.name}${a.variadic ? '...' : ''}${a.required ? '>' : ']'}`)];
    const lines = [`Usage: ${this.name} ${usage.join(' ')}`, ''];
    if (this.descriptionText) lines.push(boxWrap(this.descriptionText, width), '');
    if (described.length > 0) lines.push('Arguments:', ...described.map((a) => item(a.name, a.description)), '');
    lines.push('Options:', ...visible.map((o) => item(o.flags, o.helpDescription())), '');
    return lines.join('\n');
  }
}

/** Narrower than this, commander does not wrap. */
const MIN_WIDTH_TO_WRAP = 40;

/** One entry of a help list: the term padded, then the description wrapped beside it (commander's `formatItem`). */
function formatItem(term: string, termWidth: number, description: string, helpWidth: number): string {
  if (!description) return `  ${term}`;
  const remaining = helpWidth - termWidth - 4;
  const formatted = remaining < MIN_WIDTH_TO_WRAP || /\n[^\S\r\n]/.test(description) ? description : boxWrap(description, remaining).replace(/\n/g, `\n${' '.repeat(termWidth + 2)}`);
  return `  ${term.padEnd(termWidth)}  ${formatted.replace(/\n/g, '\n  ')}`;
}

/** Words wrapped to `width`, each line's own breaks kept (commander's `boxWrap`). */
function boxWrap(text: string, width: number): string {
  if (width < MIN_WIDTH_TO_WRAP) return text;
  const wrapped: string[] = [];
  for (const line of text.split(/\r\n|\n/)) {
    const chunks = line.match(/[\s]*[^\s]+/g);
    if (chunks === null) {
      wrapped.push('');
      continue;
    }
    let current = [chunks.shift() as string];
    let currentWidth = (current[0] as string).length;
    for (const chunk of chunks) {
      if (currentWidth + chunk.length <= width) {
        current.push(chunk);
        currentWidth += chunk.length;
        continue;
      }
      wrapped.push(current.join(''));
      const next = chunk.trimStart();
      current = [next];
      currentWidth = next.length;
    }
    wrapped.push(current.join(''));
  }
  return wrapped.join('\n');
}
