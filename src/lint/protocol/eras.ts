import { sanitize } from '../../shared/sanitize.js';
import { MODERN_PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS } from './mcp-rpc.js';
import type { EraVerdict, McpExchange, ModernFacts, McpServerFacts, ProbeState, ProtocolEras } from '../types.js';

/**
 * Era detection, as MCP 2026-07-28 specifies it (Streamable HTTP and Versioning, "Backward
 * Compatibility") and as the SDK v2 client in `auto` mode implements it (`classifyProbeOutcome`,
 * recorded against real servers in test/lint/protocol/sdk-fallback.test.ts):
 *
 * | answer to `server/discover`                                  | dual-era client          |
 * |--------------------------------------------------------------|--------------------------|
 * | 2xx `DiscoverResult` listing 2026-07-28                       | modern                   |
 * | 2xx result that is no `DiscoverResult`, or lists no version we speak | falls back to `initialize` |
 * | 2xx JSON-RPC error, or a 4xx (other than 401/403) whose body is empty, not JSON-RPC, or any error but -32022 | falls back |
 * | -32022 with `data.supported` naming only legacy versions, or without a list | falls back |
 * | -32022 naming modern versions but none it speaks, or naming the one it sent | fails      |
 * | 401 / 403                                                    | authorization, never a fall-back |
 * | 5xx, no answer, a timeout, 202, a 2xx without a readable answer | fails                 |
 */

/** The one JSON-RPC error dual-era clients take as modern-era evidence: -32022 with the versions served. */
export const UNSUPPORTED_PROTOCOL_VERSION = -32022;

/** What the SDK v2 client in `auto` mode does after this answer to its `server/discover` probe. */
export type ModernProbeOutcome =
  | { kind: 'modern'; version: string }
  | { kind: 'fallback'; why: string }
  | { kind: 'fails'; why: string }
  | { kind: 'auth'; status: number };

function supportedList(data: unknown): string[] | undefined {
  const supported = (data as { supported?: unknown } | null | undefined)?.supported;
  return Array.isArray(supported) && supported.length > 0 && supported.every((v) => typeof v === 'string') ? supported : undefined;
}

/** A modern version is any dated revision from 2026-07-28 on. */
const isModernVersion = (version: string) => /^\d{4}-\d{2}-\d{2}$/.test(version) && version >= MODERN_PROTOCOL_VERSION;

/** True for the error by which a server says it speaks the modern era (so its 4xx is no legacy sign). */
export function isModernError(error: { code?: number; data?: unknown } | undefined): boolean {
  return error?.code === UNSUPPORTED_PROTOCOL_VERSION && (supportedList(error.data) ?? []).some(isModernVersion);
}

const quote = (value: unknown, max = 80) => `\`${sanitize(String(value), max)}\``;

function fromRpcError(error: { code?: number; message?: string; data?: unknown }): ModernProbeOutcome {
  const code = error.code;
  const said = `\`${code}\`${error.message ? ` ${quote(error.message, 160)}` : ''}`;
  if (code !== UNSUPPORTED_PROTOCOL_VERSION) return { kind: 'fallback', why: `answered ${said}, which is no modern-era error` };
  const supported = supportedList(error.data);
  if (!supported) return { kind: 'fallback', why: `answered ${said} without the versions it supports` };
  const modern = supported.filter(isModernVersion);
  if (modern.length === 0) return { kind: 'fallback', why: `answered ${said}: it supports only ${supported.map((v) => quote(v, 40)).join(', ')}` };
  if (modern.includes(MODERN_PROTOCOL_VERSION)) {
    return { kind: 'fails', why: `refused \`${MODERN_PROTOCOL_VERSION}\` with ${said} although its own list names it; the client's one retry gets the same answer` };
  }
  return { kind: 'fails', why: `supports only modern versions the client does not speak: ${modern.map((v) => quote(v, 40)).join(', ')}` };
}

function fromResult(result: Record<string, unknown>): ModernProbeOutcome {
  const versions = result.supportedVersions;
  const capabilities = result.capabilities;
  const valid = Array.isArray(versions) && versions.every((v) => typeof v === 'string') && capabilities !== null && typeof capabilities === 'object' && !Array.isArray(capabilities);
  if (!valid) return { kind: 'fallback', why: 'answered 200 with a result that is not a `DiscoverResult` (`supportedVersions`, `capabilities`)' };
  if (versions.includes(MODERN_PROTOCOL_VERSION)) return { kind: 'modern', version: MODERN_PROTOCOL_VERSION };
  return { kind: 'fallback', why: `lists \`supportedVersions\` ${versions.map((v) => quote(v, 40)).join(', ') || '(none)'}, not \`${MODERN_PROTOCOL_VERSION}\`` };
}

