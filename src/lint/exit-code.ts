import type { Finding } from './types.js';

/**
 * 0: no error; 1: at least one error finding (an unreachable target is one); 3: no error, but a
 * required check that applies did not pass (inconclusive, or skipped: its evidence was never
 * gathered), so nothing proves Claude's flow works. (2, could not lint, never reaches a report.)
 */
export function exitCodeFor(findings: readonly Finding[], unverifiedRequired: readonly string[]): number {
  if (findings.some((f) => f.severity === 'error')) return 1;
  return unverifiedRequired.length > 0 ? 3 : 0;
}
