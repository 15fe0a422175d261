import { sanitize } from '../../shared/sanitize.js';
import { CALLBACKS, judgeRole, type CallbackRole } from './callbacks.js';
import { CREDENTIALS_ONLY_CODES, REDIRECT_CODES } from './redirect-judgement.js';
import type { RuleContext } from './define.js';
import type { RedirectProbeFacts } from '../types.js';

/** Errors that say the IdP could not answer now, which prove nothing either way. */
const TRANSIENT_ERRORS = new Set(['server_error', 'temporarily_unavailable', 'slow_down']);

/** The shared judgement of the two callback rules, which differ only in the callback they check. */
export function checkCallbackRule(facts: RedirectProbeFacts, role: CallbackRole, ctx: RuleContext): void {
  const entry = CALLBACKS.find((c) => c.role === role);
  const uri = entry?.uri ?? role;
  const judgement = judgeRole(facts, role);
  if (!judgement) {
    ctx.inconclusive('the probe recorded no request for this callback or no control to compare with');
    return;
  }
  const evidence = facts.candidates.filter((c) => c.role === role || c.role === entry?.control).flatMap((c) => c.hops.map((h) => h.exchangeId));
  const client = sanitize(facts.clientId, 80);
  const via = facts.clientSource === 'registration' ? ' (registered by `--register`)' : '';
  if (judgement.verdict === 'rejected') {
    const clientCode = judgement.callback.codes.find((c) => c === 'invalid_client' || CREDENTIALS_ONLY_CODES.has(c));
    const aboutClient = clientCode !== undefined && !judgement.callback.codes.some((c) => REDIRECT_CODES.has(c));
    const clientAdvice =
      clientCode === 'invalid_client'
        ? 'check that the client id exists at this IdP, then that the callback is registered for it'
        : 'the client may not use the authorization-code flow (see client-not-credentials-only)';
    ctx.report({
      message: aboutClient
        ? `The IdP refused client \`${client}\`${via} (\`${clientCode}\`) when asked for \`${uri}\`: ${clientAdvice}; ${judgement.evidence}.`
        : `The IdP refused \`${uri}\` for client \`${client}\`${via}: ${judgement.evidence}.`,
      data: { redirectUri: uri, clientId: client },
      where: { url: facts.authorizationEndpoint },
      evidence,
    });
  } else if (judgement.verdict === 'accepted' && judgement.callback.error && TRANSIENT_ERRORS.has(judgement.callback.error)) {
    ctx.inconclusive(`\`${uri}\` is registered, but the IdP answered \`error=${judgement.callback.error}\` (try again later)`);
  } else if (judgement.verdict === 'accepted' && judgement.callback.error && !CREDENTIALS_ONLY_CODES.has(judgement.callback.error)) {
    ctx.report({
      message: `\`${uri}\` is registered for client \`${client}\`${via}, but the IdP answered Claude's authorization request with \`error=${judgement.callback.error}\`, so sign-in fails: ${judgement.evidence}.`,
      data: { redirectUri: uri, clientId: client, error: judgement.callback.error },
      where: { url: facts.authorizationEndpoint },
      evidence,
    });
  } else if (judgement.verdict === 'inconclusive') {
    ctx.inconclusive(judgement.evidence);
    ctx.report({
      severity: 'warning',
      message: `Could not tell whether the IdP accepts \`${uri}\` for client \`${client}\`${via}: ${judgement.evidence}. Verify by signing in once through Claude.`,
      data: { redirectUri: uri, clientId: client },
      where: { url: facts.authorizationEndpoint },
      evidence,
    });
  }
}
