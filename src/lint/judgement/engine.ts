import { DOCS_BASE, PACKAGE_VERSION } from '../../shared/package-info.js';
import { sanitize } from '../../shared/sanitize.js';
import { callbackResults } from './callbacks.js';
import type { AnyRule, FindingInput, RuleContext } from './define.js';
import { exitCodeFor } from './exit-code.js';
import { classifyEras } from '../protocol/eras.js';
import type { Exchange, Finding, LintSettings, ProbeFactsMap, ProbeId, ProbeStates, Report, RuleResult, Severity, Target } from '../types.js';

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

const PROBE_LABEL: Record<ProbeId, string> = {
  mcpServer: 'MCP server',
  mcpModern: 'MCP server (2026-07-28)',
  protectedResource: 'protected-resource metadata',
  authorizationServer: 'authorization-server metadata',
  registration: 'client registration',
  redirectUris: 'callback probe',
  cimd: 'callback probe with Claude\'s CIMD client',
  login: 'sign-in (--login)',
};

export interface JudgeInput {
  target: Target;
  states: ProbeStates;
  exchanges: Exchange[];
  rules: readonly AnyRule[];
  /** Severity overrides and thresholds; applied here, before the Report is assembled. */
  settings?: LintSettings;
}

function okFacts(states: ProbeStates): Partial<ProbeFactsMap> {
  const facts: Partial<Record<ProbeId, unknown>> = {};
  for (const [id, state] of Object.entries(states) as [ProbeId, ProbeStates[ProbeId]][]) {
    if (state.status === 'ok') facts[id] = state.value;
  }
  return facts as Partial<ProbeFactsMap>;
}

interface RuleRun {
  result: RuleResult;
  findings: Finding[];
}

function runRule(rule: AnyRule, input: JudgeInput, facts: Partial<ProbeFactsMap>): RuleRun {
  const setting = input.settings?.rules[rule.id];
  if (setting === 'off') return { result: { status: 'off', reason: 'turned off by configuration' }, findings: [] };
  const findings: Finding[] = [];
  let inconclusive: string | undefined;
  let skipped: string | undefined;
  let notApplicable = false;
  const ctx: RuleContext = {
    target: input.target,
    report(f: FindingInput) {
      findings.push({
        ruleId: rule.id,
        severity: setting ?? f.severity ?? rule.meta.severity,
        subject: rule.meta.subject,
        // Messages quote server-supplied values; one last pass guarantees none carries a control sequence.
        message: sanitize(f.message, 4000),
        data: Object.fromEntries(Object.entries(f.data ?? {}).map(([k, v]) => [k, typeof v === 'string' ? sanitize(v, 500) : v])),
        ...(f.where ? { where: { ...f.where, url: sanitize(f.where.url, 500) } } : {}),
        evidence: f.evidence ?? [],
        fix: f.fix ?? rule.meta.fix,
        docsUrl: `${DOCS_BASE}#${rule.id}`,
      });
    },
    inconclusive(reason) {
      inconclusive = reason;
    },
    skip(reason) {
      skipped = reason;
    },
    notApplicable(reason) {
      skipped = reason;
      notApplicable = true;
    },
  };
  const missing = (rule.requires as readonly ProbeId[]).find((id) => input.states[id].status !== 'ok');
  if (missing) {
    const state = input.states[missing];
    if (state.status === 'ok') throw new Error('unreachable');
    if (state.status === 'not-run' && state.cause === 'not-applicable') ctx.notApplicable(`${PROBE_LABEL[missing]}: ${state.reason}`);
    else if (rule.unavailable) rule.unavailable(missing, state, ctx);
    else skipped = `${PROBE_LABEL[missing]}: ${state.reason}`;
  } else {
    rule.check(facts, ctx);
  }
  if (skipped !== undefined) {
    return { result: { status: 'skipped', reason: sanitize(skipped, 1000), ...(notApplicable ? { notApplicable: true as const } : {}) }, findings: [] };
  }
  if (findings.some((f) => f.severity === 'error')) return { result: { status: 'failed' }, findings };
  if (inconclusive !== undefined) return { result: { status: 'inconclusive', reason: sanitize(inconclusive, 1000) }, findings };
  if (findings.some((f) => f.severity === 'warning')) return { result: { status: 'failed' }, findings };
  return { result: { status: 'passed' }, findings };
}

/** Runs every rule over the probes' facts and assembles the Report. Pure. */
export function judge(input: JudgeInput): Report {
  const facts = okFacts(input.states);
  const rules: Record<string, RuleResult> = {};
  const findings: Finding[] = [];
  const unverified: string[] = [];
  for (const rule of input.rules) {
    const { result, findings: found } = runRule(rule, input, facts);
    rules[rule.id] = result;
    findings.push(...found);
    // A rule turned off was checked by hand (an Entra tenant, say): nothing is left unverified.
    const verified = result.status === 'passed' || result.status === 'failed' || result.status === 'off' || result.notApplicable;
    if (rule.meta.required && !verified) unverified.push(rule.id);
  }
  const order = new Map(input.rules.map((r, i) => [r.id, i]));
  findings.sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (order.get(a.ruleId) ?? 0) - (order.get(b.ruleId) ?? 0),
  );
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const settings = input.settings ?? { rules: {}, strict: false };
  return {
    schemaVersion: 1,
    tool: { name: 'connector-lint', version: PACKAGE_VERSION },
    target: input.target,
    findings,
    rules,
    callbacks: callbackResults(input.states),
    ...(input.target.mode === 'server' ? { protocol: classifyEras(input.states) } : {}),
    exchanges: input.exchanges,
    counts,
    settings,
    exitCode: exitCodeFor(findings, unverified, settings),
  };
}
