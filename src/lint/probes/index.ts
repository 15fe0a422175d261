import { HttpClient } from '../http.js';
import { sanitize } from '../../shared/sanitize.js';
import type { Exchange, ProbeState, ProbeStates } from '../types.js';
import { probeAuthorizationServer, readMetadataFile } from './authorization-server.js';
import { defaultScope, probeRedirectUris } from './redirect-uris.js';
import { probeRegistration } from './registration.js';

/** What the probes need to know, already validated by the CLI. */
export interface ProbeOptions {
  issuer?: string;
  metadataFile?: string;
  clientId?: string;
  register: boolean;
  scope?: string;
  resource?: string;
  timeoutMs: number;
  userAgent: string;
  secrets: string[];
}

const NO_CLIENT = 'no client id: pass `--client-id <id>` (the client you enter in Claude), or `--register` to let the linter register one';

/**
 * A probe that throws (a bug, or input no check foresaw) becomes a failed probe with its reason,
 * so the run still ends in a report rather than a stack trace.
 */
async function guarded<T>(probe: () => Promise<ProbeState<T>>): Promise<ProbeState<T>> {
  try {
    return await probe();
  } catch (error) {
    return { status: 'failed', reason: `the probe stopped on unexpected input: ${sanitize(error instanceof Error ? error.message : String(error), 200)}` };
  }
}

/** Runs the probes in dependency order and returns their recorded facts. All network I/O is here. */
export async function runProbes(options: ProbeOptions): Promise<{ states: ProbeStates; exchanges: Exchange[] }> {
  const http = new HttpClient({ timeoutMs: options.timeoutMs, userAgent: options.userAgent, secrets: options.secrets });
  try {
    const offline = options.metadataFile !== undefined;
    const authorizationServer = offline
      ? await readMetadataFile(options.metadataFile as string, options.issuer)
      : await guarded(() => probeAuthorizationServer(http, options.issuer as string));
    const states: ProbeStates = {
      authorizationServer,
      registration: { status: 'not-run', reason: 'opt-in: pass `--register` to register a client the way Claude does', cause: 'opt-in' },
      redirectUris: { status: 'not-run', reason: NO_CLIENT, cause: 'missing-input' },
    };
    if (offline) {
      const reason = 'offline lint of a saved metadata document';
      states.registration = { status: 'not-run', reason, cause: 'offline' };
      states.redirectUris = { status: 'not-run', reason, cause: 'offline' };
      return { states, exchanges: http.exchanges };
    }
    if (authorizationServer.status !== 'ok') {
      const reason = 'authorization-server metadata unavailable';
      states.registration = { status: 'not-run', reason, cause: 'dependency' };
      states.redirectUris = { status: 'not-run', reason, cause: 'dependency' };
      return { states, exchanges: http.exchanges };
    }
    const { metadata } = authorizationServer.value;
    const scope = options.scope ?? defaultScope(metadata);
    const request = { metadata, issuer: options.issuer, scope, resource: options.resource };
    if (options.register) states.registration = await guarded(() => probeRegistration(http, request));
    if (options.clientId) {
      const clientId = options.clientId;
      states.redirectUris = await guarded(() => probeRedirectUris(http, { ...request, clientId, clientSource: 'flag' }));
    } else if (states.registration.status === 'ok' && states.registration.value.authorization) {
      states.redirectUris = { status: 'ok', value: states.registration.value.authorization };
    } else if (options.register) {
      states.redirectUris = {
        status: 'not-run',
        reason: '`--register` produced no client to probe with (see dcr-accepts-claude-registration); pass `--client-id <id>`',
        cause: 'missing-input',
      };
    }
    return { states, exchanges: http.exchanges };
  } finally {
    await http.close();
  }
}
