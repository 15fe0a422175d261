import { typedWithoutPath } from './url.js';

/** Query parameter names that carry credentials in a connector URL (Claude docs: `token`, `apiKey`, `userToken`). */
export const CREDENTIAL_PARAM = /^(token|access_?token|user_?token|api_?key|apikey|key|secret|client_?secret|password|auth)$/i;

/** Query parameters whose values are credentials or one-time secrets. */
const SECRET_PARAMS = new Set([
  'code',
  'code_verifier',
  'client_secret',
  'client_assertion',
  'access_token',
  'refresh_token',
  'id_token',
  'token',
  'registration_access_token',
  'password',
  'assertion',
]);

export const REDACTED = '[redacted]';

/**
 * Replaces secret query values and URL passwords; leaves anything unparseable as it was. A URL typed
 * without a path stays without one (WHATWG URL writes `https://host` as `https://host/`), so no
 * message shows a slash the user never typed.
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (parsed.password) parsed.password = 'redacted';
  for (const key of [...parsed.searchParams.keys()]) {
    if (SECRET_PARAMS.has(key.toLowerCase()) || CREDENTIAL_PARAM.test(key)) parsed.searchParams.set(key, REDACTED);
  }
  // Implicit and hybrid responses carry codes and tokens in the fragment, form-encoded.
  if (parsed.hash.includes('=')) {
    const fragment = new URLSearchParams(parsed.hash.slice(1));
    for (const key of [...fragment.keys()]) {
      if (SECRET_PARAMS.has(key.toLowerCase())) fragment.set(key, REDACTED);
    }
    parsed.hash = fragment.toString();
  }
  if (!typedWithoutPath(url)) return parsed.href;
  // The path's `/` is the first one after `scheme://`: neither userinfo nor host can hold one.
  const slash = parsed.href.indexOf('/', parsed.protocol.length + 2);
  return parsed.href.slice(0, slash) + parsed.href.slice(slash + 1);
}

/** Removes every occurrence of known secret values (from the environment) from a string. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/** Copies a JSON object with secret-bearing members replaced. */
export function redactJson(value: Record<string, unknown>): Record<string, unknown> {
  // fromEntries defines own properties, so a server's `__proto__` key stays data, never a prototype.
  return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, SECRET_PARAMS.has(key) && typeof member === 'string' ? REDACTED : member]));
}

/** Environment variables whose values must never appear in any output. */
export const SECRET_ENV = ['CONNECTOR_CLIENT_SECRET', 'CONNECTOR_ACCESS_TOKEN'];

export function secretsIn(env: Record<string, string | undefined>): string[] {
  return SECRET_ENV.map((name) => env[name]).filter((v): v is string => Boolean(v));
}
