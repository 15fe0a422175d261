import { listed } from '../protocol/json.js';

/** The redirect URI of the hosted Claude apps (claude.ai, Desktop, mobile). */
export const CLAUDE_AI_CALLBACK = 'https://claude.ai/api/mcp/auth_callback';
/** The second Claude callback, which Claude may send and asks integrators to allowlist too. */
export const CLAUDE_COM_CALLBACK = 'https://claude.com/api/mcp/auth_callback';
/** The address range Claude's requests to connectors come from (Claude docs: Authentication for connectors). */
export const ANTHROPIC_EGRESS = '160.79.104.0/21';
/**
 * The `client_id` of hosted Claude's Client ID Metadata Document. Claude's docs do not name it; it is
 * the URL observed in hosted Claude's authorization requests (anthropics/claude-ai-mcp#518, 2026-07);
 * `--cimd-client-id` overrides it.
 */
export const CLAUDE_CIMD_CLIENT_ID = 'https://claude.ai/oauth/mcp-oauth-client-metadata';
/** Claude Code's own Client ID Metadata Document: it lists the loopback callbacks, any port. */
export const CLAUDE_CODE_CIMD_CLIENT_ID = 'https://claude.ai/oauth/claude-code-client-metadata';
/** Claude Code's loopback callback path (RFC 8252 §7.3; Claude docs: Authentication for connectors, Callback URLs). */
export const LOOPBACK_CALLBACK_PATH = '/callback';
/** Whether a callback role (or its control's) is one of Claude Code's loopback ones. */
export const isLoopbackRole = (role: string): boolean => role.startsWith('loopback');

/**
 * Whether Claude uses CIMD with this authorization server: only when the metadata offers it
 * together with public-client (`none`) token authentication; otherwise Claude falls back to DCR.
 */
export function cimdUsable(metadata: Record<string, unknown>): boolean {
  const methods = metadata.token_endpoint_auth_methods_supported;
  return metadata.client_id_metadata_document_supported === true && listed(methods, 'none');
}
