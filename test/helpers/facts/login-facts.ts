import type { LoginFacts, ProbeStates } from '../../../src/lint/types.js';
import { asFacts, statesFor } from './rule-tester.js';
import { MCP_URL } from './mcp-facts.js';

/** A completed `--login` sign-in with a JWT for the MCP URL, a refresh token, refreshed with rotation. */
export function loginFacts(overrides: Partial<LoginFacts> = {}): LoginFacts {
  return {
    client: { source: 'registration', clientId: 'client-1', cleanup: { status: 'deleted', httpStatus: 204 } },
    redirectUri: 'http://localhost:50123/callback',
    scope: 'mcp:tools offline_access',
    resource: MCP_URL,
    outcome: { status: 'completed' },
    token: { format: 'jwt', audience: [MCP_URL], expiresIn: 600, lifetimeSeconds: 600, refreshToken: true },
    refresh: { grantAdvertised: true, offlineAccessRequested: true, outcome: 'refreshed', rotated: true, oldStillWorks: false, exchangeIds: ['x9'] },
    revocation: { status: 'revoked' },
    exchangeIds: ['x7', 'x8'],
    ...overrides,
  };
}

/** A sign-in that ended without a token. */
export function failedLogin(failure: Extract<LoginFacts['outcome'], { status: 'failed' }>['failure'], detail: string, error?: string): LoginFacts {
  const { token: _token, refresh: _refresh, ...rest } = loginFacts({ outcome: { status: 'failed', failure, detail, ...(error ? { error } : {}) } });
  return rest;
}

/** Probe states for the login rules alone: discovery and the sign-in. */
export function loginStates(login: LoginFacts): ProbeStates {
  return statesFor(asFacts({ issuer: 'https://idp.example.com', grant_types_supported: ['authorization_code', 'refresh_token'] }), { login: { status: 'ok', value: login } });
}
