import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError } from '../shared/errors.js';
import { parseJsonObject } from './json.js';
import type { AuthMode } from './types.js';

/** `connector.json`, as create-connector writes it. */
export interface ConnectorConfig {
  name?: string;
  url?: string;
  auth?: AuthMode;
  issuer?: string;
  clientId?: string;
  /** Lint settings; rule ids are checked against the registry by the CLI. */
  lint?: { rules: Record<string, string>; maxWarnings?: number; strict?: boolean };
}

export const AUTH_MODES: readonly AuthMode[] = ['none', 'shared', 'oauth'];

const STRING_KEYS = ['name', 'url', 'issuer', 'clientId'] as const;

/** Reads and validates a connector.json; any problem is a usage error naming the file and key. */
export async function readConnectorConfig(path: string, cwd: string): Promise<{ config: ConnectorConfig; configFile: { path: string; text: string } }> {
  const file = resolve(cwd, path);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read \`${path}\` (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`, 'create one with create-connector, or pass the MCP server URL');
  }
  const parsed = parseJsonObject(text);
  if (!parsed.ok) throw new UsageError(`\`${path}\` holds ${parsed.found}, not a JSON object`);
  const config: ConnectorConfig = {};
  for (const [key, value] of Object.entries(parsed.value)) {
    if ((STRING_KEYS as readonly string[]).includes(key)) {
      if (typeof value !== 'string') throw new UsageError(`\`${path}\`: \`${key}\` must be a string`);
      config[key as (typeof STRING_KEYS)[number]] = value;
    } else if (key === 'auth') {
      if (typeof value !== 'string' || !(AUTH_MODES as readonly string[]).includes(value)) {
        throw new UsageError(`\`${path}\`: \`auth\` must be one of ${AUTH_MODES.map((m) => `"${m}"`).join(', ')}`);
      }
      config.auth = value as AuthMode;
    } else if (key === 'lint') {
      config.lint = readLintSection(path, value);
    } else {
      throw new UsageError(`\`${path}\`: unknown key \`${key}\``, `allowed keys: ${[...STRING_KEYS, 'auth', 'lint'].join(', ')}`);
    }
  }
  return { config, configFile: { path, text } };
}

function readLintSection(path: string, value: unknown): NonNullable<ConnectorConfig['lint']> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`\`${path}\`: \`lint\` must be an object`);
  const lint: NonNullable<ConnectorConfig['lint']> = { rules: {} };
  for (const [key, member] of Object.entries(value)) {
    if (key === 'rules') {
      if (member === null || typeof member !== 'object' || Array.isArray(member)) throw new UsageError(`\`${path}\`: \`lint.rules\` must be an object`);
      for (const [id, level] of Object.entries(member)) {
        if (typeof level !== 'string') throw new UsageError(`\`${path}\`: \`lint.rules.${id}\` must be a string`);
        lint.rules[id] = level;
      }
    } else if (key === 'maxWarnings') {
      if (!Number.isInteger(member) || (member as number) < 0) throw new UsageError(`\`${path}\`: \`lint.maxWarnings\` must be a whole number`);
      lint.maxWarnings = member as number;
    } else if (key === 'strict') {
      if (typeof member !== 'boolean') throw new UsageError(`\`${path}\`: \`lint.strict\` must be true or false`);
      lint.strict = member;
    } else {
      throw new UsageError(`\`${path}\`: unknown key \`lint.${key}\``, 'allowed: rules, maxWarnings, strict');
    }
  }
  return lint;
}
