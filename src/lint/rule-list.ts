import { RULES } from './rules/index.js';

/** `--list-rules`: id, default severity, one-line description; required rules marked. */
export function formatRuleList(): string {
  const width = Math.max(...RULES.map((r) => r.id.length));
  const lines = RULES.map((r) => `${r.id.padEnd(width)}  ${r.meta.severity.padEnd(8)}  ${r.meta.description}${r.meta.required ? ' (required)' : ''}`);
  return `${'rule'.padEnd(width)}  severity  description\n${lines.join('\n')}\n`;
}
