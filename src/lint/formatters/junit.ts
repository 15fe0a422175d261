import { RULES } from '../rules/index.js';
import type { Report } from '../types.js';

/** XML text: the five entities, and characters XML 1.0 cannot hold removed. */
function xml(value: string): string {
  return value
    .replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** JUnit XML: one testcase per rule; errors fail it, skipped/inconclusive/off skip it. */
export function formatJunit(report: Report): string {
  const subjects = new Map(RULES.map((r) => [r.id, r.meta.subject]));
  const cases: string[] = [];
  let failures = 0;
  let skipped = 0;
  for (const [id, result] of Object.entries(report.rules)) {
    const findings = report.findings.filter((f) => f.ruleId === id);
    const errors = findings.filter((f) => f.severity === 'error');
    const open = `    <testcase classname="connector-lint.${subjects.get(id) ?? 'rule'}" name="${xml(id)}">`;
    const body: string[] = [];
    if (errors.length > 0) {
      failures++;
      body.push(`      <failure type="error" message="${xml(errors[0]?.message ?? '')}">${xml(errors.map((e) => `${e.message}\nFix: ${e.fix}`).join('\n\n'))}</failure>`);
    } else if (result.status === 'skipped' || result.status === 'inconclusive' || result.status === 'off') {
      skipped++;
      body.push(`      <skipped message="${xml(`${result.status}${result.reason ? `: ${result.reason}` : ''}`)}"/>`);
    }
    const notes = findings.filter((f) => f.severity !== 'error');
    if (notes.length > 0) body.push(`      <system-out>${xml(notes.map((f) => `${f.severity}: ${f.message}`).join('\n'))}</system-out>`);
    cases.push(body.length > 0 ? `${open}\n${body.join('\n')}\n    </testcase>` : `${open}</testcase>`);
  }
  const counts = `tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="connector-lint" ${counts}>`,
    `  <testsuite name="connector-lint" ${counts}>`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
