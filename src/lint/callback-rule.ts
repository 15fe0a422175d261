import { sanitize } from '../shared/sanitize.js';
import { CALLBACKS, judgeRole, type CallbackRole } from './callbacks.js';
import { REDIRECT_CODES } from './redirect-judgement.js';
import type { RuleContext } from './define.js';
import type { RedirectProbeFacts } from './types.js';

/** The shared judgement of the two callback rules, which differ only in the callback they check. */
export function checkCallbackRule(facts: RedirectProbeFacts, role: CallbackRole, ctx: RuleContext): void {
  const uri = CALLBACKS.find((c) => c.role === role)?.uri ?? role;
  const judgement = judgeRole(facts, role);
  if (!judgement) {
    ctx.inconclusive('the probe recorded no request for this callback or no control to compare with');
    return;
  }
  const evidence = facts.candidates.filter((c) => c.role === role || c.role === 'control').flatMap((c) => c.hops.map((h) => h.exchangeId));
  const client = sanitize(facts.clientId, 80);
  const via = facts.clientSource === 'registration' ? ' (registered by `--register`)' : '';
  if (judgement.verdict === 'rejected') {
    const unknownClient = judgement.callback.codes.includes('invalid_client') && !judgement.callback.codes.some((c) => REDIRECT_CODES.has(c));
    ctx.report({
      message: unknownClient
        ? `The IdP refused client \`${client}\`${via} (\`invalid_client\`) when asked for \`${uri}\`: check that the client id exists at this IdP, then that the callback is registered for it; ${judgement.evidence}.`
        : `The IdP refused \`${uri}\` for client \`${client}\`${via}: ${judgement.evidence}.`,
      data: { redirectUri: uri, clientId: client },
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
