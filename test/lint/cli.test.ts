import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../helpers/run.js';

/** Usage errors: exit 2, a message line and a hint line on stderr, nothing on stdout, no stack. */
function expectUsageError(result: { code: number; stdout: string; stderr: string }, mentions: string) {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(/^connector-lint: /);
  expect(lines[0]).toContain(mentions);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('connector-lint command line', () => {
  it.each([
    [['--issuer', 'not a url'], 'is not a URL'],
    [['--issuer', 'ftp://idp.example.com'], 'must be an https URL'],
    [['--issuer', 'https://idp.example.com', '--bogus'], "unknown option '--bogus'"],
    [[], 'nothing to lint'],
    [['--issuer', 'https://idp.example.com', '--timeout', 'soon'], '--timeout'],
    [['--issuer', 'https://idp.example.com', '--format', 'xml'], 'xml'],
    [['--metadata', 'x.json', '--register'], '--register'],
    [['https://mcp.example.com/mcp', 'extra'], 'too many arguments'],
    [['not-a-url'], '`mcp-url` is not a URL'],
  ])('refuses %j with exit 2', async (args, mentions) => {
    expectUsageError(await lint(args), mentions);
  });

  it.each([['--client-secret', 's3cr3t-value'], ['--client-secret=s3cr3t-value'], ['--token', 's3cr3t-value']])(
    'refuses a secret on the command line (%s) and names the environment variable',
    async (...flag) => {
      const result = await lint(['--issuer', 'https://idp.example.com', ...flag]);
      expectUsageError(result, 'secrets are not accepted on the command line');
      expect(result.stderr).toContain('CONNECTOR_CLIENT_SECRET');
      expect(result.stderr).not.toContain('s3cr3t-value');
    },
  );

  it('refuses an unreadable --metadata file with exit 2', async () => {
    expectUsageError(await lint(['--metadata', join(tmpdir(), 'does-not-exist.json')]), 'cannot read');
  });

  it('prints help with the exit codes and exits 0', async () => {
    const result = await lint(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Exit codes:');
    expect(result.stdout).toContain('--metadata <file>');
  });

  it('lints a saved metadata document offline, without probing callbacks', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'connector-lint-'));
    const file = join(dir, 'metadata.json');
    await writeFile(
      file,
      JSON.stringify({
        issuer: 'https://idp.example.com',
        authorization_endpoint: 'https://idp.example.com/authorize',
        token_endpoint: 'https://idp.example.com/token',
        registration_endpoint: 'https://idp.example.com/register',
        response_types_supported: ['code'],
        grant_types_supported: ['authorization_code', 'refresh_token'],
        code_challenge_methods_supported: ['S256'],
      }),
    );
    const result = await lint(['--metadata', file, '--format', 'json']);
    const report = JSON.parse(result.stdout);
    // The metadata is fine, but nothing proved the callbacks: incomplete, never a pass.
    expect(result.code).toBe(3);
    expect(report.counts.error).toBe(0);
    expect(report.exchanges).toEqual([]);
    expect(report.rules['redirect-claude-ai-accepted'].status).toBe('skipped');
    expect(report.callbacks.map((c: { verdict: string }) => c.verdict)).toEqual(['not-probed', 'not-probed']);
  });
});

describe('secrets', () => {
  it('never echoes the value of an unknown flag', async () => {
    const result = await lint(['--issuer', 'https://idp.example.com', '--client-secret-value=hunter2hunter2']);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain('hunter2');
    const other = await lint(['--issuer', 'https://idp.example.com', '--frobnicate=hunter2hunter2']);
    expect(other.stderr).toContain("'--frobnicate'");
    expect(other.stderr).not.toContain('hunter2');
  });

  it('refuses credentials inside the issuer URL', async () => {
    const result = await lint(['--issuer', 'https://user:hunter2hunter2@idp.example.com']);
    expectUsageError(result, 'must not contain credentials');
    expect(result.stderr).not.toContain('hunter2');
  });

  it('redacts the client secret from stderr too', async () => {
    const result = await lint(['--issuer', 'not-a-url-hunter2hunter2'], { CONNECTOR_CLIENT_SECRET: 'hunter2hunter2' });
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain('hunter2hunter2');
  });
});