/** The outcome of one answer to the modern probe, as the SDK v2 client in `auto` mode judges it. */
export function modernProbeOutcome(x: McpExchange): ModernProbeOutcome {
  if (x.failure) return { kind: 'fails', why: x.failure.cause === 'timeout' ? `no answer: ${x.failure.detail}` : `no answer (${x.failure.detail})` };
  const status = x.status ?? 0;
  if (status === 401 || status === 403) return { kind: 'auth', status };
  if (status >= 500) return { kind: 'fails', why: `answered HTTP ${status}${x.rpcError ? ` (\`${x.rpcError.code}\`)` : ''}` };
  // The client's transport discards a 202's body: no answer comes, and the probe times out.
  if (status === 202) return { kind: 'fails', why: 'answered 202 with no answer to the request; the client waits until its timeout' };
  if (status >= 200 && status < 300) {
    const message = x.reply.message;
    if (message?.error) return fromRpcError(message.error);
    if (message?.result) return fromResult(message.result);
    const type = x.contentType ? quote(x.contentType, 60) : 'no content type';
    const detail = x.reply.problem ?? (x.reply.kind === 'other' ? `an unusable reply (${type})` : 'no answer to the request');
    return { kind: 'fails', why: `answered ${status} with ${detail}` };
  }
  // 3xx left unfollowed and every other 4xx: the SDK reads a JSON-RPC error from the body, if any.
  return x.rpcError ? fromRpcError(x.rpcError) : { kind: 'fallback', why: `answered HTTP ${status}${x.bodySnippet ? '' : ' with an empty body'}, which is no modern-era error` };
}

/** The answer the modern era is judged on: with `CONNECTOR_ACCESS_TOKEN` when the first asked for it. */
export function decisiveDiscover(modern: ModernFacts): McpExchange {
  return modern.authenticated ?? modern.discover;
}

function legacyVerdict(state: ProbeState<McpServerFacts>): EraVerdict {
  if (state.status !== 'ok') return { status: 'unknown', reason: state.reason };
  const mcp = state.value;
  const init = mcp.session?.authenticated ? mcp.session.initialize : mcp.initialize;
  if (init.failure) return { status: 'unknown', reason: `no answer to \`initialize\` (${init.failure.detail})` };
  const result = init.reply.message?.result;
  const status = init.status ?? 0;
  if (status >= 200 && status < 300 && result) {
    const version = typeof result.protocolVersion === 'string' ? sanitize(result.protocolVersion, 40) : undefined;
    if (version && SUPPORTED_PROTOCOL_VERSIONS.includes(version)) return { status: 'served', version };
    return { status: 'unknown', ...(version ? { version } : {}), reason: `\`initialize\` answered protocol version ${version ? `\`${version}\`` : '(none)'}, which 2025-era clients do not accept` };
  }
  if (mcp.stream?.firstEvent === 'endpoint') return { status: 'served', version: '2024-11-05', reason: 'the legacy HTTP+SSE transport' };
  if (status === 401) {
    return {
      status: 'unknown',
      reason: mcp.session?.authenticated ? 'the server refused the token' : 'the server asks for authorization; pass `--login` or set `CONNECTOR_ACCESS_TOKEN` to see past the 401',
    };
  }
  const error = init.rpcError ?? init.reply.message?.error;
  if (error?.code === UNSUPPORTED_PROTOCOL_VERSION) {
    const supported = supportedList(error.data);
    return { status: 'not-served', reason: `\`initialize\` answered \`-32022\` (unsupported protocol version)${supported ? `; the server supports ${supported.map((v) => `\`${sanitize(v, 40)}\``).join(', ')}` : ''}` };
  }
  if (status >= 400 && status < 500 && status !== 403 && status !== 429) {
    return { status: 'not-served', reason: `\`initialize\` answered ${status}${error?.code !== undefined ? ` \`${error.code}\`` : ''}` };
  }
  return { status: 'unknown', reason: `\`initialize\` answered ${status || 'nothing usable'}` };
}

function modernVerdict(state: ProbeState<ModernFacts>): EraVerdict {
  if (state.status !== 'ok') return { status: 'unknown', reason: state.reason };
  const first = modernProbeOutcome(state.value.discover);
  const outcome = state.value.authenticated ? modernProbeOutcome(state.value.authenticated) : first;
  switch (outcome.kind) {
    case 'modern':
      return { status: 'served', version: outcome.version };
    case 'fallback':
      return { status: 'not-served', reason: `\`server/discover\` ${outcome.why}` };
    case 'fails':
      return { status: 'unknown', reason: `\`server/discover\` ${outcome.why}` };
    case 'auth':
      return {
        status: 'unknown',
        reason: state.value.authenticated
          ? `the server refused the token (${outcome.status})`
          : outcome.status === 401
            ? 'the server asks for authorization; pass `--login` or set `CONNECTOR_ACCESS_TOKEN` to see past the 401'
            : 'the server refused the request (403)',
      };
  }
}

/** Which eras the server serves, from both probes' states. Pure. */
export function classifyEras(states: { mcpServer: ProbeState<McpServerFacts>; mcpModern: ProbeState<ModernFacts> }): ProtocolEras {
  return { legacy: legacyVerdict(states.mcpServer), modern: modernVerdict(states.mcpModern) };
}

/** {@link classifyEras} for rules, which see the facts of probes that ran. */
export function erasOf(legacy: McpServerFacts, modern: ModernFacts): ProtocolEras {
  return classifyEras({ mcpServer: { status: 'ok', value: legacy }, mcpModern: { status: 'ok', value: modern } });
}
