// `npm run demo`: scaffolds an oauth connector with create-connector, builds it, starts it against an
// embedded identity provider (oidc-provider on 127.0.0.1) and lints it with connector-lint: first with
// both Claude callbacks allowed (pass), then with claude.com missing (fail), then a server-side
// mistake. Exits non-zero if any verdict is not the expected one.
import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { startProject, tempDir } from '../helpers/generated.js';
import { ROOT } from '../helpers/run.js';
import { CLAUDE_AI, CLAUDE_COM, claudeClient, startTestIdp } from '../helpers/idp/test-idp.js';
import { startTestMcp } from '../helpers/mcp/test-mcp.js';

async function show(title: string, bin: string, args: string[], cwd: string, expectedExit: number): Promise<boolean> {
  process.stdout.write(`\n━━ ${title}\n$ ${bin} ${args.join(' ')}\n\n`);
  const result = await execa('node', [join(ROOT, 'bin', `${bin}.js`), ...args], { cwd, stdio: 'inherit', reject: false });
  const ok = result.exitCode === expectedExit;
  process.stdout.write(`\n(exit ${result.exitCode}${ok ? '' : `, expected ${expectedExit}`})\n`);
  return ok;
}

async function lintScaffolded(dir: string, title: string, callbacks: string[], expectedExit: number): Promise<boolean> {
  const idp = await startTestIdp({ clients: [claudeClient('my-connector', callbacks)] });
  const server = await startProject(dir, (port) => ({ OAUTH_ISSUER: idp.issuer, PUBLIC_URL: `http://127.0.0.1:${port}` }));
  idp.addResourceServer(server.url);
  try {
    return await show(title, 'connector-lint', [server.url, '--client-id', 'my-connector'], dir, expectedExit);
  } finally {
    await server.stop();
    await idp.close();
  }
}

const cwd = await tempDir('demo-');
const results = [await show('1. Scaffold an oauth connector', 'create-connector', ['my-connector', '--template', 'oauth', '--idp', 'keycloak', '--no-install', '--no-git'], cwd, 0)];
const dir = join(cwd, 'my-connector');
// The demo borrows this repository's installed packages instead of installing from the registry.
await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
await execa('node_modules/.bin/tsc', ['-p', 'tsconfig.json'], { cwd: dir });
process.stdout.write(`\n(built ${dir} with tsc; it listens on a free port, OAUTH_ISSUER set to the embedded IdP)\n`);
results.push(await lintScaffolded(dir, '2. The identity provider allows both Claude callbacks: pass', [CLAUDE_AI, CLAUDE_COM], 0));
results.push(await lintScaffolded(dir, '3. The identity provider lacks the claude.com callback: fail, naming it', [CLAUDE_AI], 1));

const idp = await startTestIdp({ clients: [claudeClient('my-connector')] });
const broken = await startTestMcp('oauth-prm-trailing-slash', { idp });
try {
  results.push(await show("4. A server whose protected-resource metadata names its URL with a trailing slash: fail", 'connector-lint', [broken.url, '--client-id', 'my-connector'], cwd, 1));
} finally {
  await broken.close();
  await idp.close();
}
process.exitCode = results.every(Boolean) ? 0 : 1;
