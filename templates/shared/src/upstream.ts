import { LOOPBACK } from './http.js';

/**
 * APILayer's Exchange Rates Data API (https://apilayer.com/marketplace/exchangerates_data-api), one
 * of the common rates APIs answering `GET /latest?base=USD` with `{ base, date, rates }`.
 */
export const DEFAULT_UPSTREAM_URL = 'https://api.apilayer.com/exchangerates_data';

/** Rates as the upstream API gives them: units of each currency per one unit of `base`. */
export interface Rates {
  base: string;
  date: string;
  rates: Record<string, number>;
}

/**
 * A failure of the upstream API, worded so that whoever reads it (Claude, the person running the
 * server) knows what to do. It is shown to clients, so it never contains the key.
 */
export class UpstreamError extends Error {}

export interface UpstreamOptions {
  /** The API's base URL: rates are at `{url}/latest?base=USD`. */
  url: string;
  /** The server's own credential, sent to the upstream API and nowhere else. */
  apiKey: string;
  /** How long to wait for an answer: a tool call should fail fast rather than hang. */
  timeoutMs?: number;
}

/**
 * The upstream API this connector calls with one server-held credential. The key travels in the
 * `apikey` request header, as APILayer expects (for an API that wants `Authorization: Bearer <key>`,
 * change the header in `latest`); never in the URL, where proxies and access logs would record it.
 */
export class Upstream {
  readonly #latestUrl: URL;
  readonly #apiKey: string;
  readonly #timeoutMs: number;

  constructor({ url, apiKey, timeoutMs = 5_000 }: UpstreamOptions) {
    if (!apiKey || apiKey === 'replace-me') throw new Error('UPSTREAM_API_KEY is not set: copy .env.example to .env and set it (see README).');
    // Checked here, so that fetch never fails later with an error message that quotes the key.
    if (!/^[\x21-\x7e]+$/.test(apiKey)) throw new Error('UPSTREAM_API_KEY has characters an HTTP header cannot carry (spaces, line breaks, non-ASCII): copy it again.');
    this.#latestUrl = latestUrl(url);
    this.#apiKey = apiKey;
    this.#timeoutMs = timeoutMs;
  }

  /** The latest rates; any failure is an `UpstreamError` saying what went wrong and what to do. */
  async latest(): Promise<Rates> {
    let response: Response;
    let body: string;
    try {
      response = await fetch(this.#latestUrl, {
        headers: { apikey: this.#apiKey, accept: 'application/json' },
        // Following a redirect would send the key header to wherever the redirect points.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      body = await response.text();
    } catch (error) {
      if ((error as Error).name === 'TimeoutError') throw new UpstreamError(`The rates service did not answer within ${this.#timeoutMs / 1000} s: try again later.`);
      const code = ((error as Error).cause as NodeJS.ErrnoException | undefined)?.code ?? 'network error';
      throw new UpstreamError(`Cannot reach the rates service (${code}): check UPSTREAM_URL and the network.`);
    }
    if (!response.ok) throw statusError(response);
    return ratesFrom(body);
  }
}

function latestUrl(base: string): URL {
  let url: URL;
  try {
    url = new URL('latest', base.endsWith('/') ? base : `${base}/`);
  } catch {
    throw new Error('UPSTREAM_URL is not a URL: set it to the rates API, e.g. https://api.apilayer.com/exchangerates_data (see README).');
  }
  const loopback = LOOPBACK.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new Error('UPSTREAM_URL must be an https URL (plain http only on localhost): the API key would otherwise cross the network readable.');
  }
  url.searchParams.set('base', 'USD');
  return url;
}

function statusError(response: Response): UpstreamError {
  const status = response.status;
  if (status === 401 || status === 403) return new UpstreamError(`The rates service refused the API key (${status}): check UPSTREAM_API_KEY.`);
  if (status === 429) {
    const wait = Number(response.headers.get('retry-after'));
    return new UpstreamError(`The rates service is rate-limiting this connector (429): try again ${wait > 0 ? `in ${wait} s` : 'later'}, or raise the plan's quota.`);
  }
  if (status >= 500) return new UpstreamError(`The rates service failed (${status}): try again later.`);
  if (status >= 300 && status < 400) return new UpstreamError(`The rates service redirected (${status}) instead of answering: set UPSTREAM_URL to the address it redirects to.`);
  return new UpstreamError(`The rates service answered ${status} to GET /latest: check UPSTREAM_URL.`);
}

/** Reads the answer: a rates table of positive numbers, the base currency included. */
function ratesFrom(body: string): Rates {
  const { base, date, rates } = jsonObject(body);
  if (typeof base !== 'string' || typeof rates !== 'object' || rates === null) {
    throw new UpstreamError('The rates service answered without a rates table: check that UPSTREAM_URL is a rates API (GET /latest?base=USD).');
  }
  const valid = Object.entries(rates).filter((entry): entry is [string, number] => typeof entry[1] === 'number' && Number.isFinite(entry[1]) && entry[1] > 0);
  return { base, date: typeof date === 'string' ? date : 'an unknown date', rates: { ...Object.fromEntries(valid), [base]: 1 } };
}

/** The fields of a JSON object, or none when the body is not one (an HTML error page, say). */
function jsonObject(body: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
