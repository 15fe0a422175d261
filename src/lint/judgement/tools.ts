import type { McpServerFacts, ModernFacts, ToolInfo } from '../types.js';

/** The tools the server lists on either era, each once (legacy first), and the exchanges that listed them. */
export function listedTools(legacy: McpServerFacts, modern: ModernFacts | undefined): { tools: ToolInfo[]; evidence: string[] } | undefined {
  const old = legacy.session?.tools;
  const listing = modern?.tools?.first;
  const fresh = listing?.tools;
  if (!old && !fresh) return undefined;
  const names = new Set((old ?? []).map((t) => t.name));
  const evidence = [legacy.session?.toolsList?.exchangeId, ...(fresh ? listing.exchanges.map((x) => x.exchangeId) : [])].filter((id): id is string => id !== undefined);
  return { tools: [...(old ?? []), ...(fresh ?? []).filter((t) => !names.has(t.name))], evidence };
}

/** Why neither era listed tools, for the rules that judge them. */
export function noToolsReason(legacy: McpServerFacts): string {
  return legacy.observedMode === 'oauth' && !legacy.session ? 'tools/list needs a token: pass `--login`, or set CONNECTOR_ACCESS_TOKEN' : 'tools/list was not answered on either protocol era';
}
