import { judgeCallback, type CallbackJudgement } from './redirect-judgement.js';
import { CLAUDE_AI_CALLBACK, CLAUDE_COM_CALLBACK } from './claude.js';
import type { CallbackResult, ProbeStates, RedirectProbeFacts } from './types.js';

export type CallbackRole = 'claude-ai' | 'claude-com';

export const CALLBACKS: { role: CallbackRole; uri: string }[] = [
  { role: 'claude-ai', uri: CLAUDE_AI_CALLBACK },
  { role: 'claude-com', uri: CLAUDE_COM_CALLBACK },
];

/** Judges one Claude callback of a probe against that probe's control. */
export function judgeRole(facts: RedirectProbeFacts, role: CallbackRole): CallbackJudgement | undefined {
  const callback = facts.candidates.find((c) => c.role === role);
  const control = facts.candidates.find((c) => c.role === 'control');
  const peers = facts.candidates.filter((c) => c.role === 'claude-ai' || c.role === 'claude-com');
  return callback && control ? judgeCallback(callback, control, peers) : undefined;
}

/** The report's `callbacks` list: one verdict per Claude callback, with its evidence. */
export function callbackResults(states: ProbeStates): CallbackResult[] {
  const state = states.redirectUris;
  return CALLBACKS.map(({ role, uri }) => {
    if (state.status !== 'ok') return { uri, verdict: 'not-probed', evidence: state.reason };
    const judgement = judgeRole(state.value, role);
    return judgement
      ? { uri, verdict: judgement.verdict, evidence: judgement.evidence }
      : { uri, verdict: 'not-probed', evidence: 'not part of this probe' };
  });
}
