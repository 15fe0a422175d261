import { sanitize } from '../../../shared/sanitize.js';
import { defineRule } from '../../judgement/define.js';
import { judgeRoleControl, probedRoles } from '../../judgement/callbacks.js';

export default defineRule({
  id: 'redirect-control-rejected',
  meta: {
    description: 'The IdP refuses a random unregistered redirect URI (the control of the callback probe)',
    subject: 'idp',
    severity: 'error',
    spec: ['MCP 2026-07-28 Authorization (Security Best Practices): exact redirect URI matching', 'RFC 9700 §4.1 (insufficient redirect URI validation)', 'RFC 6749 §4.1.2.1'],
    fix: 'Match redirect URIs exactly against the registered list (no prefix, wildcard or "any https URL" matching) and show an error page, without redirecting, when the redirect URI is not registered.',
  },
  requires: ['redirectUris'],
  check({ redirectUris }, ctx) {
    const roles = probedRoles(redirectUris);
    if (roles.length === 0) {
      ctx.inconclusive('the probe recorded no control request');
      return;
    }
    const unsure: string[] = [];
    for (const role of roles) {
      const control = judgeRoleControl(redirectUris, role);
      if (!control) {
        unsure.push(`no control was recorded for \`${role}\``);
        continue;
      }
      const uri = sanitize(control.uri, 120);
      if (control.verdict === 'inconclusive') unsure.push(`\`${uri}\` got ${control.summary}`);
      if (control.verdict !== 'accepted') continue;
      ctx.report({
        message: `The IdP accepted the unregistered redirect URI \`${uri}\` for client \`${sanitize(redirectUris.clientId, 80)}\` (${control.summary}): it does not match redirect URIs exactly, so anyone can have codes or errors sent to a look-alike URI on that host.`,
        data: { redirectUri: uri },
        evidence: redirectUris.candidates.filter((c) => c.role === `${role}-control`).flatMap((c) => c.hops.map((h) => h.exchangeId)),
      });
    }
    if (unsure.length > 0) ctx.inconclusive(`not refused: ${unsure.join('; ')}; the IdP checks redirect_uri only after sign-in, if at all`);
  },
});
