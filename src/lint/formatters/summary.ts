import type { Report } from '../types.js';

/** One plain line: the verdict, the counts and the exit code. */
export function summaryLine(report: Report): string {
  const { error, warning, info } = report.counts;
  const verdict = report.exitCode === 1 ? 'fail' : report.exitCode === 3 ? 'incomplete' : 'pass';
  return `connector-lint: ${verdict}: ${error} error(s), ${warning} warning(s), ${info} info · exit ${report.exitCode}`;
}
