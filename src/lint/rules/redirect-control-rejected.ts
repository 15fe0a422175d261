import { sanitize } from '../../shared/sanitize.js';
import { defineRule } from '../judgement/define.js';
import { CALLBACKS } from '../judgement/callbacks.js';
import { judgeControl } from '../judgement/redirect-judgement.js';

export default defineRule({
  id: 'redirect-control-rejected',
  meta: {
    description: 'The IdP refuses a random unregistered redirect URI (the control of the callback probe)',
    subject: 'idp',
    severity: 'error',
    spec: ['MCP 2025-11-25 Authorization: exact redirect URI matching', 'RFC 9700 §4.1 (insufficient redirect URI validation)', 'RFC 6749 §4.1.2.1'],
    fix: 'Match redirect URIs exactly against the registered list (no prefix, wildcard or "any https URL" matching) and show an error page, without redirecting, when the redirect URI is not registered.',
  },
  requires: ['redirectUris'],
  check({ redirectUris }, ctx) {
    const controls = redirectUris.candidates.filter((c) => CALLBACKS.some((cb) => cb.control === c.role));
    if (controls.length === 0) {
      ctx.inconclusive('the probe recorded no control request');
      return;
    }
    const unsure: string[] = [];
    for (const control of controls) {
      const { verdict, outcome } = judgeControl(control);
      if (verdict === 'inconclusive') unsure.push(`\`${sanitize(control.redirectUri ?? '', 120)}\` got ${outcome.summary}`);
      if (verdict !== 'accepted') continue;
      ctx.report({
        message: `The IdP redirected to the unregistered redirect URI \`${sanitize(control.redirectUri ?? '', 120)}\` for client \`${sanitize(redirectUris.clientId, 80)}\` (${outcome.summary}): it does not match redirect URIs exactly, so the callback verdicts on that host prove nothing.`,
        data: { redirectUri: sanitize(control.redirectUri ?? '', 120) },
        evidence: control.hops.map((h) => h.exchangeId),
      });
    }
    if (unsure.length > 0) ctx.inconclusive(`not refused: ${unsure.join('; ')}; the IdP checks redirect_uri only after sign-in, if at all`);
  },
});
