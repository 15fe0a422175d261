import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from './helpers/run.js';
import { startTestIdp, publicClient, CLAUDE_AI } from './helpers/idp/test-idp.js';
import { generate } from './helpers/generated.js';

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  if?: string;
  env?: Record<string, string>;
}

const action = parse(await readFile(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown>; runs: { using: string; steps: Step[] } };

describe('action.yml', () => {
  it('is a composite action with the documented inputs and a SARIF upload', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['url', 'client-id', 'format', 'fail-on', 'sarif']));
    expect(action.runs.steps.some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'))).toBe(true);
  });

  it('runs connector-lint with the inputs turned into flags (npx shimmed to this checkout)', async () => {
    const bin = await mkdtemp(join(tmpdir(), 'shim-'));
    // The shim drops `--yes --package create-connector@<version>` and runs this checkout's bin.
    await writeFile(join(bin, 'npx'), `#!/bin/sh\nshift 3\nshift 1\nexec node ${join(ROOT, 'bin/connector-lint.js')} "$@"\n`);
    await chmod(join(bin, 'npx'), 0o755);
    const idp = await startTestIdp({ clients: [publicClient('only-ai', [CLAUDE_AI])] });
    try {
      const script = action.runs.steps[0]?.run ?? '';
      const result = await execa('bash', ['-c', script], {
        reject: false,
        env: { PATH: `${bin}:${process.env.PATH}`, INPUT_URL: '', INPUT_CLIENT_ID: 'only-ai', INPUT_CONFIG: 'absent.json', INPUT_FORMAT: 'github', INPUT_FAIL_ON: 'error', INPUT_VERSION: 'latest', NO_COLOR: '1' },
        extendEnv: false,
      });
      // No URL and no connector.json: the linter's own usage error comes through, exit 2.
      expect(result.exitCode).toBe(2);
      const withIssuer = await execa('bash', ['-c', script.replace('--format "$INPUT_FORMAT"', '--format "$INPUT_FORMAT" --issuer "$ISSUER"')], {
        reject: false,
        env: { PATH: `${bin}:${process.env.PATH}`, ISSUER: idp.issuer, INPUT_CLIENT_ID: 'only-ai', INPUT_CONFIG: 'absent.json', INPUT_FORMAT: 'github', INPUT_FAIL_ON: 'error', INPUT_VERSION: 'latest', NO_COLOR: '1' },
        extendEnv: false,
      });
      expect(withIssuer.exitCode).toBe(1);
      expect(withIssuer.stdout).toContain('::error title=connector-lint redirect-claude-com-accepted');
    } finally {
      await idp.close();
    }
  });

  it("is what generated projects' preflight workflow uses", async () => {
    const dir = await generate('public');
    const workflow = parse(await readFile(join(dir, '.github/workflows/connector-preflight.yml'), 'utf8')) as { jobs: { preflight: { steps: Step[] } } };
    const lintStep = workflow.jobs.preflight.steps.find((s) => s.uses?.startsWith('create-connector/create-connector@'));
    expect(lintStep).toBeDefined();
  });
});
