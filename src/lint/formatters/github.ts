import type { Report, Severity } from '../types.js';
import type { FormatOptions } from './options.js';
import { lineInConfig } from './locate.js';
import { summaryLine } from './summary.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escapes a workflow command's message (GitHub's `escapeData`). */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value (GitHub's `escapeProperty`). */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub Actions workflow commands: one annotation per finding, then the summary line. */
export function formatGithub(report: Report, options: FormatOptions): string {
  const lines = report.findings.map((f) => {
    const props = [`title=${escapeProperty(`connector-lint ${f.ruleId}`)}`];
    const located = options.configFile ? lineInConfig(f, options.configFile.text) : undefined;
    if (options.configFile && located) props.push(`file=${escapeProperty(options.configFile.path)}`, `line=${located.line}`);
    const body = f.severity === 'info' ? f.message : `${f.message}\nFix: ${f.fix}\nDocs: ${f.docsUrl}`;
    return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(body)}`;
  });
  return `${[...lines, summaryLine(report)].join('\n')}\n`;
}
