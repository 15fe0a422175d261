import { sanitize } from '../../../shared/sanitize.js';
import { judgeRole, probedRoles } from '../../judgement/callbacks.js';
import { classifyChain } from '../../judgement/chain-outcome.js';
import { defineRule } from '../../judgement/define.js';
import type { Hop, LoginFacts, RedirectProbeFacts } from '../../types.js';

/** An authorization response: where it was seen, its `iss`, and the exchanges that show it. */
interface AuthorizationResponse {
  url: string;
  location: string;
  iss?: string;
  evidence: string[];
}

/**
 * Authorization responses the probe saw come back to a callback the IdP accepted (error redirects,
 * `prompt=none`), and the one a `--login` sign-in brought to its loopback callback.
 */
function responses(facts: (RedirectProbeFacts | undefined)[], login: LoginFacts | undefined): AuthorizationResponse[] {
  const probed = facts.flatMap((f) =>
    f
      ? probedRoles(f)
          .filter((role) => judgeRole(f, role)?.verdict === 'accepted')
          .flatMap((role) => f.candidates.filter((c) => c.role === role).map((c) => classifyChain(c).redirect))
          .filter((hop): hop is Hop => hop !== undefined)
          .map((hop) => ({ url: hop.url, location: hop.location ?? '', ...(hop.iss !== undefined ? { iss: hop.iss } : {}), evidence: [hop.exchangeId] }))
      : [],
  );
  const signedIn = login?.callback && login.redirectUri ? [{ url: login.redirectUri, location: `${login.redirectUri}?… (the --login sign-in)`, ...login.callback, evidence: login.exchangeIds }] : [];
  return [...probed, ...signedIn];
}

export default defineRule({
  id: 'asm-iss-parameter',
  meta: {
    description: 'Authorization responses carry the issuer (`iss`, RFC 9207), and the metadata says so',
    subject: 'idp',
    severity: 'warning',
    spec: ['MCP 2026-07-28 Authorization: Authorization Response Validation (SEP-2468)', 'RFC 9207 §2, §3', 'Claude docs: Claude Code MCP (fails a sign-in whose authorization response names an unexpected issuer)'],
    fix: 'Add `iss=<issuer>` (the metadata `issuer`, byte for byte) to every authorization response, error responses included, and publish `"authorization_response_iss_parameter_supported": true` in the authorization-server metadata.',
  },
  requires: ['authorizationServer'],
  check({ authorizationServer: as, redirectUris, cimd, registration, login }, ctx) {
    const md = as.metadata;
    const issuer = typeof md.issuer === 'string' ? md.issuer : undefined;
    const flag = md.authorization_response_iss_parameter_supported;
    // `redirectUris` is often the very facts of `cimd` or of the registration: each read once.
    const seen = responses([...new Set([redirectUris, cimd, registration?.authorization])], login);
    const pointer = { url: as.documentUrl, pointer: '/authorization_response_iss_parameter_supported' };
    for (const hop of seen) {
      const location = sanitize(hop.location, 200);
      if (hop.iss === undefined && flag === true) {
        ctx.report({
          severity: 'error',
          message: `The metadata advertises \`authorization_response_iss_parameter_supported: true\`, but the authorization response \`${location}\` carries no \`iss\`; 2026-07-28 clients (Claude Code) then reject the sign-in.`,
          where: { url: hop.url },
          evidence: hop.evidence,
        });
        return;
      }
      if (hop.iss !== undefined && hop.iss !== issuer) {
        ctx.report({
          severity: 'error',
          message: `The authorization response names issuer \`${hop.iss}\`, but the metadata's \`issuer\` is \`${sanitize(issuer ?? '', 200)}\` (compared byte for byte); Claude Code fails the sign-in.`,
          data: { iss: hop.iss },
          where: { url: hop.url },
          evidence: hop.evidence,
        });
        return;
      }
    }
    if (flag !== true) {
      const sends = seen.some((h) => h.iss !== undefined);
      ctx.report({
        message:
          flag === undefined || flag === false
            ? `The metadata lacks \`authorization_response_iss_parameter_supported: true\`${sends ? ', although the authorization responses carry `iss`' : ''}; authorization servers SHOULD send and advertise \`iss\` (RFC 9207), which a coming MCP revision is expected to make a MUST.`
            : `\`authorization_response_iss_parameter_supported\` is ${sanitize(JSON.stringify(flag), 40)}, not a boolean.`,
        where: pointer,
      });
      return;
    }
    if (seen.length === 0) ctx.inconclusive('no authorization response came back to a callback before sign-in, so `iss` could not be read (`--login` reads it from the sign-in)');
  },
});
