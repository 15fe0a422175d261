// `npm run demo`: connector-lint against an embedded identity provider (oidc-provider on
// 127.0.0.1), first misconfigured, then fixed. Exits non-zero if either verdict is not the expected one.
import { execa } from 'execa';
import { CLAUDE_AI, CLAUDE_COM, publicClient, startTestIdp } from '../helpers/test-idp.js';
import { ROOT } from '../helpers/run.js';

async function step(title: string, redirectUris: string[], expectedExit: number): Promise<boolean> {
  const idp = await startTestIdp({ clients: [publicClient('my-connector', redirectUris)] });
  const args = ['--issuer', idp.issuer, '--client-id', 'my-connector'];
  process.stdout.write(`\n━━ ${title}\n$ connector-lint ${args.join(' ')}\n\n`);
  try {
    const run = await execa('node', [`${ROOT}bin/connector-lint.js`, ...args], { stdio: 'inherit', reject: false });
    const ok = run.exitCode === expectedExit;
    process.stdout.write(`\n(exit ${run.exitCode}${ok ? '' : `, expected ${expectedExit}`})\n`);
    return ok;
  } finally {
    await idp.close();
  }
}

const first = await step('1. The client allowlists only the claude.ai callback', [CLAUDE_AI], 1);
const second = await step('2. Fixed: the client allowlists both Claude callbacks', [CLAUDE_AI, CLAUDE_COM], 0);
process.exitCode = first && second ? 0 : 1;
