import type { ProbeFactsMap, ProbeId, ProbeState, Severity, Subject, Target, Where } from '../types.js';

/** What every rule declares about itself; the README section for the rule says the same at length. */
export interface RuleMeta {
  description: string;
  subject: Subject;
  /** Severity of its findings unless a finding says otherwise. */
  severity: Severity;
  /** An `inconclusive` status of a required rule makes the run exit 3. */
  required?: boolean;
  /** Where the requirement comes from (spec section, Claude documentation). */
  spec: string[];
  /** How to fix what the rule reports; printed with every finding. */
  fix: string;
}

export interface FindingInput {
  message: string;
  severity?: Severity;
  data?: Record<string, string | number>;
  where?: Where;
  evidence?: string[];
  /** A fix for this finding's own cause, when the server told more than the rule's general fix covers. */
  fix?: string;
}

/** What a rule may do while it judges: report findings and, when evidence cannot decide, say so. */
export interface RuleContext {
  /** What is being linted, as the report states it. */
  target: Target;
  report(finding: FindingInput): void;
  inconclusive(reason: string): void;
  skip(reason: string): void;
  /** Skip because the rule does not concern this kind of connector (e.g. OAuth rules on an authless server). */
  notApplicable(reason: string): void;
}

export type UnavailableState = Exclude<ProbeState<unknown>, { status: 'ok' }>;

export interface Rule<R extends ProbeId = ProbeId> {
  id: string;
  meta: RuleMeta;
  requires: readonly R[];
  /** Gets the required facts, plus those of any other probe that produced facts. */
  check(facts: Pick<ProbeFactsMap, R> & Partial<ProbeFactsMap>, ctx: RuleContext): void;
  /**
   * Only on a probe's reachability rule: called instead of `check` when a required probe failed or
   * did not run, so that a failed probe yields one finding rather than one per rule.
   */
  unavailable?(probe: R, state: UnavailableState, ctx: RuleContext): void;
}

/** Identity helper that narrows `check`'s facts to the probes the rule requires. */
export function defineRule<const R extends ProbeId>(rule: Rule<R>): Rule<R> {
  return rule;
}

/** A rule of any requirement list, for registries: the engine checks `requires` before calling. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = Rule<any>;
