import type { Finding, RuleResult } from './types.js';

/**
 * 0: no error; 1: at least one error finding (an unreachable target is one); 3: no error, but a
 * required check did not pass (inconclusive, or skipped: its evidence was never gathered), so
 * nothing proves Claude's flow works. (2, could not lint, never reaches a report.)
 */
export function exitCodeFor(findings: readonly Finding[], rules: Record<string, RuleResult>, requiredIds: readonly string[]): number {
  if (findings.some((f) => f.severity === 'error')) return 1;
  if (requiredIds.some((id) => rules[id]?.status === 'inconclusive' || rules[id]?.status === 'skipped')) return 3;
  return 0;
}
