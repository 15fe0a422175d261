/** A JSON document this server needed and could not get; the message says which URL and why. */
export class FetchJsonError extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
    /** The HTTP status, when the server answered with one. */
    readonly status?: number,
  ) {
    super(`GET ${url}: ${reason}`);
  }
}

/** TLS failures, by the codes Node and OpenSSL give them (certificate, handshake, http spoken to https). */
const TLS_CODES = /^(ERR_SSL_|ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH|EPROTO$)/;

/** Why a request got no HTTP answer, in words that point at the fix (`fetch failed` alone does not). */
function networkReason(error: unknown, url: URL, timeoutMs: number): string {
  if ((error as Error).name === 'TimeoutError') return `no answer within ${timeoutMs / 1000} s`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `the host name ${url.hostname} does not resolve (DNS: ${code})`;
  if (code === 'ECONNREFUSED') return `connection refused: nothing listens at ${url.host}`;
  if (TLS_CODES.test(code)) return `the TLS connection failed (${code}): check the certificate, and whether the URL should be https or http`;
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return `${url.host} closed the connection without answering`;
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return `could not connect to ${url.host} in time`;
  return cause?.message ?? (error as Error).message;
}

/**
 * GETs a JSON document with a deadline. Every way of not getting one (no answer, a status other
 * than 2xx, a redirect when redirects are not followed, a body that is not JSON) is a
 * `FetchJsonError` that says which.
 */
export async function fetchJson(url: string, options: { timeoutMs: number; followRedirects: boolean }): Promise<unknown> {
  const target = new URL(url);
  const signal = AbortSignal.timeout(options.timeoutMs);
  let response: Response;
  try {
    response = await fetch(target, { headers: { accept: 'application/json' }, redirect: options.followRedirects ? 'follow' : 'manual', signal });
  } catch (error) {
    throw new FetchJsonError(url, networkReason(error, target, options.timeoutMs));
  }
  if (!response.ok) {
    await response.body?.cancel();
    const redirect = response.status >= 300 && response.status < 400 ? `, a redirect to ${response.headers.get('location') ?? 'nowhere'}` : '';
    throw new FetchJsonError(url, `answered HTTP ${response.status}${redirect}`, response.status);
  }
  try {
    return await response.json();
  } catch (error) {
    if (signal.aborted) throw new FetchJsonError(url, networkReason(error, target, options.timeoutMs));
    throw new FetchJsonError(url, `answered ${response.status} with something other than JSON (${response.headers.get('content-type') ?? 'no content-type'})`, response.status);
  }
}
