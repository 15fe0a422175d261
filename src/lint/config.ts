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
}

export const AUTH_MODES: readonly AuthMode[] = ['none', 'shared', 'oauth'];

const STRING_KEYS = ['name', 'url', 'issuer', 'clientId'] as const;

/** Reads and validates a connector.json; any problem is a usage error naming the file and key. */
export async function readConnectorConfig(path: string, cwd: string): Promise<ConnectorConfig> {
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
    } else {
      throw new UsageError(`\`${path}\`: unknown key \`${key}\``, `allowed keys: ${[...STRING_KEYS, 'auth'].join(', ')}`);
    }
  }
  return config;
}
