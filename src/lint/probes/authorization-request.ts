import { createHash } from 'node:crypto';
import { sanitize } from '../../shared/sanitize.js';
import type { HttpClient, SendResult } from '../transport/http.js';
import { hostOf, parseHttpUrl } from '../transport/url.js';
import type { CandidateProbe, Hop, ProbeId } from '../types.js';

/** Google's sign-in page carries its error marker ~760 KB in; past 4 MiB nothing is a sign-in page. */
const PAGE_MAX_BYTES = 4 * 1024 * 1024;
const MAX_HOPS = 6;

/** OAuth error codes (RFC 6749 §4.1.2.1, RFC 7591 §3.2.2, RFC 8707, RFC 8628, OIDC Core §3.1.2.6) and the common `redirect_uri_mismatch` / `redirect_mismatch`. */
const OAUTH_CODES =
  /\b(invalid_request|unauthorized_client|access_denied|unsupported_response_type|invalid_scope|server_error|temporarily_unavailable|invalid_client|invalid_redirect_uri|redirect_uri_mismatch|redirect_mismatch|invalid_target|slow_down|login_required|interaction_required|consent_required)\b/g;

/** Server-chosen strings are recorded sanitised, so no later message can carry an escape sequence. */
function cleanParam(value: string | null): string | undefined {
  return value === null ? undefined : sanitize(value, 200);
}

/**
 * The body with what differs from one request to the next masked: the values this request sent
 * (its redirect URI and state echo back in forms and links), long ids, numbers. What remains is
 * what the IdP chose to answer, so two requests that got the same answer get the same digest.
 */
function bodyDigest(text: string, sent: string[]): string {
  let masked = text;
  for (const value of sent) {
    for (const form of new Set([value, encodeURIComponent(value), value.replace(/&/g, '&amp;')])) masked = masked.split(form).join('<sent>');
  }
  // Long runs of base64url or base64 without `/` (session ids, nonces; not paths), then shorter
  // tokens that mix letters and digits (Keycloak's 11-character tab ids), then any number.
  masked = masked
    .replace(/[A-Za-z0-9+_=-]{16,}/g, '<id>')
    .replace(/\b(?=[A-Za-z_-]*\d)(?=[0-9_-]*[A-Za-z])[A-Za-z0-9_-]{8,}\b/g, '<id>')
    .replace(/\d+/g, '0');
  return createHash('sha256').update(masked).digest('hex').slice(0, 16);
}

function readHop(res: SendResult, sent: string[]): Hop {
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
      hop.iss = cleanParam(params.get('iss'));
    } catch {
      // An unparseable Location carries no protocol error; the hop still records it.
    }
  }
  if (res.failure) return hop;
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
  // A parameter named in prose (Okta: "The 'redirect_uri' parameter must be…"), not echoed as
  // `name=value` in a URL, a JSON key or a form field's name.
  for (const name of ['redirect_uri', 'response_type']) {
    if (new RegExp(`(?<!name=["'])\\b${name}\\b(?!["']?\\s*[=:%&])`, 'i').test(text)) hop.bodyMentions.push(name);
  }
  hop.bodyDigest = bodyDigest(text, sent);
  return hop;
}

type CookieJar = Map<string, Map<string, string>>;

function cookieHeader(jar: CookieJar, host: string): Record<string, string> {
  const cookies = jar.get(host);
  if (!cookies || cookies.size === 0) return {};
  return { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') };
}

function storeCookies(jar: CookieJar, host: string, setCookies: string[]): void {
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

/** One authorization request to send: what it tests, and its full URL. */
export interface AuthorizationRequest {
  probe: Omit<CandidateProbe, 'hops' | 'stop'>;
  url: string;
  /** Values this request chose (redirect URI, state, PKCE challenge): masked when answers are compared. */
  sent: string[];
}

/**
 * Sends one authorization request and follows its redirects while they stay on the IdP's hosts,
 * carrying the IdP's cookies as a browser would. Stops before any other host, the redirect URI
 * included, so nothing is ever delivered to a callback.
 */
export async function followChain(http: HttpClient, probeId: ProbeId, request: AuthorizationRequest, idpHosts: Set<string>): Promise<CandidateProbe> {
  const probe: CandidateProbe = { ...request.probe, hops: [], stop: 'end' };
  const jar: CookieJar = new Map();
  let next = request.url;
  for (let i = 0; i < MAX_HOPS; i++) {
    const host = new URL(next).host;
    const res = await http.send({
      probe: probeId,
      method: 'GET',
      url: next,
      headers: { accept: 'text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8', ...cookieHeader(jar, host) },
      maxBytes: PAGE_MAX_BYTES,
    });
    probe.hops.push(readHop(res, request.sent));
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
