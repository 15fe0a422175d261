import type { Finding, LintSettings } from '../types.js';

/**
 * 0: no error; 1: at least one error finding (an unreachable target is one), or warnings past
 * `--max-warnings` or under `--strict`; 3: no error, but a
 * required check that applies did not pass (inconclusive, or skipped: its evidence was never
 * gathered), so nothing proves Claude's flow works. (2, could not lint, never reaches a report.)
 */
export function exitCodeFor(
  findings: readonly Finding[],
  unverifiedRequired: readonly string[],
  settings: Pick<LintSettings, 'maxWarnings' | 'strict'> = { strict: false },
): number {
  if (findings.some((f) => f.severity === 'error')) return 1;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  if (warnings > 0 && (settings.strict || (settings.maxWarnings !== undefined && warnings > settings.maxWarnings))) return 1;
  return unverifiedRequired.length > 0 ? 3 : 0;
}
