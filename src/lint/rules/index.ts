import type { AnyRule } from '../judgement/define.js';
import mcpReachable from './transport/mcp-reachable.js';
import urlHttpsRequired from './transport/url-https-required.js';
import noCredentialsInUrl from './transport/no-credentials-in-url.js';
import noCrossHostRedirect from './transport/no-cross-host-redirect.js';
import transportStreamableHttp from './transport/transport-streamable-http.js';
import urlNoTrailingSlash from './transport/url-no-trailing-slash.js';
import modernProbeSafe from './transport/modern-probe-safe.js';
import modernEraServed from './transport/modern-era-served.js';
import modernToolsCacheable from './tools/modern-tools-cacheable.js';
import toolsConsistentAcrossEras from './tools/tools-consistent-across-eras.js';
import wafAllowsAnthropicEgress from './transport/waf-allows-anthropic-egress.js';
import unauthReturns401 from './resource-server/unauth-returns-401.js';
import wwwAuthenticateResourceMetadata from './resource-server/www-authenticate-resource-metadata.js';
import wwwAuthenticateScope from './resource-server/www-authenticate-scope.js';
import scopeOfflineAccess from './resource-server/scope-offline-access.js';
import invalidToken401 from './resource-server/invalid-token-401.js';
import prmDiscoverable from './resource-server/prm-discoverable.js';
import prmResourceExactMatch from './resource-server/prm-resource-exact-match.js';
import prmAuthorizationServers from './resource-server/prm-authorization-servers.js';
import prmIssuerIdentity from './resource-server/prm-issuer-identity.js';
import authlessNo401 from './resource-server/authless-no-401.js';
import authModeConsistent from './resource-server/auth-mode-consistent.js';
import toolAnnotationsTitleHints from './tools/tool-annotations-title-hints.js';
import toolNameLength from './tools/tool-name-length.js';
import asmDiscoverable from './authorization-server/asm-discoverable.js';
import asmIssuerValid from './authorization-server/asm-issuer-valid.js';
import asmRequiredFields from './authorization-server/asm-required-fields.js';
import asmEndpointsHttps from './authorization-server/asm-endpoints-https.js';
import asmAuthorizationCodeGrant from './authorization-server/asm-authorization-code-grant.js';
import asmRefreshGrant from './authorization-server/asm-refresh-grant.js';
import pkceS256Advertised from './authorization-server/pkce-s256-advertised.js';
import registrationPathAvailable from './clients/registration-path-available.js';
import cimdClaudeGate from './clients/cimd-claude-gate.js';
import cimdClaudeClientAccepted from './clients/cimd-claude-client-accepted.js';
import asmIssParameter from './authorization-server/asm-iss-parameter.js';
import redirectClaudeCodeLoopback from './callbacks/redirect-claude-code-loopback.js';
import dcrDeprecated from './clients/dcr-deprecated.js';
import redirectClaudeAiAccepted from './callbacks/redirect-claude-ai-accepted.js';
import redirectClaudeComAccepted from './callbacks/redirect-claude-com-accepted.js';
import redirectControlRejected from './callbacks/redirect-control-rejected.js';
import clientNotCredentialsOnly from './clients/client-not-credentials-only.js';
import githubOauthAppSingleCallback from './clients/github-oauth-app-single-callback.js';
import dcrAcceptsClaudeRegistration from './clients/dcr-accepts-claude-registration.js';
import endpointLatency from './transport/endpoint-latency.js';
import loginCompleted from './signed-in/login-completed.js';
import tokenAccepted from './signed-in/token-accepted.js';
import tokenAudience from './signed-in/token-audience.js';
import refreshWorks from './signed-in/refresh-works.js';
import tokenLifetime from './signed-in/token-lifetime.js';

/** Every rule, in report order. Ids are a public contract: never rename one. */
export const RULES: readonly AnyRule[] = [
  mcpReachable,
  urlHttpsRequired,
  noCredentialsInUrl,
  noCrossHostRedirect,
  urlNoTrailingSlash,
  transportStreamableHttp,
  modernProbeSafe,
  modernEraServed,
  wafAllowsAnthropicEgress,
  unauthReturns401,
  wwwAuthenticateResourceMetadata,
  wwwAuthenticateScope,
  scopeOfflineAccess,
  invalidToken401,
  tokenAccepted,
  prmDiscoverable,
  prmResourceExactMatch,
  prmAuthorizationServers,
  prmIssuerIdentity,
  authlessNo401,
  authModeConsistent,
  toolAnnotationsTitleHints,
  toolNameLength,
  modernToolsCacheable,
  toolsConsistentAcrossEras,
  asmDiscoverable,
  asmIssuerValid,
  asmRequiredFields,
  asmEndpointsHttps,
  asmAuthorizationCodeGrant,
  asmRefreshGrant,
  pkceS256Advertised,
  asmIssParameter,
  registrationPathAvailable,
  cimdClaudeGate,
  dcrDeprecated,
  redirectClaudeAiAccepted,
  redirectClaudeComAccepted,
  redirectClaudeCodeLoopback,
  cimdClaudeClientAccepted,
  redirectControlRejected,
  clientNotCredentialsOnly,
  githubOauthAppSingleCallback,
  dcrAcceptsClaudeRegistration,
  loginCompleted,
  tokenAudience,
  refreshWorks,
  tokenLifetime,
  endpointLatency,
];
