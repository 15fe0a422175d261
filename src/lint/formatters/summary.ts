import type { Report } from '../types.js';

/** One plain line: the verdict, the counts and the exit code. */
export function summaryLine(report: Report): string {
  const { error, warning, info } = report.counts;
  const verdict = report.exitCode === 1 ? 'fail' : report.exitCode === 3 ? 'incomplete' : 'pass';
  return `connector-lint: ${verdict}: ${error} error(s), ${warning} warning(s), ${info} info · exit ${report.exitCode}`;
}

/** What tells a CIMD callback result from the same callback probed with the given client. */
export function clientLabel(result: Report['callbacks'][number]): string {
  return result.client === 'cimd' ? " (Claude's CIMD client)" : '';
}
