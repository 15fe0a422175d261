import { randomBytes } from 'node:crypto';
import * as oauth from 'openid-client';
import { sanitize } from '../../shared/sanitize.js';
import { CLAUDE_AI_CALLBACK, CLAUDE_COM_CALLBACK } from '../judgement/claude.js';
import type { HttpClient, SendResult } from '../transport/http.js';
import { hostOf, parseHttpUrl, privateLinkFrom } from '../transport/url.js';
import type { CandidateProbe, CandidateRole, Hop, JsonObject, ProbeState, RedirectProbeFacts } from '../types.js';


/** Google's sign-in page carries its error marker ~760 KB in; past 4 MiB nothing is a sign-in page. */
const PAGE_MAX_BYTES = 4 * 1024 * 1024;
const MAX_HOPS = 6;

/** OAuth error codes (RFC 6749 §4.1.2.1, RFC 7591 §3.2.2, RFC 8707, RFC 8628) and the common `redirect_uri_mismatch` / `redirect_mismatch`. */
const OAUTH_CODES =
  /\b(invalid_request|unauthorized_client|access_denied|unsupported_response_type|invalid_scope|server_error|temporarily_unavailable|invalid_client|invalid_redirect_uri|redirect_uri_mismatch|redirect_mismatch|invalid_target|slow_down)\b/g;

export interface RedirectProbeInput {
  metadata: JsonObject;
  issuer?: string;
  clientId: string;
  clientSource: RedirectProbeFacts['clientSource'];
  scope?: string;
  resource?: string;
}

/** A sibling of a callback that no IdP can have registered: it isolates path matching on that host. */
function controlUri(callback: string): string {
  return `${callback}-connector-lint-${randomBytes(4).toString('hex')}`;
}

/** Server-chosen strings are recorded sanitised, so no later message can carry an escape sequence. */
function cleanParam(value: string | null): string | undefined {
  return value === null ? undefined : sanitize(value, 200);
}

function readHop(res: SendResult): Hop {
  const hop: Hop = {
    exchangeId: res.exchange.id,
    url: res.exchange.url,
    status: res.status,
    location: res.location,
    contentType: res.headers['content-type'],
    bodyCodes: [],
    bodyMentions: [],
    failure: res.failure,
  };
  if (res.location) {
    try {
      const params = new URL(res.location).searchParams;
      hop.error = cleanParam(params.get('error'));
      hop.errorDescription = cleanParam(params.get('error_description'));
    } catch {
      // An unparseable Location carries no protocol error; the hop still records it.
    }
  }
  const text = res.body.toString('utf8');
  if (/json/i.test(hop.contentType ?? '')) {
    try {
      const json = JSON.parse(text) as Record<string, unknown>;
      if (typeof json.error === 'string') hop.error = cleanParam(json.error);
      if (typeof json.error_description === 'string') hop.errorDescription = cleanParam(json.error_description);
    } catch {
      // Not JSON after all: the body-text scan below still applies.
    }
  }
  hop.bodyCodes = [...new Set(text.match(OAUTH_CODES) ?? [])].sort();
  // A parameter named in prose, not echoed as `name=value` inside a URL.
  for (const name of ['redirect_uri', 'response_type']) {
    if (new RegExp(`\\b${name}\\b(?!\\s*["'=:%&])`, 'i').test(text)) hop.bodyMentions.push(name);
  }
  return hop;
}

