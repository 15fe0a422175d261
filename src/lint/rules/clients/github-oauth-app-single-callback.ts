import { sanitize } from '../../../shared/sanitize.js';
import { defineRule } from '../../judgement/define.js';
import { parseUrl } from '../../transport/url.js';

export default defineRule({
  id: 'github-oauth-app-single-callback',
  meta: {
    description: 'Not a GitHub OAuth App, which holds one callback URL and so cannot accept both Claude callbacks',
    subject: 'idp',
    severity: 'error',
    spec: ['GitHub docs: Authorizing OAuth apps (Redirect URLs)', 'GitHub docs: About the user authorization callback URL (GitHub Apps: up to 10)'],
    fix: 'Use a GitHub App (Settings → Developer settings → GitHub Apps), which holds up to 10 callback URLs, and add both Claude callbacks; or put your own authorization server in front of GitHub and register the Claude callbacks there.',
  },
  requires: ['authorizationServer'],
  check({ authorizationServer: as }, ctx) {
    const endpoint = parseUrl(as.metadata.authorization_endpoint);
    if (!endpoint || endpoint.hostname.toLowerCase() !== 'github.com') return;
    const clientId = ctx.target.clientId;
    // GitHub App client ids start with `Iv`; an OAuth App's never do (undocumented, so only a hint).
    const looksLikeApp = clientId !== undefined && /^Iv/.test(clientId);
    ctx.report({
      severity: looksLikeApp ? 'warning' : 'error',
      message: looksLikeApp
        ? `The authorization endpoint is on github.com and client \`${sanitize(clientId, 80)}\` looks like a GitHub App: check that both Claude callbacks are among its callback URLs (GitHub validates them only after sign-in).`
        : 'The authorization endpoint is on github.com: a GitHub OAuth App holds one callback URL, so it cannot accept both `https://claude.ai/api/mcp/auth_callback` and `https://claude.com/api/mcp/auth_callback`.',
      where: { url: as.documentUrl, pointer: '/authorization_endpoint' },
    });
  },
});
