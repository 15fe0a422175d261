import { sanitize } from '../../shared/sanitize.js';
import { judgeRole, CALLBACKS } from '../judgement/callbacks.js';
import { defineRule } from '../judgement/define.js';
import type { RegistrationFacts } from '../types.js';

function registrationError(facts: RegistrationFacts): string {
  const error = facts.response?.error;
  const description = facts.response?.error_description;
  if (typeof error !== 'string') return '';
  return ` \`${sanitize(error, 60)}\`${typeof description === 'string' ? ` (${sanitize(description, 160)})` : ''}`;
}

export default defineRule({
  id: 'dcr-accepts-claude-registration',
  meta: {
    description: 'Dynamic client registration accepts the registration Claude sends, and the new client accepts both callbacks',
    subject: 'idp',
    severity: 'error',
    spec: ['RFC 7591 §3', 'MCP 2025-11-25 Authorization: Dynamic Client Registration', 'Claude docs: Troubleshooting ("Couldn\'t register")'],
    fix: 'Allow anonymous registration of public clients (`token_endpoint_auth_method: none`) with `authorization_code` and `refresh_token` grants and https redirect URIs on claude.ai and claude.com (Keycloak: relax the "Trusted Hosts" registration policy; Auth0: enable Dynamic Application Registration), and keep every requested redirect URI.',
  },
  requires: ['registration'],
  check({ registration: facts }, ctx) {
    const where = { url: facts.endpoint };
    const evidence = [facts.exchangeId];
    // With a pre-registered client entered in Claude, Claude does not register; a failed registration
    // then only matters for users without it.
    const refusalSeverity = ctx.target.clientId ? 'warning' : 'error';
    if (facts.failure) {
      ctx.report({ severity: refusalSeverity, message: `Could not reach \`${facts.endpoint}\`: ${facts.failure.detail}.`, where, evidence });
      return;
    }
    const status = facts.status ?? 0;
    if (status < 200 || status >= 300) {
      ctx.report({
        severity: refusalSeverity,
        message: `The registration Claude sends was refused: \`POST ${facts.endpoint}\` answered ${status}${registrationError(facts)}; expected 201 with a client.`,
        data: { status },
        where,
        evidence,
      });
      return;
    }
    const response = facts.response;
    if (!response || !facts.clientId) {
      ctx.report({ message: `\`POST ${facts.endpoint}\` answered ${status} without a JSON object holding \`client_id\`.`, where, evidence });
      return;
    }
    const client = sanitize(facts.clientId, 80);
    const kept = Array.isArray(response.redirect_uris) ? response.redirect_uris : [];
    const dropped = CALLBACKS.filter((c) => !kept.includes(c.uri));
    if (dropped.length > 0) {
      ctx.report({
        message: `Client \`${client}\` was registered without ${dropped.map((c) => `\`${c.uri}\``).join(' and ')}; the response's \`redirect_uris\` must keep both callbacks.`,
        where,
        evidence,
      });
    }
    if (response.client_secret !== undefined && response.token_endpoint_auth_method !== 'none') {
      ctx.report({
        severity: 'warning',
        message: `Claude asked for a public client (\`token_endpoint_auth_method: none\`) but client \`${client}\` came back confidential (\`${sanitize(String(response.token_endpoint_auth_method ?? 'client_secret_basic'), 40)}\` with a secret).`,
        where,
        evidence,
      });
    }
    const nulls = Object.entries(response).filter(([, v]) => v === null).map(([k]) => k);
    if (nulls.length > 0) {
      ctx.report({
        severity: 'warning',
        message: `The registration response sets ${nulls.map((k) => `\`${sanitize(k, 40)}\``).join(', ')} to \`null\`; omit absent fields (MCP clients reject \`null\` where a URL or string belongs).`,
        where,
        evidence,
      });
    }
    if (facts.authorization) {
      for (const { role, uri } of CALLBACKS) {
        if (judgeRole(facts.authorization, role)?.verdict !== 'rejected') continue;
        ctx.report({
          message: `Client \`${client}\` was registered with \`${uri}\`, but the authorization endpoint then refused it.`,
          where: { url: facts.authorization.authorizationEndpoint },
          evidence: facts.authorization.candidates.filter((c) => c.role === role).flatMap((c) => c.hops.map((h) => h.exchangeId)),
        });
      }
    }
    if (facts.cleanup.status !== 'deleted') {
      ctx.report({
        severity: 'info',
        message:
          facts.cleanup.status === 'failed'
            ? `Could not delete the probe client \`${client}\` (RFC 7592 answered ${facts.cleanup.httpStatus ?? facts.cleanup.detail ?? 'nothing'}); delete it in the IdP's console.`
            : `The IdP offers no RFC 7592 client management, so the probe client \`${client}\` remains; delete it in the IdP's console.`,
        where,
      });
    }
  },
});
