/** The redirect URI of the hosted Claude apps (claude.ai, Desktop, mobile). */
export const CLAUDE_AI_CALLBACK = 'https://claude.ai/api/mcp/auth_callback';
/** The second Claude callback, which Claude may send and asks integrators to allowlist too. */
export const CLAUDE_COM_CALLBACK = 'https://claude.com/api/mcp/auth_callback';
/** The address range Claude's requests to connectors come from (Claude docs: Authentication for connectors). */
export const ANTHROPIC_EGRESS = '160.79.104.0/21';
