import { sanitize } from '../../../shared/sanitize.js';
import { judgeRole, CALLBACKS } from '../../judgement/callbacks.js';
import { defineRule } from '../../judgement/define.js';
import type { JsonObject, RegistrationFacts } from '../../types.js';

const CIMD_PREFERRED =
  'Better still, support Client ID Metadata Documents (`"client_id_metadata_document_supported": true` with `"none"` in `token_endpoint_auth_methods_supported`): Claude then needs no registration, and DCR is deprecated in MCP 2026-07-28.';

/** The part of Claude's registration that a refusal's `error` or `error_description` names, when it names one. */
type RefusalCause = 'application-type' | 'redirect-uris';

const REFUSALS: Record<RefusalCause, { subject: string; expected: string; fix: string }> = {
  'application-type': {
    subject: 'its `application_type`',
    expected: 'a client of `application_type: "web"`, the type for https callbacks',
    fix: `Accept \`application_type: "web"\` with https redirect URIs: MCP 2026-07-28 clients must send an \`application_type\` (SEP-837), and \`web\` (the OpenID default) is the type for Claude's hosted callbacks. In the IdP's registration policy for \`web\` clients, allow https redirect URIs on claude.ai and claude.com, and do not require \`native\`, which is for loopback and custom-scheme redirects. ${CIMD_PREFERRED}`,
  },
  'redirect-uris': {
    subject: 'its redirect URIs',
    expected: 'a client keeping both Claude callbacks',
    fix: `Let anonymous registrations of \`web\` clients keep \`${CALLBACKS.map((c) => c.uri).join('` and `')}\`: allow both hosts in the registration policy's redirect-URI rules (Keycloak: the "Trusted Hosts" client registration policy; elsewhere, the allowed redirect hosts or patterns for dynamically registered clients). ${CIMD_PREFERRED}`,
  },
};

function registrationError(facts: RegistrationFacts): string {
  const error = facts.response?.error;
  const description = facts.response?.error_description;
  if (typeof error !== 'string') return '';
  return ` \`${sanitize(error, 60)}\`${typeof description === 'string' ? ` (${sanitize(description, 160)})` : ''}`;
}

// `application_type` is checked first: an OpenID IdP's per-type redirect rules name both, and the
// type is then what to change.
function refusalCause(response: JsonObject | undefined): RefusalCause | undefined {
  const said = [response?.error, response?.error_description].filter((v) => typeof v === 'string').join(' ');
  if (/application[_ -]?type/i.test(said)) return 'application-type';
  if (/redirect[_ -]?ur[il]|callback[_ -]?url/i.test(said)) return 'redirect-uris';
  return undefined;
}

export default defineRule({
  id: 'dcr-accepts-claude-registration',
  meta: {
    description: 'Dynamic client registration accepts the registration Claude sends, and the new client accepts both callbacks',
    subject: 'idp',
    severity: 'error',
    spec: [
      'RFC 7591 §3',
      'MCP 2026-07-28 Authorization: Client Registration (Client ID Metadata Documents; Dynamic Client Registration, deprecated)',
      'MCP 2026-07-28 Authorization: Client Registration (Application Type and Redirect URI Constraints; SEP-837)',
      'Claude docs: Troubleshooting ("Couldn\'t register")',
    ],
    fix: 'Prefer Client ID Metadata Documents (`"client_id_metadata_document_supported": true` with `"none"` in `token_endpoint_auth_methods_supported`): DCR is deprecated in MCP 2026-07-28, and Claude uses CIMD when both are offered. While DCR is offered, allow anonymous registration of public clients (`token_endpoint_auth_method: none`, `application_type: web`) with `authorization_code` and `refresh_token` grants and https redirect URIs on claude.ai and claude.com (Keycloak: relax the "Trusted Hosts" registration policy; Auth0: enable Dynamic Application Registration), and keep every requested redirect URI.',
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
      const cause = refusalCause(facts.response);
      const refusal = cause && REFUSALS[cause];
      ctx.report({
        severity: refusalSeverity,
        message: `The registration Claude sends was refused${refusal ? ` over ${refusal.subject}` : ''}: \`POST ${facts.endpoint}\` answered ${status}${registrationError(facts)}; expected 201 with ${refusal?.expected ?? 'a client'}.`,
        data: { status },
        where,
        evidence,
        ...(refusal ? { fix: refusal.fix } : {}),
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
    const askedType = facts.requested.application_type;
    const gotType = response.application_type;
    // An absent type is the OpenID default `web`; `null` is reported with the other nulls below.
    if (typeof askedType === 'string' && gotType !== undefined && gotType !== null && gotType !== askedType) {
      ctx.report({
        severity: 'warning',
        message: `Claude asked for \`application_type: "${sanitize(askedType, 20)}"\` but client \`${client}\` came back with \`application_type: ${sanitize(JSON.stringify(gotType), 40)}\`; an OpenID IdP applies that type's redirect-URI rules to Claude's https callbacks.`,
        where,
        evidence,
        fix: 'Register clients with the `application_type` they ask for: keep `web` for https redirect URIs such as Claude\'s callbacks (`native` is for loopback and custom-scheme redirects).',
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
