import type { HttpClient } from '../transport/http.js';
import { parseJsonObject } from '../protocol/json.js';
import { privateLinkFrom } from '../transport/url.js';
import { redactJson } from '../transport/redact.js';
import type { JsonObject, ProbeId, ProbeState, RegistrationFacts } from '../types.js';
import { CLAUDE_AI_CALLBACK, CLAUDE_COM_CALLBACK } from '../judgement/claude.js';
import { probeRedirectUris, type RedirectProbeInput } from './redirect-uris.js';

const RESPONSE_MAX_BYTES = 256 * 1024;

/**
 * The registration Claude sends (RFC 7591): both callbacks, code + refresh, a public client. MCP
 * 2026-07-28 (SEP-837) requires an `application_type`; `web` is the type for https callbacks.
 */
export const CLAUDE_REGISTRATION: JsonObject = {
  client_name: 'connector-lint probe (safe to delete)',
  application_type: 'web',
  redirect_uris: [CLAUDE_AI_CALLBACK, CLAUDE_COM_CALLBACK],
  grant_types: ['authorization_code', 'refresh_token'],
  response_types: ['code'],
  token_endpoint_auth_method: 'none',
};

/** Sends one registration request (RFC 7591) and records it under `probe`. */
export function postRegistration(http: HttpClient, probe: ProbeId, endpoint: string, registration: JsonObject): ReturnType<HttpClient['send']> {
  return http.send({
    probe,
    method: 'POST',
    url: endpoint,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(registration),
    maxBytes: RESPONSE_MAX_BYTES,
  });
}

/**
 * Registers a client the way Claude does, probes the authorization endpoint with it, then deletes
 * it where RFC 7592 management is offered. Creates state at the IdP, hence opt-in (`--register`).
 */
export async function probeRegistration(
  http: HttpClient,
  request: Omit<RedirectProbeInput, 'clientId' | 'clientSource'>,
): Promise<ProbeState<RegistrationFacts>> {
  const { metadata } = request;
  const endpoint = metadata.registration_endpoint;
  if (typeof endpoint !== 'string') {
    return { status: 'not-run', reason: 'the metadata has no `registration_endpoint`', cause: 'not-applicable' };
  }
  if (request.issuer && privateLinkFrom(request.issuer, endpoint)) {
    return { status: 'failed', reason: `\`registration_endpoint\` is a private address (\`${endpoint}\`); not probed` };
  }
  const res = await postRegistration(http, 'registration', endpoint, CLAUDE_REGISTRATION);
  const facts: RegistrationFacts = {
    endpoint,
    requested: CLAUDE_REGISTRATION,
    exchangeId: res.exchange.id,
    status: res.status,
    contentType: res.headers['content-type'],
    durationMs: res.exchange.durationMs,
    failure: res.failure,
    cleanup: { status: 'not-offered' },
  };
  const parsed = res.failure ? undefined : parseJsonObject(res.body.toString('utf8'));
  const response = parsed?.ok ? parsed.value : undefined;
  if (response) facts.response = redactJson(response);
  const ok = res.status !== undefined && res.status >= 200 && res.status < 300;
  if (!ok || !response) return { status: 'ok', value: facts };
  // Whatever happens next, a client that was created is deleted where the IdP allows it.
  try {
    if (typeof response.client_id === 'string' && response.client_id !== '') {
      facts.clientId = response.client_id;
      const authorization = await probeRedirectUris(http, { ...request, clientId: response.client_id, clientSource: 'registration' });
      if (authorization.status === 'ok') facts.authorization = authorization.value;
    }
  } finally {
    facts.cleanup = await deleteClient(http, response);
  }
  return { status: 'ok', value: facts };
}

/** Deletes a registered client (RFC 7592) where the registration answer offers management. */
export async function deleteClient(http: HttpClient, response: JsonObject, probe: ProbeId = 'registration'): Promise<RegistrationFacts['cleanup']> {
  const uri = response.registration_client_uri;
  const token = response.registration_access_token;
  if (typeof uri !== 'string' || typeof token !== 'string') return { status: 'not-offered' };
  const res = await http.send({
    probe,
    method: 'DELETE',
    url: uri,
    headers: { authorization: `Bearer ${token}` },
    maxBytes: RESPONSE_MAX_BYTES,
  });
  if (res.failure) return { status: 'failed', detail: res.failure.detail };
  const deleted = res.status === 204 || res.status === 200;
  return { status: deleted ? 'deleted' : 'failed', httpStatus: res.status };
}
