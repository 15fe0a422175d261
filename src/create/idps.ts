/** Identity-provider presets of the oauth template: issuer pattern, scopes, console steps. */
export interface IdpPreset {
  id: string;
  label: string;
  /** Placeholder issuer for .env.example when `--issuer` is not given. */
  issuer: string;
  scopes: string;
  /** Console steps for the README, both Claude callbacks included. */
  steps: string[];
}

const CALLBACKS = '`https://claude.ai/api/mcp/auth_callback` and `https://claude.com/api/mcp/auth_callback`';

export const IDPS: IdpPreset[] = [
  {
    id: 'generic',
    label: 'any OpenID Connect / OAuth 2.1 provider',
    issuer: 'https://auth.example.com',
    scopes: 'openid',
    steps: [
      `Create a client for Claude that uses the authorization-code flow with PKCE (S256) and allow both redirect URIs: ${CALLBACKS}.`,
      'Make sure the provider publishes metadata with `code_challenge_methods_supported: ["S256"]`, and either dynamic client registration or a client id you enter in Claude.',
      'Make the access tokens JWTs whose `aud` is this server\'s resource URL (`PUBLIC_URL` + `/mcp`), or set `OAUTH_AUDIENCE` to what your provider puts there.',
    ],
  },
  {
    id: 'auth0',
    label: 'Auth0',
    issuer: 'https://YOUR_TENANT.us.auth0.com/',
    scopes: 'openid',
    steps: [
      'Dashboard → Applications → APIs → Create API, with the identifier set to this server\'s resource URL (`PUBLIC_URL` + `/mcp`): Auth0 then issues JWT access tokens for it.',
      `Dashboard → Applications → Applications → Create Application (Regular Web Application) → Settings → Allowed Callback URLs: ${CALLBACKS}.`,
      'The issuer ends with `/`: keep it exactly, in `OAUTH_ISSUER` and everywhere else.',
      'For dynamic registration instead of a fixed client: Settings → Advanced → enable OIDC Dynamic Application Registration.',
    ],
  },
  {
    id: 'okta',
    label: 'Okta',
    issuer: 'https://YOUR_ORG.okta.com/oauth2/default',
    scopes: 'openid',
    steps: [
      `Admin Console → Applications → Create App Integration → OIDC, Web Application → Sign-in redirect URIs: ${CALLBACKS}.`,
      'Security → API → Authorization Servers: use a custom authorization server (e.g. `default`) and set its Audience to this server\'s resource URL.',
      'Enter the client id (and secret) in Claude under Add custom connector → Advanced settings.',
    ],
  },
  {
    id: 'keycloak',
    label: 'Keycloak',
    issuer: 'https://keycloak.example.com/realms/YOUR_REALM',
    scopes: 'openid',
    steps: [
      `Admin Console → your realm → Clients → Create client (OpenID Connect, Standard flow on) → Valid redirect URIs: ${CALLBACKS}.`,
      'Client scopes → add an Audience mapper whose included custom audience is this server\'s resource URL.',
      'For anonymous dynamic registration, relax the "Trusted Hosts" client-registration policy (Clients → Client registration).',
    ],
  },
  {
    id: 'google',
    label: 'Google',
    issuer: 'https://accounts.google.com',
    scopes: 'openid email',
    steps: [
      `Google Cloud Console → APIs & Services → Credentials → Create OAuth client ID (Web application) → Authorized redirect URIs: ${CALLBACKS}.`,
      'Google offers no dynamic registration: enter the client id and secret in Claude under Add custom connector → Advanced settings.',
      'Google access tokens are opaque, not JWTs: verify them with Google\'s tokeninfo endpoint, or put your own authorization server in front.',
    ],
  },
  {
    id: 'entra',
    label: 'Microsoft Entra ID',
    issuer: 'https://login.microsoftonline.com/YOUR_TENANT_ID/v2.0',
    scopes: 'openid',
    steps: [
      `Entra admin center → App registrations → New registration → Authentication → Add a platform: Mobile and desktop applications (public client) with ${CALLBACKS}.`,
      'Expose an API with an Application ID URI equal to this server\'s resource URL (needs a verified domain); set `requestedAccessTokenVersion` to 2 in the manifest.',
      'Entra\'s metadata omits `code_challenge_methods_supported`, and Claude will not start without it: publish your own copy of the metadata with `["S256"]` added and point `OAUTH_ISSUER` (and the protected-resource metadata) at it.',
    ],
  },
  {
    id: 'cognito',
    label: 'Amazon Cognito',
    issuer: 'https://cognito-idp.YOUR_REGION.amazonaws.com/YOUR_USER_POOL_ID',
    scopes: 'openid',
    steps: [
      `Cognito console → User pools → your pool → App clients → your client → Login pages → Allowed callback URLs: ${CALLBACKS}; OAuth grant: Authorization code.`,
      'Cognito access tokens carry `client_id`, not `aud`: set `OAUTH_AUDIENCE` accordingly or use a resource server identifier.',
      'Cognito\'s metadata omits `code_challenge_methods_supported`: publish your own copy with `["S256"]` added.',
    ],
  },
  {
    id: 'github',
    label: 'GitHub',
    issuer: 'https://auth.example.com',
    scopes: 'openid',
    steps: [
      'GitHub publishes no OAuth metadata, and a GitHub OAuth App holds a single callback URL, so it cannot accept both Claude callbacks.',
      `Use a GitHub App (Settings → Developer settings → GitHub Apps), which holds up to 10 callback URLs, with ${CALLBACKS}; or run your own authorization server that signs users in with GitHub and issues JWTs for this server, and set \`OAUTH_ISSUER\` to it.`,
    ],
  },
];

export const IDP_IDS = IDPS.map((i) => i.id);
