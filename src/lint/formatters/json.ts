import type { Report } from '../types.js';

/** The Report itself: the JSON contract (`schemaVersion` 1). */
export function formatJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
