import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError } from '../shared/errors.js';
import { sanitize } from '../shared/sanitize.js';
import { parseJsonObject } from './protocol/json.js';
import type { AuthMode } from './types.js';

/** `connector.json`, as create-connector writes it. */
export interface ConnectorConfig {
  name?: string;
  url?: string;
  auth?: AuthMode;
  issuer?: string;
  clientId?: string;
  /** Register a client the way Claude does (DCR), probe the callbacks with it, delete it: `--register`. */
  register?: boolean;
  /** The Client ID Metadata Document URL sent as Claude's `client_id` (`--cimd-client-id`); checked as a URL by the CLI. */
  cimdClientId?: string;
  /** Lint settings; rule ids are checked against the registry by the CLI. */
  lint?: { rules: Record<string, string>; maxWarnings?: number; strict?: boolean };
}

export const AUTH_MODES: readonly AuthMode[] = ['none', 'shared', 'oauth'];

const STRING_KEYS = ['name', 'url', 'issuer', 'clientId', 'cimdClientId'] as const;
const KEYS = [...STRING_KEYS, 'auth', 'register', 'lint'];

/** Reads and validates a connector.json; any problem is a usage error naming the file and key. */
export async function readConnectorConfig(path: string, cwd: string): Promise<{ config: ConnectorConfig; configFile: { path: string; text: string } }> {
  const file = resolve(cwd, path);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read \`${path}\` (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`, 'create one with create-connector, or pass the MCP server URL');
  }
  // Editors on Windows may start the file with a byte order mark, which JSON.parse refuses.
  text = text.replace(/^\uFEFF/, '');
  const problem = jsonSyntaxProblem(text);
  if (problem) {
    const { line, column } = lineAndColumn(text, problem.offset);
    const expected = problem.expected ? `; expected ${problem.expected}` : '';
    throw new UsageError(`\`${path}\` is not valid JSON: unexpected ${problem.found} at line ${line}, column ${column}${expected}${problem.note ? ` (${problem.note})` : ''}`);
  }
  const parsed = parseJsonObject(text);
  if (!parsed.ok) throw new UsageError(`\`${path}\` holds ${parsed.found}, not a JSON object`);
  const refuse = refuser(path, text);
  const config: ConnectorConfig = {};
  for (const [key, value] of Object.entries(parsed.value)) {
    if ((STRING_KEYS as readonly string[]).includes(key)) {
      if (typeof value !== 'string') throw refuse(key, 'a string', value);
      config[key as (typeof STRING_KEYS)[number]] = value;
    } else if (key === 'auth') {
      if (typeof value !== 'string' || !(AUTH_MODES as readonly string[]).includes(value)) throw refuse('auth', `one of ${AUTH_MODES.map((m) => `"${m}"`).join(', ')}`, value);
      config.auth = value as AuthMode;
    } else if (key === 'register') {
      if (typeof value !== 'boolean') throw refuse('register', 'true or false', value);
      config.register = value;
    } else if (key === 'lint') {
      config.lint = readLintSection(path, value, refuse);
    } else if (key === 'login') {
      // A sign-in needs a person at a browser: a file read by CI must never ask for one.
      throw new UsageError(`\`${path}\`: \`login\` is not a connector.json key: signing in needs a person`, 'pass `--login` on the command line; in CI, set CONNECTOR_ACCESS_TOKEN instead');
    } else {
      throw new UsageError(`\`${path}\`: unknown key \`${key}\``, `allowed keys: ${KEYS.join(', ')}`);
    }
  }
  return { config, configFile: { path, text } };
}

/** Builds the usage error for a value of the wrong kind: what was expected, what was found, and where. */
type Refuse = (key: string, expected: string, found: unknown) => UsageError;

function refuser(path: string, text: string): Refuse {
  // Positions only word a refusal: a valid file is not scanned for them.
  let offsets: Map<string, number> | undefined;
  return (key, expected, found) => {
    const offset = (offsets ??= jsonValueOffsets(text)).get(key);
    const at = offset === undefined ? undefined : lineAndColumn(text, offset);
    const where = at ? ` at line ${at.line}, column ${at.column}` : '';
    return new UsageError(`\`${path}\`: \`${key}\` must be ${expected}, found ${describeJson(found)}${where}`);
  };
}

/** A parsed JSON value as a message names it: literals as written, containers by kind. */
function describeJson(value: unknown): string {
  if (typeof value === 'string') return `the string \`${sanitize(JSON.stringify(value), 60)}\``;
  if (typeof value === 'number') return `the number \`${value}\``;
  if (Array.isArray(value)) return 'an array';
  if (value !== null && typeof value === 'object') return 'an object';
  return `\`${String(value)}\``;
}

function readLintSection(path: string, value: unknown, refuse: Refuse): NonNullable<ConnectorConfig['lint']> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw refuse('lint', 'an object', value);
  const lint: NonNullable<ConnectorConfig['lint']> = { rules: {} };
  for (const [key, member] of Object.entries(value)) {
    if (key === 'rules') {
      if (member === null || typeof member !== 'object' || Array.isArray(member)) throw refuse('lint.rules', 'an object', member);
      for (const [id, level] of Object.entries(member)) {
        if (typeof level !== 'string') throw refuse(`lint.rules.${id}`, 'a string', level);
        lint.rules[id] = level;
      }
    } else if (key === 'maxWarnings') {
      if (!Number.isInteger(member) || (member as number) < 0) throw refuse('lint.maxWarnings', 'a whole number', member);
      lint.maxWarnings = member as number;
    } else if (key === 'strict') {
      if (typeof member !== 'boolean') throw refuse('lint.strict', 'true or false', member);
      lint.strict = member;
    } else {
      throw new UsageError(`\`${path}\`: unknown key \`lint.${key}\``, 'allowed: rules, maxWarnings, strict');
    }
  }
  return lint;
}

