import { sanitize } from '../../../shared/sanitize.js';
import type { LoginFacts, LoginFailure } from '../../types.js';
import type { LoopbackListener } from './loopback.js';

/** The callback's query once `state` and `iss` held, or why the sign-in ended there. */
type CallbackCheck = { kind: 'callback'; url: URL } | { kind: 'failed'; failure: LoginFailure; detail: string; error?: string };

export interface CallbackInput {
  /** The metadata `issuer`, which RFC 9207 `iss` must equal. */
  issuer: string | undefined;
  /** Whether the metadata advertises `authorization_response_iss_parameter_supported`. */
  issAdvertised: boolean;
  state: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * Waits for the browser at the loopback listener and checks what it brings as Claude Code does:
 * `state` first (an answer to another request says nothing about this one), then `iss`, then an
 * `error`. Records in `facts.callback` the `iss` of a callback that passed the `state` check.
 */
export async function awaitCallback(listener: LoopbackListener, input: CallbackInput, facts: LoginFacts): Promise<CallbackCheck> {
  const outcome = await listener.callback(input.timeoutMs, input.signal);
  if (outcome.kind === 'timeout') return { kind: 'failed', failure: 'timeout', detail: `no sign-in reached ${listener.redirectUri} within ${Math.round(input.timeoutMs / 1000)} s` };
  if (outcome.kind === 'aborted') return { kind: 'failed', failure: 'timeout', detail: 'interrupted' };
  const params = outcome.url.searchParams;
  const reject = (failure: LoginFailure, detail: string, error?: string): CallbackCheck => {
    listener.answer(false, detail);
    return { kind: 'failed', failure, detail, ...(error ? { error } : {}) };
  };
  if (params.get('state') !== input.state) return reject('state-mismatch', `the callback's \`state\` is ${params.has('state') ? 'not the one sent' : 'missing'}`);
  const iss = params.get('iss');
  facts.callback = iss === null ? {} : { iss: sanitize(iss, 300) };
  if (iss !== null ? iss !== input.issuer : input.issAdvertised) {
    return reject(
      'iss-mismatch',
      iss === null
        ? 'the callback has no `iss` although the IdP advertises `authorization_response_iss_parameter_supported`'
        : `the callback's \`iss\` is \`${sanitize(iss, 200)}\`, not the metadata's \`issuer\` \`${input.issuer ?? '(none)'}\` (RFC 9207)`,
    );
  }
  const error = params.get('error');
  if (error !== null) {
    const description = params.get('error_description');
    const detail = `the IdP answered \`error=${sanitize(error, 60)}\`${description ? `: ${sanitize(description, 200)}` : ''}`;
    return reject(error === 'access_denied' ? 'denied' : 'idp-error', detail, sanitize(error, 60));
  }
  if (!params.get('code')) return reject('idp-error', 'the callback carries neither `code` nor `error`');
  return { kind: 'callback', url: outcome.url };
}
