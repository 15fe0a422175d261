/**
 * Requests through the forward proxy that `HTTPS_PROXY` / `HTTP_PROXY` name, with undici's
 * `ProxyAgent`. http.ts imports this module only when one of them is set: undici compiles a
 * WebAssembly HTTP parser when it starts, a cost a run without a proxy must not pay.
 *
 * Which requests take a proxy is decided here, not by undici's `EnvHttpProxyAgent`: a request that
 * `NO_PROXY` exempts keeps the node:http path unchanged, and a failure can name the proxy it met.
 */
import { Pool, ProxyAgent, request } from 'undici';
import { deadlineError, describeFailure, MAX_HEADER_BYTES, NamedFailure, readBody, readHead, requestHeaders, type HttpOptions, type SendInput, type SendResult } from './http.js';
import { redactSecrets } from './redact.js';
import { parseHttpUrl } from './url.js';
import type { HttpFailure, HttpFailureCause } from '../types.js';

/** One request's way through a proxy: bounded, read and recorded as on the direct path. */
export interface ProxyRoute {
  exchange(input: SendInput, result: SendResult): Promise<void>;
}

/** A proxy variable as read: its name, for messages, and its URL (undefined when the value is not one). */
interface ProxySetting {
  variable: string;
  url: URL | undefined;
}

/** A `NO_PROXY` entry: a host or a domain (`*` for every host), and a port when the entry names one. */
interface Exemption {
  host: string;
  port?: number;
}

