import { readFileSync } from 'node:fs';
import type { JsonObject } from '../../../src/lint/types.js';

/** The real discovery documents in test/fixtures/discovery (see its README). */
export const DISCOVERY_FIXTURES = [
  'google',
  'microsoft-entra-common',
  'amazon-cognito',
  'okta-org-authorization-server',
  'okta-custom-authorization-server-default',
  'keycloak-localhost-realm',
  'auth0-custom-domain-login.docker.com',
  'paypal',
  'gitlab',
  'authentik',
  'discord',
] as const;

export type DiscoveryFixture = (typeof DISCOVERY_FIXTURES)[number];

/** Parses one of the real discovery documents. */
export function loadDiscovery(name: DiscoveryFixture): JsonObject {
  return JSON.parse(readFileSync(new URL(`../../fixtures/discovery/${name}.json`, import.meta.url), 'utf8')) as JsonObject;
}
