import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { sanitize } from '../../shared/sanitize.js';
import { redactSecrets, redactUrl } from './redact.js';
import { isWithinOrigin, parseHttpUrl } from './url.js';
import type { Exchange, HttpFailure, HttpFailureCause, ProbeId } from '../types.js';
import type { Proxies, ProxyRoute } from './proxy.js';

export interface HttpOptions {
  /** Per-request limit for connect, headers and the whole body together. */
  timeoutMs: number;
  userAgent: string;
  /** Values that must never appear in recorded exchanges (client secret, tokens). */
  secrets: readonly string[];
  /** The environment, for `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Ends every request in flight and refuses new ones (Ctrl-C), so nothing holds the process open. */
  signal?: AbortSignal;
}

export interface SendInput {
  probe: ProbeId;
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** Hard cap on the body read; the rest is discarded and `truncated` set. */
  maxBytes: number;
  /** Called with each body chunk; returning true stops reading (the answer so far is kept). */
  stopWhen?: (chunk: Buffer, headers: Record<string, string>) => boolean;
  /** Stop reading the body this long after the headers (a stream that stays open), without failing. */
  bodyWindowMs?: number;
}

export interface SendResult {
  exchange: Exchange;
  status?: number;
  /** Lower-case names; repeated headers joined with `, ` except `set-cookie`, kept in `setCookies`. */
  headers: Record<string, string>;
  setCookies: string[];
  /** Absolute `Location`, resolved against the request URL. */
  location?: string;
  body: Buffer;
  truncated: boolean;
  failure?: HttpFailure;
}

/** The largest response head either request path reads; a bigger one is a `too-large` failure. */
export const MAX_HEADER_BYTES = 64 * 1024;

/** Any of these, set and non-empty, sends requests through proxy.ts; `NO_PROXY` alone has nothing to exempt. */
const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'];

const TLS_CODES = /^(CERT_|ERR_TLS_|ERR_SSL_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(VERIFY|GET)_)/;

/** A failure already named by the request path that met it (the proxy's, which knows its proxy). */
export class NamedFailure extends Error {
  constructor(readonly failure: HttpFailure) {
    super(failure.detail);
  }
}

/** What a request's deadline ends it with; {@link describeFailure} names it `timeout`. */
export function deadlineError(): Error {
  return Object.assign(new Error('deadline'), { name: 'TimeoutError' });
}

/** Names a failure by its cause, in one line; node's error codes, which undici shares for sockets and TLS. */
export function describeFailure(error: unknown, timeoutMs: number): HttpFailure {
  if (error instanceof NamedFailure) return error.failure;
  const err = error as { code?: string; name?: string; message?: string };
  const code = err.code ?? '';
  const message = err.message ?? String(error);
  const make = (cause: HttpFailureCause, detail: string): HttpFailure => ({ cause, detail: sanitize(detail, 240) });
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return make('dns', `DNS lookup failed (${code})`);
  if (code === 'ECONNREFUSED') return make('refused', 'connection refused');
  // EPROTO: the TLS handshake met something that is not TLS (an http server on an https URL).
  if (TLS_CODES.test(code) || code === 'EPROTO') return make('tls', `TLS failure (${code}): ${message}`);
  if (err.name === 'TimeoutError') return make('timeout', `no complete answer within ${timeoutMs / 1000} s`);
  if (code === 'HPE_HEADER_OVERFLOW') return make('too-large', 'response headers too large');
  if (code === 'ECONNRESET' || code === 'EPIPE') return make('reset', 'connection closed by the server');
  return make('network', code ? `${code}: ${message}` : message);
}

// node:http keeps only the first of these when a response repeats them; undici keeps every value,
// so applying node's rule here makes a proxied response read exactly like a direct one.
const FIRST_WINS = new Set(['age', 'authorization', 'content-length', 'content-type', 'etag', 'expires', 'from', 'host', 'if-modified-since', 'if-unmodified-since', 'last-modified', 'location', 'max-forwards', 'proxy-authorization', 'referer', 'retry-after', 'server', 'user-agent']);

