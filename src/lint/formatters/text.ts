import type { Colors } from '../../shared/colors.js';
import type { FormatOptions } from './options.js';
import type { CallbackVerdict, EraVerdict, Exchange, Finding, Report, Severity } from '../types.js';
import { clientLabel } from './summary.js';


const HEADINGS: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', info: 'Info' };

function verdictMark(verdict: CallbackVerdict, c: Colors): string {
  switch (verdict) {
    case 'accepted':
      return c.green('✔ accepted    ');
    case 'rejected':
      return c.red('✖ rejected    ');
    case 'inconclusive':
      return c.yellow('? inconclusive');
    case 'not-probed':
      return c.dim('- not probed  ');
  }
}

function severityMark(severity: Severity, c: Colors): string {
  if (severity === 'error') return c.red('✖');
  if (severity === 'warning') return c.yellow('▲');
  return c.blue('ℹ');
}

/** One era in the header: `2025-11-25 served`, `2026-07-28 not served`, or `unknown`. */
function eraPart(name: string, verdict: EraVerdict): string {
  const version = verdict.version && verdict.version !== name ? ` (${verdict.version})` : '';
  return `${name} ${verdict.status.replace('-', ' ')}${version}`;
}

function header(report: Report, c: Colors): string[] {
  const t = report.target;
  const subject =
    t.mode === 'metadata' ? `metadata file ${t.metadataFile ?? ''}` : t.mode === 'server' ? `MCP server ${t.url ?? ''}` : `identity provider ${t.issuer ?? ''}`;
  const lines = [c.bold(`connector-lint ${report.tool.version}`) + ` · ${subject}${t.local ? c.dim(' (local development)') : ''}`];
  const auth = t.auth ? `auth ${t.auth.effective}${t.auth.declared ? ` (declared ${t.auth.declared})` : ` (inferred)`}` : undefined;
  const details = [auth, t.clientId ? `client ${t.clientId}` : undefined, t.register ? 'registers a probe client (--register)' : undefined].filter(Boolean);
  if (details.length > 0) lines.push(c.dim(details.join(' · ')));
  if (report.protocol) lines.push(c.dim(`eras ${eraPart('2025-11-25', report.protocol.legacy)} · ${eraPart('2026-07-28', report.protocol.modern)}`));
  return lines;
}

function finding(f: Finding, c: Colors): string[] {
  const lines = [`  ${severityMark(f.severity, c)} ${c.bold(f.ruleId)}`, `    ${f.message}`];
  if (f.where) lines.push(c.dim(`    at: ${f.where.url}${f.where.pointer ? ` ${f.where.pointer}` : ''}`));
  if (f.severity !== 'info') lines.push(`    ${c.cyan('fix:')} ${f.fix}`);
  lines.push(c.dim(`    docs: ${f.docsUrl}`));
  return lines;
}

function exchange(x: Exchange): string {
  const answer = x.failure
    ? `no answer (${x.failure.detail})`
    : [x.status, x.contentType, x.location ? `→ ${x.location}` : undefined, x.bytes !== undefined ? `${x.bytes} B` : undefined]
        .filter((p) => p !== undefined)
        .join(' ');
  return `  ${x.id} ${x.method} ${x.url} → ${answer} (${x.durationMs} ms)`;
}

function callbackLines(report: Report, c: Colors): string[] {
  const lines = [c.bold('Claude callbacks')];
  for (const cb of report.callbacks) {
    lines.push(`  ${verdictMark(cb.verdict, c)}  ${cb.uri}${clientLabel(cb)}`);
    if (cb.verdict !== 'accepted') lines.push(c.dim(`                  ${cb.evidence}`));
  }
  return [...lines, ''];
}

/** Human-readable report: callbacks first, then findings grouped by severity, then a summary line. */
export function formatText(report: Report, options: FormatOptions): string {
  const c = options.colors;
  const out: string[] = [...header(report, c), ''];
  const signIn = report.rules['redirect-claude-ai-accepted'];
  if (signIn?.notApplicable) {
    out.push(c.bold('Claude callbacks'), c.dim(`  not applicable: ${signIn.reason ?? ''}`), '');
  } else {
    out.push(...callbackLines(report, c));
  }
  for (const severity of ['error', 'warning', 'info'] as const) {
    const group = report.findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    out.push(c.bold(`${HEADINGS[severity]} (${group.length})`));
    for (const f of group) out.push(...finding(f, c), '');
  }
  out.push(...notVerified(report, c));
  if (options.verbose && report.exchanges.length > 0) {
    out.push(c.bold('Exchanges'), ...report.exchanges.map(exchange), '');
  }
  out.push(summary(report, c));
  return `${out.join('\n')}\n`;
}

/** Inconclusive and skipped rules, those skipped for one reason folded into one line. */
function notVerified(report: Report, c: Colors): string[] {
  const lines: string[] = [];
  const skipped = new Map<string, string[]>();
  let notApplicable = 0;
  for (const [id, r] of Object.entries(report.rules)) {
    if (r.status === 'inconclusive') lines.push(`  ${c.yellow('?')} ${id} ${c.dim(`inconclusive: ${r.reason ?? ''}`)}`);
    else if (r.notApplicable) notApplicable++;
    else if (r.status === 'skipped') skipped.set(r.reason ?? '', [...(skipped.get(r.reason ?? '') ?? []), id]);
  }
  for (const [reason, ids] of skipped) lines.push(`  ${c.dim('-')} ${ids.join(', ')} ${c.dim(`skipped: ${reason}`)}`);
  if (notApplicable > 0) {
    const rules = notApplicable === 1 ? '1 rule does' : `${notApplicable} rules do`;
    lines.push(c.dim(`  ${rules} not apply to this connector (see --format json for each reason)`));
  }
  return lines.length > 0 ? [c.bold('Not verified'), ...lines, ''] : [];
}

function summary(report: Report, c: Colors): string {
  const statuses = Object.values(report.rules);
  const passed = statuses.filter((r) => r.status === 'passed').length;
  const { error, warning, info } = report.counts;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const counts = `${plural(error, 'error')}, ${plural(warning, 'warning')}, ${info} info · ${passed} of ${statuses.length} rules passed`;
  if (report.exitCode === 1) return c.red(c.bold(`✖ fail: ${counts} · exit 1`));
  if (report.exitCode === 3) return c.yellow(c.bold(`? incomplete: ${counts}; a required check could not be verified · exit 3`));
  return c.green(c.bold(`✔ pass: ${counts} · exit 0`));
}