function cookieHeader(jar: Map<string, Map<string, string>>, host: string): Record<string, string> {
  const cookies = jar.get(host);
  if (!cookies || cookies.size === 0) return {};
  return { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') };
}

function storeCookies(jar: Map<string, Map<string, string>>, host: string, setCookies: string[]): void {
  if (setCookies.length === 0) return;
  const cookies = jar.get(host) ?? new Map<string, string>();
  // RFC 6265 §5.2: the name-value pair is what precedes the first `;`; attributes do not matter here.
  for (const line of setCookies) {
    const pair = line.split(';')[0] ?? '';
    const eq = pair.indexOf('=');
    if (eq > 0) cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
  jar.set(host, cookies);
}

/**
 * Sends one authorization request and follows its redirects while they stay on the IdP's hosts,
 * carrying the IdP's cookies as a browser would. Stops before any other host, the redirect URI
 * included, so nothing is ever delivered to a callback.
 */
async function followChain(
  http: HttpClient,
  role: CandidateRole,
  url: string,
  idpHosts: Set<string>,
  redirectUri: string | undefined,
): Promise<CandidateProbe> {
  const probe: CandidateProbe = { role, redirectUri, hops: [], stop: 'end' };
  const jar = new Map<string, Map<string, string>>();
  let next = url;
  for (let i = 0; i < MAX_HOPS; i++) {
    const host = new URL(next).host;
    const res = await http.send({
      probe: 'redirectUris',
      method: 'GET',
      url: next,
      headers: { accept: 'text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8', ...cookieHeader(jar, host) },
      maxBytes: PAGE_MAX_BYTES,
    });
    const hop = readHop(res);
    probe.hops.push(hop);
    if (res.failure) {
      probe.stop = 'failed';
      return probe;
    }
    storeCookies(jar, host, res.setCookies);
    const status = res.status ?? 0;
    if (status < 300 || status >= 400 || !res.location) return probe;
    if (!parseHttpUrl(res.location) || !idpHosts.has(hostOf(res.location) ?? '')) {
      probe.stop = 'left-idp';
      return probe;
    }
    next = res.location;
  }
  probe.stop = 'hop-limit';
  return probe;
}

/**
 * The differential redirect-URI probe: the authorization request Claude sends (response_type=code,
 * PKCE S256, state, scope, resource) with each Claude callback, an unregistered control, and no
 * redirect_uri at all (which shows whether the client may use the code flow).
 */
export async function probeRedirectUris(http: HttpClient, input: RedirectProbeInput): Promise<ProbeState<RedirectProbeFacts>> {
  const endpoint = input.metadata.authorization_endpoint;
  if (typeof endpoint !== 'string' || !parseHttpUrl(endpoint)) {
    return { status: 'failed', reason: 'the metadata has no usable `authorization_endpoint`' };
  }
  // A public issuer naming a private endpoint: Claude cannot reach it, and the linter does not go there.
  if (input.issuer && privateLinkFrom(input.issuer, endpoint)) {
    return { status: 'failed', reason: `\`authorization_endpoint\` is a private address (\`${endpoint}\`); not probed` };
  }
  const idpHosts = new Set([hostOf(endpoint), hostOf(input.issuer)].filter((h): h is string => Boolean(h)));
  const candidates: { role: CandidateRole; redirectUri?: string }[] = [
    { role: 'claude-ai', redirectUri: CLAUDE_AI_CALLBACK },
    { role: 'claude-com', redirectUri: CLAUDE_COM_CALLBACK },
    { role: 'claude-ai-control', redirectUri: controlUri(CLAUDE_AI_CALLBACK) },
    { role: 'claude-com-control', redirectUri: controlUri(CLAUDE_COM_CALLBACK) },
    { role: 'client-default' },
  ];
  const probes = await Promise.all(
    candidates.map(async ({ role, redirectUri }) => {
      const url = new URL(endpoint);
      const params: Record<string, string | undefined> = {
        response_type: 'code',
        client_id: input.clientId,
        redirect_uri: redirectUri,
        state: oauth.randomState(),
        code_challenge: await oauth.calculatePKCECodeChallenge(oauth.randomPKCECodeVerifier()),
        code_challenge_method: 'S256',
        scope: input.scope,
        resource: input.resource,
      };
      for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value);
      return followChain(http, role, url.href, idpHosts, redirectUri);
    }),
  );
  return {
    status: 'ok',
    value: {
      clientId: input.clientId,
      clientSource: input.clientSource,
      authorizationEndpoint: endpoint,
      idpHosts: [...idpHosts],
      scope: input.scope,
      resource: input.resource,
      candidates: probes,
    },
  };
}

/** The scope Claude asks for when the server names none: the AS's `scopes_supported`. */
export function defaultScope(metadata: JsonObject): string | undefined {
  const scopes = metadata.scopes_supported;
  if (!Array.isArray(scopes)) return undefined;
  const list = scopes.filter((s): s is string => typeof s === 'string');
  return list.length > 0 ? list.join(' ') : undefined;
}
