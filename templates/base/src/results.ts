import type { CallToolResult } from '@modelcontextprotocol/server';

/** A tool result of one text block; `isError` marks an answer the model should act on, not a crash. */
export function text(value: string, isError = false): CallToolResult {
  return { content: [{ type: 'text', text: value }], ...(isError ? { isError: true } : {}) };
}

/**
 * Caching hints for `tools/list` (MCP 2026-07-28 requires them): the tool list is the same for every
 * caller and changes only with a deploy, so clients may keep it for five minutes.
 */
export const TOOLS_CACHE = { 'tools/list': { ttlMs: 300_000, cacheScope: 'public' as const } };
