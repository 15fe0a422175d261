import type { AnyRule } from '../judgement/define.js';
import mcpReachable from './mcp-reachable.js';
import urlHttpsRequired from './url-https-required.js';
import noCredentialsInUrl from './no-credentials-in-url.js';
import noCrossHostRedirect from './no-cross-host-redirect.js';
import transportStreamableHttp from './transport-streamable-http.js';
import urlNoTrailingSlash from './url-no-trailing-slash.js';
import modernProbeSafe from './modern-probe-safe.js';
import modernEraServed from './modern-era-served.js';
import modernToolsCacheable from './modern-tools-cacheable.js';
import toolsConsistentAcrossEras from './tools-consistent-across-eras.js';
import wafAllowsAnthropicEgress from './waf-allows-anthropic-egress.js';
import unauthReturns401 from './unauth-returns-401.js';
import wwwAuthenticateResourceMetadata from './www-authenticate-resource-metadata.js';
import wwwAuthenticateScope from './www-authenticate-scope.js';
import scopeOfflineAccess from './scope-offline-access.js';
import invalidToken401 from './invalid-token-401.js';
import prmDiscoverable from './prm-discoverable.js';
import prmResourceExactMatch from './prm-resource-exact-match.js';
import prmAuthorizationServers from './prm-authorization-servers.js';
import prmIssuerIdentity from './prm-issuer-identity.js';
import authlessNo401 from './authless-no-401.js';
import authModeConsistent from './auth-mode-consistent.js';
import toolAnnotationsTitleHints from './tool-annotations-title-hints.js';
import toolNameLength from './tool-name-length.js';
import asmDiscoverable from './asm-discoverable.js';
import asmIssuerValid from './asm-issuer-valid.js';
import asmRequiredFields from './asm-required-fields.js';
import asmEndpointsHttps from './asm-endpoints-https.js';
import asmAuthorizationCodeGrant from './asm-authorization-code-grant.js';
import asmRefreshGrant from './asm-refresh-grant.js';
import pkceS256Advertised from './pkce-s256-advertised.js';
import registrationPathAvailable from './registration-path-available.js';
import cimdClaudeGate from './cimd-claude-gate.js';
import cimdClaudeClientAccepted from './cimd-claude-client-accepted.js';
import asmIssParameter from './asm-iss-parameter.js';
import redirectClaudeCodeLoopback from './redirect-claude-code-loopback.js';
import dcrDeprecated from './dcr-deprecated.js';
import redirectClaudeAiAccepted from './redirect-claude-ai-accepted.js';
import redirectClaudeComAccepted from './redirect-claude-com-accepted.js';
import redirectControlRejected from './redirect-control-rejected.js';
import clientNotCredentialsOnly from './client-not-credentials-only.js';
import githubOauthAppSingleCallback from './github-oauth-app-single-callback.js';
import dcrAcceptsClaudeRegistration from './dcr-accepts-claude-registration.js';
import endpointLatency from './endpoint-latency.js';

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
  endpointLatency,
];
