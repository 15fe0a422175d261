/** localhost, 127.0.0.0/8 and [::1]: hosts that only this machine can reach. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** http on a loopback host: local development, where HTTPS rules report at most `info`. */
export function isLocalHttp(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname);
  } catch {
    return false;
  }
}

/** An absolute http(s) URL, or undefined (`new URL` alone takes `host:8080/x` for a scheme). */
export function parseHttpUrl(value: unknown): URL | undefined {
  const url = parseUrl(value);
  return url && (url.protocol === 'https:' || url.protocol === 'http:') ? url : undefined;
}

export function parseUrl(value: unknown): URL | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/**
 * Loopback, unspecified (`0.0.0.0/8`, `::`), private (RFC 1918, RFC 4193), link-local and shared
 * (RFC 6598) address literals, IPv4-mapped IPv6 forms of them, and localhost names: hosts Claude's
 * servers cannot reach. Names are not resolved.
 */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (isLoopbackHost(host) || host === '::') return true;
  // WHATWG URL parsing writes `[::ffff:127.0.0.1]` as `[::ffff:7f00:1]`.
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (mapped) {
    const [hi, lo] = [parseInt(mapped[1] as string, 16), parseInt(mapped[2] as string, 16)];
    return isPrivateHost(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
  }
  const dotted = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(host);
  if (dotted) return isPrivateHost(dotted[1] as string);
  const v4 = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(host);
  if (v4) {
    const a = Number(v4[1]);
    const b = Number(v4[2]);
    return a === 0 || a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127);
  }
  return /^(fc|fd|fe[89ab])[0-9a-f]{0,2}:/.test(host);
}

/** A URL whose host Claude cannot reach, linked from a server that Claude can. */
export function privateLinkFrom(publicUrl: string, linked: string): boolean {
  const from = parseUrl(publicUrl);
  const to = parseUrl(linked);
  return Boolean(from && to && !isPrivateHost(from.hostname) && isPrivateHost(to.hostname));
}

/**
 * Whether a redirect from `from` to `to` stays within the origin, as the MCP SDK's client decides
 * (`isWithinOrigin`): same scheme, host and port, or the https upgrade of a default-port http URL.
 */
export function isWithinOrigin(from: URL, to: URL): boolean {
  if (from.protocol === to.protocol && from.hostname === to.hostname && from.port === to.port) return true;
  return from.hostname === to.hostname && from.protocol === 'http:' && from.port === '' && to.protocol === 'https:' && to.port === '';
}

/** An http(s) URL typed with nothing between its authority and its query or fragment: `https://host`. */
const WITHOUT_PATH = /^(https?:\/\/[^/?#\\]*)(?=[?#]|$)/i;

/** Whether the URL was typed without a path, which WHATWG URL parsing turns into `/`. */
export function typedWithoutPath(url: string): boolean {
  return WITHOUT_PATH.test(url);
}

/** `https://host` → `https://host/`: an empty http(s) path is `/` (RFC 3986 §6.2.3). */
const withRootPath = (url: string) => url.replace(WITHOUT_PATH, '$1/');

/**
 * Whether a protected resource identifier names the MCP URL as typed: byte for byte, except that an
 * empty path and `/` are one path (RFC 3986 §6.2.3), as the MCP SDK's client compares them
 * (`checkResourceAllowed`). A trailing slash after a path, host case or an explicit default port do differ.
 */
export function isSameResource(resource: string, url: string): boolean {
  return resource === url || withRootPath(resource) === withRootPath(url);
}

export function hostOf(url: string | undefined): string | undefined {
  return parseUrl(url)?.host;
}