function readSetting(env: Readonly<Record<string, string | undefined>>, name: 'HTTPS_PROXY' | 'HTTP_PROXY'): ProxySetting | undefined {
  // The lower-case name wins, as curl and undici read them.
  const variable = [name.toLowerCase(), name].find((v) => env[v]?.trim());
  if (variable === undefined) return undefined;
  const value = (env[variable] as string).trim();
  // `proxy.corp:3128` without a scheme is common in CI settings; curl reads it as http.
  return { variable, url: parseHttpUrl(/^[a-z][a-z\d+.-]*:\/\//i.test(value) ? value : `http://${value}`) };
}

/** `NO_PROXY` as curl reads it: hosts and domains, `.domain` or `*.domain` alike, `host:port`, `*`. */
function readExemptions(value: string): Exemption[] {
  return value
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((entry) => {
      const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
      // One colon separates a port; more than one is a bare IPv6 address.
      const parts = entry.split(':');
      const [host = '', port] = bracketed ? [bracketed[1], bracketed[2]] : parts.length === 2 ? parts : [entry];
      return { host: host.toLowerCase().replace(/^\*?\./, ''), ...(port !== undefined ? { port: Number(port) } : {}) };
    });
}

function isExempt(url: URL, exemptions: readonly Exemption[]): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  return exemptions.some((e) => e.host === '*' || ((e.port === undefined || e.port === port) && (host === e.host || host.endsWith(`.${e.host}`))));
}

// This process dials only the proxy (the proxy resolves and connects to the target), so every
// failure to connect is the proxy's.
const UNREACHABLE: Record<string, [HttpFailureCause, string]> = {
  ECONNREFUSED: ['refused', 'connection refused'],
  ENOTFOUND: ['dns', 'DNS lookup failed'],
  EAI_AGAIN: ['dns', 'DNS lookup failed'],
  EHOSTUNREACH: ['network', 'host unreachable'],
  ENETUNREACH: ['network', 'network unreachable'],
  ETIMEDOUT: ['timeout', 'connect timed out'],
};

// undici's names for what node:http reports with these codes, so both paths word them alike.
const NODE_CODES: Record<string, string> = { UND_ERR_SOCKET: 'ECONNRESET', UND_ERR_HEADERS_OVERFLOW: 'HPE_HEADER_OVERFLOW' };

// A tunnel refused (CONNECT, for https) and a request refused for want of credentials (absolute URI, for http).
const REFUSAL = /^Proxy (?:response \((\d{3})\) !== 200 when HTTP Tunneling|Authentication Required \((407)\))$/;

/** Names a failure met through a proxy, which messages call by its origin alone: its credentials are never printed. */
function describeProxied(error: unknown, proxy: URL, target: URL, timeoutMs: number): HttpFailure {
  const { code = '', message = '' } = error as { code?: string; message?: string };
  const name = `the proxy \`${proxy.origin}\``;
  const make = (cause: HttpFailureCause, detail: string): HttpFailure => ({ cause, detail });
  const unreachable = UNREACHABLE[code];
  if (unreachable) return make(unreachable[0], `could not reach ${name}: ${unreachable[1]} (${code})`);
  const refusal = REFUSAL.exec(message);
  if (refusal) {
    const status = Number(refusal[1] ?? refusal[2]);
    const tunnel = `${target.hostname}:${target.port || 443}`;
    if (status === 407) return make('refused', `${name} refused ${target.protocol === 'https:' ? `the CONNECT to ${tunnel}` : 'the request'} (407: proxy authentication required)`);
    return status < 500 ? make('refused', `${name} refused the CONNECT to ${tunnel} (${status})`) : make('network', `${name} could not connect to ${tunnel} (${status})`);
  }
  if (code === 'UND_ERR_PRX_TLS') return make('tls', `TLS failure with ${name}: ${message}`);
  const nodeCode = NODE_CODES[code];
  const failure = describeFailure(nodeCode ? { code: nodeCode, message } : error, timeoutMs);
  return { ...failure, detail: redactSecrets(failure.detail, [proxy.username, proxy.password]) };
}

/** The proxies the environment names, one undici agent per proxy, chosen per request by scheme and `NO_PROXY`. */
export class Proxies {
  private readonly settings: Readonly<Record<string, ProxySetting | undefined>>;
  private readonly exemptions: readonly Exemption[];
  private readonly agents = new Map<string, ProxyAgent>();

  constructor(private readonly options: HttpOptions) {
    const env = options.env ?? {};
    // Each scheme its own variable, as curl does; undici would send https through HTTP_PROXY too.
    this.settings = { 'https:': readSetting(env, 'HTTPS_PROXY'), 'http:': readSetting(env, 'HTTP_PROXY') };
    this.exemptions = readExemptions(env.no_proxy || env.NO_PROXY || '');
  }

  /** The route through the proxy for a URL, or undefined when it goes direct (no proxy for its scheme, or `NO_PROXY`). */
  routeFor(url: string): ProxyRoute | undefined {
    const target = new URL(url);
    const setting = this.settings[target.protocol];
    if (!setting || isExempt(target, this.exemptions)) return undefined;
    return { exchange: (input, result) => this.exchange(input, result, target, setting) };
  }

  private async exchange(input: SendInput, result: SendResult, target: URL, setting: ProxySetting): Promise<void> {
    const proxy = setting.url;
    if (!proxy) throw new NamedFailure({ cause: 'network', detail: `\`${setting.variable}\` is not an http(s) URL, so no proxy could be used` });
    const controller = new AbortController();
    const deadline = setTimeout(() => controller.abort(deadlineError()), this.options.timeoutMs);
    try {
      // undici 7's request never follows redirects (that is an opt-in interceptor): callers decide, hop by hop.
      const res = await request(target, { dispatcher: this.agentFor(proxy), method: input.method, headers: requestHeaders(input, this.options.userAgent), body: input.body, signal: controller.signal });
      readHead(result, res.statusCode, res.headers, input.url);
      await readBody(res.body, input, result);
    } catch (error) {
      throw new NamedFailure(describeProxied(error, proxy, target, this.options.timeoutMs));
    } finally {
      clearTimeout(deadline);
    }
  }

  private agentFor(proxy: URL): ProxyAgent {
    let agent = this.agents.get(proxy.href);
    if (!agent) {
      agent = new ProxyAgent({
        uri: proxy.href,
        // http targets as absolute-URI requests, as curl sends them: proxies often allow CONNECT to
        // port 443 only (Squid's default). https targets always tunnel with CONNECT.
        proxyTunnel: false,
        // The request's deadline alone bounds connect, headers and body, as on the direct path.
        proxyTls: { timeout: 0 },
        requestTls: { timeout: 0 },
        factory: (origin, opts) => new Pool(origin, { ...opts, maxHeaderSize: MAX_HEADER_BYTES, headersTimeout: 0, bodyTimeout: 0 }),
      });
      this.agents.set(proxy.href, agent);
    }
    return agent;
  }

  async close(): Promise<void> {
    await Promise.all([...this.agents.values()].map((agent) => agent.destroy()));
  }
}