function flattenHeaders(raw: Record<string, string | string[] | undefined>): { headers: Record<string, string>; setCookies: string[] } {
  const headers: Record<string, string> = {};
  let setCookies: string[] = [];
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    if (key === 'set-cookie') setCookies = Array.isArray(value) ? value : [value];
    else if (Array.isArray(value)) headers[key] = FIRST_WINS.has(key) ? (value[0] ?? '') : value.join(', ');
    else headers[key] = value;
  }
  return { headers, setCookies };
}

/** The request headers both paths send: the user agent, the caller's, and the body's length. */
export function requestHeaders(input: SendInput, userAgent: string): Record<string, string> {
  return { 'user-agent': userAgent, ...input.headers, ...(input.body !== undefined ? { 'content-length': String(Buffer.byteLength(input.body)) } : {}) };
}

/** Records a response's status, flattened headers and resolved `Location`. */
export function readHead(result: SendResult, status: number | undefined, raw: Record<string, string | string[] | undefined>, requestUrl: string): void {
  const { headers, setCookies } = flattenHeaders(raw);
  result.status = status;
  result.headers = headers;
  result.setCookies = setCookies;
  if (headers.location !== undefined) {
    try {
      result.location = new URL(headers.location, requestUrl).href;
    } catch {
      result.location = headers.location;
    }
  }
}

/**
 * Reads a response body within `maxBytes`, `stopWhen` and `bodyWindowMs`, then destroys the stream;
 * one function for both paths so that they stop reading at the same byte.
 */
export function readBody(body: Readable, input: SendInput, result: SendResult): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let window: NodeJS.Timeout | undefined;
    const done = () => {
      clearTimeout(window);
      result.body = Buffer.concat(chunks);
      body.removeAllListeners('data');
      body.destroy();
      resolve();
    };
    if (input.bodyWindowMs !== undefined) window = setTimeout(done, input.bodyWindowMs);
    body.on('data', (chunk: Buffer) => {
      if (size + chunk.length > input.maxBytes) {
        chunks.push(chunk.subarray(0, input.maxBytes - size));
        size = input.maxBytes;
        result.truncated = true;
        done();
        return;
      }
      chunks.push(chunk);
      size += chunk.length;
      if (input.stopWhen?.(chunk, result.headers)) done();
    });
    body.on('end', done);
    body.on('error', reject);
    // The request's deadline can destroy the stream first; the window must not outlive it.
    body.on('close', () => clearTimeout(window));
  });
}

/**
 * The linter's only door to the network: every request is bounded in time and size, recorded as
 * a redacted {@link Exchange}, and never follows redirects by itself (callers decide, hop by hop).
 */
export class HttpClient {
  readonly exchanges: Exchange[] = [];
  // node:http rather than undici: its C++ parser spares the WebAssembly one undici compiles at
  // start-up (about 40 MiB of memory and 100 ms per run, measured by `npm run bench`).
  private readonly agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
  // Loaded on the first request, and only when the environment names a proxy: it brings undici.
  private proxies?: Promise<Proxies>;

  constructor(private readonly options: HttpOptions) {
    // Destroying the agents closes every socket, in use or idle: requests in flight fail at once.
    options.signal?.addEventListener('abort', () => void this.close(), { once: true });
  }

  /** Sanitises text from the network and redacts the run's secrets from it. */
  clean(text: string, max = 500): string {
    return sanitize(redactSecrets(text, this.options.secrets), max);
  }

