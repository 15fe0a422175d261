import { CLAUDE_AI_CALLBACK, CLAUDE_COM_CALLBACK, LOOPBACK_CALLBACK_PATH } from './claude.js';
import { judgeCallback, judgeControl, type CallbackJudgement, type CallbackProbes, type Verdict } from './redirect-judgement.js';
import type { CallbackResult, CallbackRole, ClientSource, ProbeStates, RedirectProbeFacts } from '../types.js';

export type { CallbackRole } from '../types.js';

/** Hosted Claude's two callbacks (claude.ai, Desktop, mobile). */
export const CALLBACKS: { role: CallbackRole; uri: string }[] = [
  { role: 'claude-ai', uri: CLAUDE_AI_CALLBACK },
  { role: 'claude-com', uri: CLAUDE_COM_CALLBACK },
];

/** Every callback Claude uses; a loopback one's `<port>` is chosen at random for each probe (any port must match). */
export const ALL_CALLBACKS: { role: CallbackRole; uri: string }[] = [
  ...CALLBACKS,
  { role: 'loopback-localhost', uri: `http://localhost:<port>${LOOPBACK_CALLBACK_PATH}` },
  { role: 'loopback-127', uri: `http://127.0.0.1:<port>${LOOPBACK_CALLBACK_PATH}` },
];

/** The redirect URI of a callback; a loopback one on `port`. */
export function callbackUri(role: CallbackRole, port: number): string {
  return (ALL_CALLBACKS.find((c) => c.role === role)?.uri ?? '').replace('<port>', String(port));
}

/**
 * The callbacks probed for a client. Claude Code's loopback callbacks only for a client given with
 * `--client-id`: a registered client and hosted Claude's CIMD client declare the hosted ones only.
 */
export function callbacksFor(source: ClientSource): CallbackRole[] {
  return (source === 'flag' ? ALL_CALLBACKS : CALLBACKS).map((c) => c.role);
}

/** A callback's requests as the probe recorded them, or undefined when the callback was not probed. */
function probesOf(facts: RedirectProbeFacts, role: CallbackRole): CallbackProbes | undefined {
  const mine = facts.candidates.filter((c) => c.role === role || c.role === `${role}-control`);
  const callback = mine.find((c) => c.role === role && !c.prompt);
  const controls = mine.filter((c) => c.role !== role && !c.prompt).sort((a, b) => (a.sample ?? 1) - (b.sample ?? 1));
  if (!callback || controls.length === 0) return undefined;
  const silentCallback = mine.find((c) => c.role === role && c.prompt === 'none');
  const silentControls = mine.filter((c) => c.role !== role && c.prompt === 'none').sort((a, b) => (a.sample ?? 1) - (b.sample ?? 1));
  return { callback, controls, ...(silentCallback ? { silent: { callback: silentCallback, controls: silentControls } } : {}) };
}

function peersOf(facts: RedirectProbeFacts): CallbackProbes[] {
  return ALL_CALLBACKS.map((c) => probesOf(facts, c.role)).filter((p): p is CallbackProbes => p !== undefined);
}

// Rules, the DCR rule and the report's `callbacks` list all ask for the same verdicts; judging each
// probe once keeps them from ever disagreeing.
const judged = new WeakMap<RedirectProbeFacts, Map<CallbackRole, CallbackJudgement | undefined>>();

/** The verdict on one Claude callback, judged against its own control, with the other callbacks as peers. */
export function judgeRole(facts: RedirectProbeFacts, role: CallbackRole): CallbackJudgement | undefined {
  let verdicts = judged.get(facts);
  if (!verdicts) {
    verdicts = new Map();
    judged.set(facts, verdicts);
  }
  if (!verdicts.has(role)) {
    const set = probesOf(facts, role);
    verdicts.set(role, set ? judgeCallback(set, peersOf(facts)) : undefined);
  }
  return verdicts.get(role);
}

/** The verdict on one callback's control: `accepted` means the IdP takes an unregistered URI there. */
export function judgeRoleControl(facts: RedirectProbeFacts, role: CallbackRole): { verdict: Verdict; summary: string; uri: string } | undefined {
  const set = probesOf(facts, role);
  if (!set) return undefined;
  return { ...judgeControl(set, peersOf(facts)), uri: set.controls[0]?.redirectUri ?? '' };
}

/** The callbacks a probe recorded, in `ALL_CALLBACKS` order. */
export function probedRoles(facts: RedirectProbeFacts): CallbackRole[] {
  return ALL_CALLBACKS.map((c) => c.role).filter((role) => facts.candidates.some((c) => c.role === role));
}

function resultsFor(facts: RedirectProbeFacts): CallbackResult[] {
  return probedRoles(facts).map((role) => {
    const judgement = judgeRole(facts, role);
    const uri = facts.candidates.find((c) => c.role === role)?.redirectUri ?? role;
    return judgement
      ? { uri, client: facts.clientSource, verdict: judgement.verdict, evidence: judgement.evidence }
      : { uri, client: facts.clientSource, verdict: 'inconclusive', evidence: 'the probe recorded no control to compare with' };
  });
}

/** The client a callback probe that did not run would have used. */
function attempted(states: ProbeStates): ClientSource {
  return states.registration.status === 'not-run' ? 'flag' : 'registration';
}

/**
 * The report's `callbacks` list: one verdict per Claude callback and client, with its evidence.
 * The hosted callbacks are always listed (as `not-probed` with the reason when no client was probed).
 */
export function callbackResults(states: ProbeStates): CallbackResult[] {
  const state = states.redirectUris;
  const main: CallbackResult[] =
    state.status === 'ok'
      ? resultsFor(state.value)
      : CALLBACKS.map(({ uri }) => ({ uri, client: attempted(states), verdict: 'not-probed', evidence: state.reason }));
  // When Claude's CIMD client is the client Claude uses, its results are already the main ones.
  const cimd = states.cimd.status === 'ok' && states.cimd !== state ? resultsFor(states.cimd.value) : [];
  return [...main, ...cimd];
}
