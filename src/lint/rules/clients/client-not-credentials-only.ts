import { sanitize } from '../../../shared/sanitize.js';
import { defineRule } from '../../judgement/define.js';
import { classifyChain, CREDENTIALS_ONLY_CODES } from '../../judgement/chain-outcome.js';
import { refusedForResponseType } from '../../judgement/redirect-judgement.js';

export default defineRule({
  id: 'client-not-credentials-only',
  meta: {
    description: 'The client may use the authorization-code flow: it is not set up for client credentials only',
    subject: 'idp',
    severity: 'error',
    spec: ['Claude docs: Authentication for connectors ("pure machine-to-machine client_credentials … isn\'t supported")', 'RFC 6749 §4.1.2.1 (`unauthorized_client`, `unsupported_response_type`)'],
    fix: 'Use a client of the interactive kind (web application / regular web app / authorization code with PKCE), not a machine-to-machine, service or "client credentials" application, and enable the authorization-code grant for it.',
  },
  requires: ['redirectUris'],
  check({ redirectUris }, ctx) {
    const requests = redirectUris.candidates.filter((c) => !c.role.endsWith('-control'));
    // A request of this client that reached sign-in (or was sent back to its callback) proves the
    // code flow is open to it: a refusal of another callback is then about that callback.
    const reachedSignIn = requests.some((c) => {
      const outcome = classifyChain(c);
      if (outcome.kind === 'page') return !outcome.codes.some((c) => CREDENTIALS_ONLY_CODES.has(c));
      return outcome.kind === 'left-idp' || (outcome.kind === 'to-redirect-uri' && !CREDENTIALS_ONLY_CODES.has(outcome.error ?? ''));
    });
    if (reachedSignIn) return;
    for (const candidate of requests) {
      const code = refusedForResponseType(candidate);
      if (!code) continue;
      ctx.report({
        message: `The IdP refused an authorization-code request for client \`${sanitize(redirectUris.clientId, 80)}\` with \`${code}\` (response type \`code\` not allowed): the client looks client-credentials-only, and Claude only runs the interactive authorization-code flow with user consent.`,
        data: { error: code, clientId: sanitize(redirectUris.clientId, 80) },
        where: { url: redirectUris.authorizationEndpoint },
        evidence: candidate.hops.map((h) => h.exchangeId),
      });
      return;
    }
  },
});
