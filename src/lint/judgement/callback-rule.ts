import { sanitize } from '../../shared/sanitize.js';
import { judgeRole, probedRoles, type CallbackRole } from './callbacks.js';
import type { CallbackJudgement } from './redirect-judgement.js';
import { classifyChain, CLIENT_CODES, CREDENTIALS_ONLY_CODES, SIGN_IN_ERRORS, UNAVAILABLE_CODES } from './chain-outcome.js';
import type { RuleContext } from './define.js';
import type { RedirectProbeFacts, Severity } from '../types.js';

const VIA: Record<RedirectProbeFacts['clientSource'], string> = {
  flag: '',
  registration: ' (registered by `--register`)',
  cimd: " (Claude's Client ID Metadata Document)",
};

/** Whether another callback of the same client got past the authorization endpoint's checks. */
function otherCallbackWentOn(facts: RedirectProbeFacts, role: CallbackRole): boolean {
  return probedRoles(facts).some((other) => other !== role && judgeRole(facts, other)?.verdict === 'accepted');
}

/**
 * An OAuth error named on the page Claude's request landed on (Google shows "Error 400:
 * invalid_scope" on a 200 page). `alone`: its control's pages do not name it, so the page is an
 * error page for this request; otherwise the control landed there too and the page may be a
 * sign-in page whose scripts list error codes.
 */
function pageError(facts: RedirectProbeFacts, role: CallbackRole, callback: CallbackJudgement['callback']): { code: string; alone: boolean } | undefined {
  if (callback.kind !== 'page') return undefined;
  const controlCodes = new Set(facts.candidates.filter((c) => c.role === `${role}-control` && !c.prompt).flatMap((c) => classifyChain(c).codes));
  const code = callback.codes.find((c) => SIGN_IN_ERRORS.has(c));
  return code ? { code, alone: !controlCodes.has(code) } : undefined;
}

/**
 * The shared judgement of the callback rules, which differ only in the callback they check and, for
 * some, the severity of a refusal (`severity`).
 */
export function checkCallbackRule(facts: RedirectProbeFacts, role: CallbackRole, ctx: RuleContext, severity?: Severity): void {
  const judgement = judgeRole(facts, role);
  if (!judgement) {
    ctx.inconclusive('the probe recorded no request for this callback or no control to compare with');
    return;
  }
  const mine = facts.candidates.filter((c) => c.role === role || c.role === `${role}-control`);
  const uri = sanitize(mine.find((c) => c.role === role)?.redirectUri ?? role, 120);
  const evidence = mine.flatMap((c) => c.hops.map((h) => h.exchangeId));
  const client = sanitize(facts.clientId, 120);
  const via = VIA[facts.clientSource];
  const common = { data: { redirectUri: uri, clientId: client }, where: { url: facts.authorizationEndpoint }, evidence, ...(severity ? { severity } : {}) };
  const callbackError = judgement.callback.error;
  const landedOnError = judgement.verdict === 'accepted' ? pageError(facts, role, judgement.callback) : undefined;
  if (judgement.verdict === 'rejected') {
    const code = judgement.callback.error ?? judgement.callback.codes.find((c) => CLIENT_CODES.has(c));
    // A client refusal is about the client only when no other callback of that client got through.
    if (judgement.blames === 'client' && !otherCallbackWentOn(facts, role)) {
      const advice =
        code !== 'invalid_client'
          ? 'the client may not use the authorization-code flow (see client-not-credentials-only)'
          : facts.clientSource === 'cimd'
            ? `the IdP could not fetch or would not accept the metadata document at \`${client}\` (check its CIMD logs, any domain allowlist, and that it can reach that host)`
            : 'check that the client id exists at this IdP, then that the callback is registered for it';
      ctx.report({ ...common, message: `The IdP refused client \`${client}\`${via} (\`${code ?? 'refused'}\`) when asked for \`${uri}\`: ${advice}; ${judgement.evidence}.` });
      return;
    }
    ctx.report({ ...common, message: `The IdP refused \`${uri}\` for client \`${client}\`${via}: ${judgement.evidence}.` });
  } else if (landedOnError?.alone) {
    ctx.report({
      ...common,
      data: { ...common.data, error: landedOnError.code },
      message: `\`${uri}\` is registered for client \`${client}\`${via}, but Claude's authorization request landed on a page naming \`${landedOnError.code}\`, which its control's page does not, so sign-in stops there: ${judgement.evidence}.`,
    });
  } else if (landedOnError) {
    ctx.inconclusive(judgement.evidence);
    ctx.report({
      ...common,
      severity: 'warning',
      message: `\`${uri}\` is registered for client \`${client}\`${via}, but Claude's authorization request landed, as its control did, on a page naming \`${landedOnError.code}\`: if that page is an error, sign-in stops there: ${judgement.evidence}. Verify by signing in once through Claude.`,
    });
  } else if (judgement.verdict === 'accepted' && callbackError && UNAVAILABLE_CODES.has(callbackError)) {
    ctx.inconclusive(`\`${uri}\` is registered, but the IdP answered \`error=${callbackError}\` (try again later)`);
  } else if (judgement.verdict === 'accepted' && callbackError && !CREDENTIALS_ONLY_CODES.has(callbackError)) {
    ctx.report({
      ...common,
      data: { ...common.data, error: callbackError },
      message: `\`${uri}\` is registered for client \`${client}\`${via}, but the IdP answered Claude's authorization request with \`error=${callbackError}\`, so sign-in fails: ${judgement.evidence}.`,
    });
  } else if (judgement.verdict === 'accepted' && judgement.callback.kind === 'refused') {
    // Registration is proven (prompt=none), but Claude's own request was refused without a reason.
    ctx.inconclusive(judgement.evidence);
    ctx.report({
      ...common,
      severity: 'warning',
      message: `\`${uri}\` is registered for client \`${client}\`${via}, but Claude's authorization request got ${judgement.callback.summary}: ${judgement.evidence}. Verify by signing in once through Claude.`,
    });
  } else if (judgement.verdict === 'inconclusive') {
    ctx.inconclusive(judgement.evidence);
    ctx.report({
      ...common,
      severity: 'warning',
      message: `Could not tell whether the IdP accepts \`${uri}\` for client \`${client}\`${via}: ${judgement.evidence}. Verify by signing in once through Claude.`,
    });
  }
}
