import { judge } from '../../../src/lint/judgement/engine.js';
import type { AnyRule } from '../../../src/lint/judgement/define.js';
import type {
  AuthorizationServerFacts,
  JsonObject,
  ProbeStates,
  Report,
  Target,
} from '../../../src/lint/types.js';

/** Facts of a metadata document as the discovery probe would have recorded it. */
export function asFacts(metadata: JsonObject, overrides: Partial<AuthorizationServerFacts> = {}): AuthorizationServerFacts {
  const issuer = typeof metadata.issuer === 'string' ? metadata.issuer : 'https://idp.example.com';
  return {
    source: 'network',
    requestedIssuer: issuer,
    attempts: [],
    documentUrl: `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`,
    documentKind: 'oidc',
    contentType: 'application/json',
    durationMs: 20,
    metadata,
    ...overrides,
  };
}

/** Probe states where only discovery ran: the usual input of the metadata rules. */
export function statesFor(as: AuthorizationServerFacts, rest: Partial<ProbeStates> = {}): ProbeStates {
  return {
    mcpServer: { status: 'not-run', reason: 'no MCP server URL given', cause: 'not-applicable' },
    mcpModern: { status: 'not-run', reason: 'no MCP server URL given', cause: 'not-applicable' },
    protectedResource: { status: 'not-run', reason: 'no MCP server URL given', cause: 'not-applicable' },
    authorizationServer: { status: 'ok', value: as },
    registration: { status: 'not-run', reason: 'opt-in', cause: 'opt-in' },
    redirectUris: { status: 'not-run', reason: 'no client id', cause: 'missing-input' },
    cimd: { status: 'not-run', reason: 'the IdP does not advertise `client_id_metadata_document_supported`', cause: 'not-applicable' },
    login: { status: 'not-run', reason: 'opt-in: pass `--login`', cause: 'opt-in' },
    ...rest,
  };
}

export const TARGET: Target = { mode: 'issuer', issuer: 'https://idp.example.com', register: false, local: false };

/** Runs rules (default: just the one given) over probe states and returns the Report. */
export function lintWith(rules: AnyRule | AnyRule[], states: ProbeStates, target: Partial<Target> = {}): Report {
  return judge({ target: { ...TARGET, ...target }, states, exchanges: [], rules: Array.isArray(rules) ? rules : [rules] });
}

/** The findings of one rule as `[severity, data]` pairs, for table-driven assertions. */
export function findingsOf(report: Report, ruleId: string) {
  return report.findings.filter((f) => f.ruleId === ruleId);
}