  async send(input: SendInput): Promise<SendResult> {
    const exchange: Exchange = {
      id: `x${this.exchanges.length + 1}`,
      probe: input.probe,
      method: input.method,
      url: this.clean(redactUrl(input.url)),
      durationMs: 0,
    };
    this.exchanges.push(exchange);
    const started = performance.now();
    const result: SendResult = { exchange, headers: {}, setCookies: [], body: Buffer.alloc(0), truncated: false };
    try {
      if (this.options.signal?.aborted) throw new NamedFailure({ cause: 'network', detail: 'interrupted' });
      const proxy = await this.proxyFor(input.url);
      await (proxy ? proxy.exchange(input, result) : this.exchange(input, result));
      exchange.status = result.status;
      if (result.headers['content-type']) exchange.contentType = this.clean(result.headers['content-type'], 120);
      if (result.location !== undefined) exchange.location = this.clean(redactUrl(result.location));
      exchange.bytes = result.body.length;
    } catch (error) {
      result.failure = describeFailure(error, this.options.timeoutMs);
      result.failure.detail = this.clean(result.failure.detail, 240);
      exchange.failure = result.failure;
    }
    exchange.durationMs = Math.round(performance.now() - started);
    return result;
  }

  /** The proxy route for a URL, or undefined to go direct (no proxy configured, or `NO_PROXY`). */
  private async proxyFor(url: string): Promise<ProxyRoute | undefined> {
    if (!this.proxies) {
      if (!PROXY_VARIABLES.some((name) => this.options.env?.[name])) return undefined;
      this.proxies = import('./proxy.js').then(({ Proxies }) => new Proxies(this.options));
    }
    return (await this.proxies).routeFor(url);
  }

  /** One request: the whole of it, connection to last byte read, within `timeoutMs`. */
  private exchange(input: SendInput, result: SendResult): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const url = new URL(input.url);
      const secure = url.protocol === 'https:';
      const req = (secure ? https : http).request(url, {
        method: input.method,
        headers: requestHeaders(input, this.options.userAgent),
        agent: secure ? this.agents.https : this.agents.http,
        maxHeaderSize: MAX_HEADER_BYTES,
      });
      const deadline = setTimeout(() => req.destroy(deadlineError()), this.options.timeoutMs);
      const finish = (error?: unknown) => {
        clearTimeout(deadline);
        if (error) reject(error);
        else resolve();
      };
      req.on('error', finish);
      req.on('response', (res) => {
        readHead(result, res.statusCode, res.headers, input.url);
        readBody(res, input, result).then(() => finish(), finish);
      });
      req.end(input.body);
    });
  }

  /**
   * A client with the same settings that no abort ends, for undoing after Ctrl-C what the run
   * created at the IdP (a registered client, issued tokens). Its exchanges are its own.
   */
  unbound(): HttpClient {
    return new HttpClient({ ...this.options, signal: undefined });
  }

  async close(): Promise<void> {
    this.agents.http.destroy();
    this.agents.https.destroy();
    await (await this.proxies)?.close();
  }
}

/**
 * Follows GET redirects within the request's origin, up to 5, as the MCP SDK's client does
 * (`fetchWithinOrigin`); a redirect elsewhere is returned unfollowed, recording every hop.
 */
export async function getFollowing(
  http: HttpClient,
  input: Omit<SendInput, 'method'>,
  maxHops = 5,
): Promise<{ results: SendResult[]; final: SendResult; failure?: HttpFailure }> {
  const results: SendResult[] = [];
  let url = input.url;
  for (let hop = 0; ; hop++) {
    const res = await http.send({ ...input, method: 'GET', url });
    results.push(res);
    if (res.failure) return { results, final: res, failure: res.failure };
    const status = res.status ?? 0;
    if (status < 300 || status >= 400 || !res.location) return { results, final: res };
    const target = parseHttpUrl(res.location);
    if (target && !isWithinOrigin(new URL(url), target)) return { results, final: res };
    if (!target) {
      return { results, final: res, failure: { cause: 'bad-redirect', detail: `redirect to a non-HTTP URL (${sanitize(res.location, 80)})` } };
    }
    if (hop + 1 >= maxHops) {
      return { results, final: res, failure: { cause: 'redirect-loop', detail: `still redirecting after ${maxHops} hops` } };
    }
    url = res.location;
  }
}
