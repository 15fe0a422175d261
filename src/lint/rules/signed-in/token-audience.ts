import { defineRule } from '../../judgement/define.js';
import { audienceList, signedInToken } from '../../judgement/signed-in.js';
import { isSameResource } from '../../transport/url.js';

export default defineRule({
  id: 'token-audience',
  meta: {
    description: 'The token the IdP issues names the MCP server as its audience',
    subject: 'idp',
    severity: 'warning',
    spec: ['MCP 2025-11-25 / 2026-07-28 Authorization: Token Audience Binding and Validation', 'RFC 8707 §2 (resource → audience)', 'RFC 9068 §3 (`aud` of JWT access tokens)'],
    fix: 'Have the IdP issue tokens for the MCP server: honour the RFC 8707 `resource` parameter (Keycloak: audience mapper; Okta: the authorization server audience; Auth0: an API whose identifier is the MCP URL), so a token meant for another API is never accepted here.',
  },
  requires: ['login'],
  check({ login }, ctx) {
    const token = signedInToken(login, ctx);
    if (!token) return;
    if (token.format === 'opaque') {
      ctx.report({
        severity: 'info',
        message: 'The access token is opaque (not a JWT), so its audience cannot be read here; the server checks it by introspection or a userinfo call.',
        evidence: login.exchangeIds,
      });
      return;
    }
    const resource = login.resource;
    const audience = token.audience ?? [];
    if (!resource || audience.some((a) => isSameResource(a, resource))) return;
    ctx.report({
      message: `The access token's \`aud\` is ${audience.length > 0 ? audienceList(audience) : 'absent'}; expected it to name the MCP server \`${resource}\`, the \`resource\` Claude sends.`,
      data: { audience: audience.join(' '), resource },
      evidence: login.exchangeIds,
    });
  },
});
