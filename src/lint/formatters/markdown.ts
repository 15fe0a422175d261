import type { Report } from '../types.js';
import type { FormatOptions } from './options.js';
import { clientLabel, summaryLine } from './summary.js';

/** Text for a Markdown table cell: {@link inline}, with pipes escaped (GFM unescapes them in code spans too). */
function cell(value: string): string {
  return inline(value).replace(/\|/g, '\\|');
}

/**
 * One line of Markdown from a message whose `code spans` are marked with backticks. Outside them,
 * `<`, `>`, `&`, `\` and stray backticks become entities, so a server cannot inject HTML or open a span;
 * inside, characters stay literal (entities would show as `&lt;`), each span re-fenced by {@link code}.
 * Spans pair up as CommonMark pairs them: a backtick run closes at the next run of the same length.
 */
function inline(value: string): string {
  const text = value.replace(/[\r\n]+/g, ' ');
  let out = '';
  let from = 0;
  for (const run of text.matchAll(/`+/g)) {
    const start = run.index;
    if (start < from) continue;
    const fence = run[0];
    const close = new RegExp(`(?<!\`)${fence}(?!\`)`, 'g');
    close.lastIndex = start + fence.length;
    const end = close.exec(text);
    if (!end) continue;
    out += prose(text.slice(from, start)) + code(text.slice(start + fence.length, end.index));
    from = end.index + fence.length;
  }
  return out + prose(text.slice(from));
}

/** A backslash becomes an entity too: before `&lt;` it would escape the `&` and show the entity. */
function prose(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/`/g, '&#96;').replace(/\\/g, '&#92;');
}

/** A code span showing `text` exactly: a fence longer than any backtick run inside, padded where CommonMark strips. */
function code(text: string): string {
  const fence = '`'.repeat(Math.max(0, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length)) + 1);
  const pad = /^[` ]|[` ]$/.test(text) && text.trim() !== '' ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

const ICON = { error: '❌', warning: '⚠️', info: 'ℹ️' } as const;

/** A summary table and one details block per finding: for a PR comment, a job summary or a submission. */
export function formatMarkdown(report: Report, _options?: FormatOptions): string {
  const t = report.target;
  const subject = t.mode === 'server' ? `MCP server \`${t.url}\`` : t.mode === 'metadata' ? `metadata file \`${t.metadataFile}\`` : `identity provider \`${t.issuer}\``;
  const out = [`## connector-lint ${report.exitCode === 1 ? '❌ fail' : report.exitCode === 3 ? '⚠️ incomplete' : '✅ pass'}`, '', `${inline(subject)} · ${summaryLine(report).replace(/^connector-lint: /, '')}`, ''];
  out.push('| Claude callback | Verdict |', '|---|---|', ...report.callbacks.map((c) => `| ${cell(`\`${c.uri}\`${clientLabel(c)}`)} | ${c.verdict} |`), '');
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