/** Where and how a text departs from the JSON grammar. */
export interface JsonSyntaxProblem {
  offset: number;
  /** What stands at `offset`: `` `,` ``, `end of line`, `end of file`. */
  found: string;
  expected?: string;
  /** The likely mistake, for the ones people make by hand. */
  note?: string;
}

class Stop {
  constructor(readonly problem: JsonSyntaxProblem) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * The first departure from the JSON grammar (RFC 8259), or undefined for valid JSON. JSON.parse's
 * own message cannot serve: Node 20 gives `at position N` only for some errors, none for an
 * unexpected token where a value belongs, and later Node versions word it differently.
 */
export function jsonSyntaxProblem(text: string): JsonSyntaxProblem | undefined {
  return scan(text);
}

/**
 * Where the value of each object member starts in valid JSON, keyed by its dotted path
 * (`lint.rules.<id>`), members of arrays left out. A repeated key keeps its last offset, as
 * JSON.parse keeps its last value.
 */
function jsonValueOffsets(text: string): Map<string, number> {
  const offsets = new Map<string, number>();
  scan(text, (path, offset) => offsets.set(path, offset));
  return offsets;
}

/** Walks `text` by the JSON grammar, telling `onMember` where each member's value starts. */
function scan(text: string, onMember?: (path: string, offset: number) => void): JsonSyntaxProblem | undefined {
  let i = 0;
  const found = (at: number): string => {
    if (at >= text.length) return 'end of file';
    const ch = String.fromCodePoint(text.codePointAt(at) as number);
    if (ch === '\n' || ch === '\r') return 'end of line';
    return ch === '`' ? '`` ` ``' : `\`${sanitize(ch)}\``;
  };
  const stop = (expected: string | undefined, note?: string, at = i): never => {
    throw new Stop({ offset: at, found: found(at), ...(expected ? { expected } : {}), ...(note ? { note } : {}) });
  };
  const unexpected = (expected: string, note?: string): never => {
    if (text.startsWith('//', i) || text.startsWith('/*', i)) return stop(undefined, 'a comment? JSON allows none');
    if (text[i] === "'") return stop(undefined, 'JSON strings take double quotes');
    if (i >= text.length) return text.trim() === '' ? stop('a JSON object', 'the file is empty') : stop(expected, 'a missing `}` or `]`?');
    return stop(expected, note);
  };
  const skip = () => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
  };
  const string = () => {
    i++;
    for (;;) {
      if (i >= text.length) stop(undefined, 'a missing closing `"`?');
      const ch = text.charAt(i);
      if (ch === '"') break;
      if (ch === '\n' || ch === '\r') stop(undefined, 'a missing closing `"`?');
      if (ch < ' ') stop(undefined, 'control characters in a string must be escaped, such as `\\t`');
      if (ch === '\\') {
        const escape = text.charAt(i + 1);
        if (/["\\/bfnrt]/.test(escape)) i++;
        else if (escape === 'u' && /^[\da-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 5;
        else stop(undefined, 'a backslash in a string is written `\\\\`');
      }
      i++;
    }
    i++;
  };
  const members = (close: '}' | ']', member: () => void) => {
    i++;
    skip();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      member();
      skip();
      if (text[i] === close) break;
      if (text[i] !== ',') unexpected(`\`,\` or \`${close}\``, /["{[\d]/.test(text.charAt(i)) ? 'a missing `,` before it?' : undefined);
      const comma = i;
      i++;
      skip();
      if (text[i] === close) stop(undefined, 'a trailing comma? JSON allows none', comma);
    }
    i++;
  };
  // `path` is undefined inside arrays, whose members are not reported.
  const value = (path: string | undefined): void => {
    skip();
    if (path && onMember) onMember(path, i);
    const ch = text[i];
    if (ch === '{') {
      members('}', () => {
        skip();
        if (text[i] !== '"') unexpected('a property name in double quotes');
        const start = i;
        string();
        const key = onMember && path !== undefined ? (JSON.parse(text.slice(start, i)) as string) : undefined;
        skip();
        if (text[i] !== ':') unexpected('`:`');
        i++;
        value(key === undefined ? undefined : path ? `${path}.${key}` : key);
      });
    } else if (ch === '[') {
      members(']', () => value(undefined));
    } else if (ch === '"') {
      string();
    } else {
      NUMBER.lastIndex = i;
      const literal = NUMBER.exec(text)?.[0] ?? ['true', 'false', 'null'].find((word) => text.startsWith(word, i));
      if (literal === undefined) unexpected('a value', /[a-z]/i.test(text.charAt(i)) ? 'a string without its opening `"`?' : undefined);
      i += (literal as string).length;
    }
  };
  try {
    value('');
    skip();
    if (i < text.length) stop('the end of the file after the JSON value');
    return undefined;
  } catch (error) {
    if (error instanceof Stop) return error.problem;
    throw error;
  }
}

/** 1-based line and column of `offset`, the column counted in characters as editors show it. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const lines = text.slice(0, offset).split('\n');
  return { line: lines.length, column: Array.from(lines[lines.length - 1] as string).length + 1 };
}
