import type { Report } from '../types.js';
import type { FormatOptions } from './options.js';
import { summaryLine } from './summary.js';

/** Text for a Markdown table cell: one line, pipes escaped, HTML neutralised. */
function cell(value: string): string {
  return inline(value).replace(/\|/g, '\\|');
}

/** Text for Markdown prose: one line, `<`, `>` and `&` as entities so a server cannot inject HTML. */
function inline(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/[\r\n]+/g, ' ');
}

const ICON = { error: '❌', warning: '⚠️', info: 'ℹ️' } as const;

/** A summary table and one details block per finding: for a PR comment, a job summary or a submission. */
export function formatMarkdown(report: Report, _options?: FormatOptions): string {
  const t = report.target;
  const subject = t.mode === 'server' ? `MCP server \`${t.url}\`` : t.mode === 'metadata' ? `metadata file \`${t.metadataFile}\`` : `identity provider \`${t.issuer}\``;
  const out = [`## connector-lint ${report.exitCode === 1 ? '❌ fail' : report.exitCode === 3 ? '⚠️ incomplete' : '✅ pass'}`, '', `${inline(subject)} · ${summaryLine(report).replace(/^connector-lint: /, '')}`, ''];
  out.push('| Claude callback | Verdict |', '|---|---|', ...report.callbacks.map((c) => `| \`${c.uri}\` | ${c.verdict} |`), '');
  if (report.findings.length > 0) {
    out.push('| | Rule | Finding |', '|---|---|---|');
    for (const f of report.findings) out.push(`| ${ICON[f.severity]} ${f.severity} | [\`${f.ruleId}\`](${f.docsUrl}) | ${cell(f.message)} |`);
    out.push('');
    for (const f of report.findings) {
      out.push(`<details><summary>${ICON[f.severity]} <code>${f.ruleId}</code></summary>`, '', inline(f.message), '', `**Fix:** ${inline(f.fix)}`, '', `[Documentation](${f.docsUrl})`, '', '</details>', '');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}
