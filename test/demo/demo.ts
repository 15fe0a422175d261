// `npm run demo`: connector-lint against an embedded identity provider (oidc-provider) and MCP
// servers built with the MCP SDK, all on 127.0.0.1: each setup first broken, then fixed. Exits
// non-zero if any verdict is not the expected one.
import { execa } from 'execa';
import { ROOT } from '../helpers/run.js';
import { CLAUDE_AI, CLAUDE_COM, publicClient, startTestIdp, type TestIdp } from '../helpers/test-idp.js';
import { startTestMcp, type McpVariant } from '../helpers/test-mcp.js';

async function run(title: string, args: string[], expectedExit: number): Promise<boolean> {
  process.stdout.write(`\n━━ ${title}\n$ connector-lint ${args.join(' ')}\n\n`);
  const result = await execa('node', [`${ROOT}bin/connector-lint.js`, ...args], { stdio: 'inherit', reject: false });
  const ok = result.exitCode === expectedExit;
  process.stdout.write(`\n(exit ${result.exitCode}${ok ? '' : `, expected ${expectedExit}`})\n`);
  return ok;
}

async function withIdp<T>(redirectUris: string[], use: (idp: TestIdp) => Promise<T>): Promise<T> {
  const idp = await startTestIdp({ clients: [publicClient('my-connector', redirectUris)] });
  try {
    return await use(idp);
  } finally {
    await idp.close();
  }
}

async function serverStep(title: string, variant: McpVariant, expectedExit: number): Promise<boolean> {
  return withIdp([CLAUDE_AI, CLAUDE_COM], async (idp) => {
    const mcp = await startTestMcp(variant, { idp });
    try {
      return await run(title, [mcp.url, '--client-id', 'my-connector'], expectedExit);
    } finally {
      await mcp.close();
    }
  });
}

const results = [
  await withIdp([CLAUDE_AI], (idp) =>
    run('1. Identity provider: the client allowlists only the claude.ai callback', ['--issuer', idp.issuer, '--client-id', 'my-connector'], 1),
  ),
  await withIdp([CLAUDE_AI, CLAUDE_COM], (idp) =>
    run('2. Fixed: the client allowlists both Claude callbacks', ['--issuer', idp.issuer, '--client-id', 'my-connector'], 0),
  ),
  await serverStep("3. MCP server: its protected-resource metadata names the URL with a trailing slash", 'oauth-prm-trailing-slash', 1),
  await serverStep('4. Fixed: the whole path from the MCP URL, through its metadata, to the identity provider', 'oauth', 0),
];
process.exitCode = results.every(Boolean) ? 0 : 1;
