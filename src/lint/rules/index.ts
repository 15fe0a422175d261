import type { AnyRule } from '../define.js';
import asmDiscoverable from './asm-discoverable.js';
import asmIssuerValid from './asm-issuer-valid.js';
import asmRequiredFields from './asm-required-fields.js';
import asmEndpointsHttps from './asm-endpoints-https.js';
import asmAuthorizationCodeGrant from './asm-authorization-code-grant.js';
import asmRefreshGrant from './asm-refresh-grant.js';
import pkceS256Advertised from './pkce-s256-advertised.js';
import registrationPathAvailable from './registration-path-available.js';
import cimdClaudeGate from './cimd-claude-gate.js';
import redirectClaudeAiAccepted from './redirect-claude-ai-accepted.js';
import redirectClaudeComAccepted from './redirect-claude-com-accepted.js';
import redirectControlRejected from './redirect-control-rejected.js';
import clientNotCredentialsOnly from './client-not-credentials-only.js';
import githubOauthAppSingleCallback from './github-oauth-app-single-callback.js';
import dcrAcceptsClaudeRegistration from './dcr-accepts-claude-registration.js';
import endpointLatency from './endpoint-latency.js';

/** Every rule, in report order. Ids are a public contract: never rename one. */
export const RULES: readonly AnyRule[] = [
  asmDiscoverable,
  asmIssuerValid,
  asmRequiredFields,
  asmEndpointsHttps,
  asmAuthorizationCodeGrant,
  asmRefreshGrant,
  pkceS256Advertised,
  registrationPathAvailable,
  cimdClaudeGate,
  redirectClaudeAiAccepted,
  redirectClaudeComAccepted,
  redirectControlRejected,
  clientNotCredentialsOnly,
  githubOauthAppSingleCallback,
  dcrAcceptsClaudeRegistration,
  endpointLatency,
];
