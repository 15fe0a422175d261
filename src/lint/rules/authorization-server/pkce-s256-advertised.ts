import { defineRule } from '../../judgement/define.js';

export default defineRule({
  id: 'pkce-s256-advertised',
  meta: {
    description: '`code_challenge_methods_supported` contains `S256`',
    subject: 'idp',
    severity: 'error',
    spec: ['MCP 2025-11-25 Authorization: Authorization Code Protection', 'RFC 7636', 'RFC 8414 §2'],
    fix: 'Publish `"code_challenge_methods_supported": ["S256"]`. If your IdP supports S256 but omits the field (Microsoft Entra, Amazon Cognito), serve your own copy of its metadata (a metadata façade) that adds the field, and point `authorization_servers` at it.',
  },
  requires: ['authorizationServer'],
  check({ authorizationServer: as }, ctx) {
    const methods = as.metadata.code_challenge_methods_supported;
    const where = { url: as.documentUrl, pointer: '/code_challenge_methods_supported' };
    if (methods === undefined) {
      // The issue that introduced this rule asked for a warning here, but Claude is reported (and
      // Anthropic confirmed, claude-ai-mcp#786) not to start the flow without the field: exiting 0
      // would be a false pass, so it is an error like any other blocker.
      ctx.report({
        message:
          '`code_challenge_methods_supported` is absent. MCP 2025-11-25 tells clients to refuse such servers and Claude does not start the flow, even where the IdP supports S256 (Entra and Cognito omit the field).',
        where,
      });
      return;
    }
    if (!Array.isArray(methods) || !methods.includes('S256')) {
      const listed = Array.isArray(methods) ? methods.map((m) => `\`${String(m)}\``).join(', ') || 'nothing' : 'not an array';
      ctx.report({
        message: `\`code_challenge_methods_supported\` lists ${listed}; expected it to contain \`S256\`.`,
        where,
      });
    }
  },
});
