/**
 * The `x-mcp-header` schema extension of MCP 2026-07-28 (Streamable HTTP, "Custom Headers"): a tool
 * may mirror a parameter into an `Mcp-Param-*` header. Clients on Streamable HTTP MUST drop a tool
 * whose declarations break the constraints below, so the tool silently disappears for them.
 */
const KEY = 'x-mcp-header';
/** RFC 9110 §5.6.2 `token`. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const PRIMITIVE_TYPES = new Set(['string', 'integer', 'boolean']);
/** Sub-schema keywords off the `properties` chain: a declaration under any of them is invalid. */
const OFF_CHAIN = ['items', 'prefixItems', 'additionalProperties', 'patternProperties', 'unevaluatedProperties', 'unevaluatedItems', 'contains', 'propertyNames', 'dependentSchemas', 'oneOf', 'anyOf', 'allOf', 'not', 'if', 'then', 'else', '$defs', 'definitions'];
/** Keywords whose value maps names to schemas, rather than being a schema or a list of them. */
const SCHEMA_MAPS = new Set(['patternProperties', 'dependentSchemas', '$defs', 'definitions']);

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Why a tool's `inputSchema` declarations are invalid, or undefined when they are valid (or absent). */
export function xMcpHeaderProblem(inputSchema: unknown): string | undefined {
  const seen = new Map<string, string>();
  const visit = (node: unknown, path: string[], onChain: boolean, depth: number): string | undefined => {
    if (!isObject(node) || depth > 64) return undefined;
    const where = path.length > 0 ? `\`${path.join('.')}\`` : 'the schema root';
    if (KEY in node) {
      if (!onChain || path.length === 0) return `${where}: \`${KEY}\` is allowed only on properties reached through \`properties\``;
      const value = node[KEY];
      if (typeof value !== 'string' || value.length === 0) return `${where}: \`${KEY}\` must be a non-empty string`;
      if (!TOKEN.test(value)) return `${where}: \`${KEY}\` \`${value}\` is not an RFC 9110 token`;
      if (typeof node.type !== 'string' || !PRIMITIVE_TYPES.has(node.type)) {
        return `${where}: \`${KEY}\` is allowed only on string, integer or boolean properties (type is \`${String(node.type ?? 'absent')}\`)`;
      }
      const prior = seen.get(value.toLowerCase());
      if (prior !== undefined) return `${where}: \`${KEY}\` \`${value}\` repeats \`${prior}\` (names are case-insensitive)`;
      seen.set(value.toLowerCase(), value);
    }
    if (isObject(node.properties)) {
      for (const [name, child] of Object.entries(node.properties)) {
        const problem = visit(child, [...path, name], onChain, depth + 1);
        if (problem) return problem;
      }
    }
    for (const keyword of OFF_CHAIN) {
      const sub = node[keyword];
      if (sub === undefined) continue;
      const branches = Array.isArray(sub) ? sub : SCHEMA_MAPS.has(keyword) && isObject(sub) ? Object.values(sub) : [sub];
      for (const branch of branches) {
        const problem = visit(branch, [...path, `<${keyword}>`], false, depth + 1);
        if (problem) return problem;
      }
    }
    return undefined;
  };
  return visit(inputSchema, [], true, 0);
}
