import { CLAUDE_AI_CALLBACK, CLAUDE_COM_CALLBACK } from './claude.js';
import { judgeCallback, type CallbackJudgement, type ProbePair } from './redirect-judgement.js';
import type { CallbackResult, CandidateRole, ProbeStates, RedirectProbeFacts } from '../types.js';

export type CallbackRole = 'claude-ai' | 'claude-com';

export const CALLBACKS: { role: CallbackRole; uri: string; control: CandidateRole }[] = [
  { role: 'claude-ai', uri: CLAUDE_AI_CALLBACK, control: 'claude-ai-control' },
  { role: 'claude-com', uri: CLAUDE_COM_CALLBACK, control: 'claude-com-control' },
];

function pairOf(facts: RedirectProbeFacts, role: CallbackRole): ProbePair | undefined {
  const control = CALLBACKS.find((c) => c.role === role)?.control;
  const callback = facts.candidates.find((c) => c.role === role);
  const controlProbe = facts.candidates.find((c) => c.role === control);
  return callback && controlProbe ? { callback, control: controlProbe } : undefined;
}

// Rules, the DCR rule and the report's `callbacks` list all ask for the same verdicts; judging each
// probe once keeps them from ever disagreeing.
const judged = new WeakMap<RedirectProbeFacts, Map<CallbackRole, CallbackJudgement | undefined>>();

/** The verdict on one Claude callback, judged against its own control, with the other callback as peer. */
export function judgeRole(facts: RedirectProbeFacts, role: CallbackRole): CallbackJudgement | undefined {
  let verdicts = judged.get(facts);
  if (!verdicts) {
    verdicts = new Map();
    judged.set(facts, verdicts);
  }
  if (!verdicts.has(role)) {
    const pair = pairOf(facts, role);
    const peers = CALLBACKS.map((c) => pairOf(facts, c.role)).filter((p): p is ProbePair => p !== undefined);
    verdicts.set(role, pair ? judgeCallback(pair, peers) : undefined);
  }
  return verdicts.get(role);
}

/** The report's `callbacks` list: one verdict per Claude callback, with its evidence. */
export function callbackResults(states: ProbeStates): CallbackResult[] {
  const state = states.redirectUris;
  return CALLBACKS.map(({ role, uri }) => {
    if (state.status !== 'ok') return { uri, verdict: 'not-probed', evidence: state.reason };
    const judgement = judgeRole(state.value, role);
    return judgement
      ? { uri, verdict: judgement.verdict, evidence: judgement.evidence }
      : { uri, verdict: 'inconclusive', evidence: 'the probe recorded no request for this callback or no control to compare with' };
  });
}
