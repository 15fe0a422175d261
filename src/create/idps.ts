import { AUTH0_ISSUER, COGNITO_ISSUER, ENTRA_ISSUER, GOOGLE_ISSUER, KEYCLOAK_ISSUER, OKTA_ISSUER, type IssuerShape } from './issuer-shapes.js';

/** Identity-provider presets of the oauth template: issuer pattern, scopes, console steps. */
export interface IdpPreset {
  id: string;
  label: string;
  /** Placeholder issuer for .env.example when `--issuer` is not given. */
  issuer: string;
  /** The form an issuer of this provider has; none where any issuer may be right (generic, GitHub). */
  issuerShape?: IssuerShape;
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
    issuerShape: AUTH0_ISSUER,
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
    issuerShape: OKTA_ISSUER,
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
    issuerShape: KEYCLOAK_ISSUER,
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
    issuerShape: GOOGLE_ISSUER,
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
    issuerShape: ENTRA_ISSUER,
    scopes: 'openid',
    steps: [
      `Entra admin center → App registrations → New registration → Authentication → Add a platform: Mobile and desktop applications (public client) with ${CALLBACKS}.`,
      'Expose an API (Application ID URI, needs a verified domain) with a scope, and set `OAUTH_SCOPES` to that scope (`api://…/…`), not `openid`, so Entra issues a token for this server rather than for Microsoft Graph.',
      'Entra v2 access tokens carry the API\'s application (client) id as `aud`: set `OAUTH_AUDIENCE` to it; scopes arrive in `scp`.',
      'Entra\'s metadata omits `code_challenge_methods_supported`, and Claude will not start without it: publish your own copy of the metadata with `["S256"]` added and point `OAUTH_ISSUER` (and the protected-resource metadata) at it.',
    ],
  },
  {
    id: 'cognito',
    label: 'Amazon Cognito',
    issuer: 'https://cognito-idp.YOUR_REGION.amazonaws.com/YOUR_USER_POOL_ID',
    issuerShape: COGNITO_ISSUER,
    scopes: 'openid',
    steps: [
      `Cognito console → User pools → your pool → App clients → your client → Login pages → Allowed callback URLs: ${CALLBACKS}; OAuth grant: Authorization code.`,
      'Cognito access tokens carry no `aud` claim (they name the app client in `client_id`), so this template\'s audience check refuses them: put an authorization server that issues audience-bound JWTs in front, or adapt `src/tokens.ts` to check `token_use` and `client_id`. Never accept ID tokens as access tokens.',
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
      'GitHub\'s user tokens are opaque, not JWTs, so this server cannot verify them itself: run your own authorization server that signs users in with GitHub (a GitHub App holds up to 10 callback URLs) and issues JWTs for this server, and set `OAUTH_ISSUER` to it.',
      `That authorization server must allow both Claude callbacks: ${CALLBACKS}.`,
    ],
  },
];

export const IDP_IDS = IDPS.map((i) => i.id);

/** The preset of this id; `generic` (the first) for an id no preset has. */
export function idpPreset(id: string): IdpPreset {
  return IDPS.find((i) => i.id === id) ?? (IDPS[0] as IdpPreset);
}
