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

  it.each([
    [['--client-secret', 's3cr3t-value'], 'hint: set CONNECTOR_CLIENT_SECRET in the environment instead.'],
    [['--client-secret=s3cr3t-value'], 'hint: set CONNECTOR_CLIENT_SECRET in the environment instead.'],
    [['--secret', 's3cr3t-value'], 'hint: set CONNECTOR_CLIENT_SECRET in the environment instead.'],
    [['--token', 's3cr3t-value'], 'hint: set CONNECTOR_ACCESS_TOKEN in the environment instead.'],
    [['--access-token=s3cr3t-value'], 'hint: set CONNECTOR_ACCESS_TOKEN in the environment instead.'],
    [['--access_token', 's3cr3t-value'], 'hint: set CONNECTOR_ACCESS_TOKEN in the environment instead.'],
    [['--password', 's3cr3t-value'], 'hint: Claude sends no password or API key, so connector-lint takes none; for the signed-in checks, set CONNECTOR_ACCESS_TOKEN'],
    [['--api-key=s3cr3t-value'], 'hint: Claude sends no password or API key'],
  ])('refuses a secret on the command line (%j) and says where it belongs', async (flag, hint) => {
    const result = await lint(['--issuer', 'https://idp.example.com', ...flag]);
    expectUsageError(result, `secrets are not accepted on the command line (\`${(flag[0] as string).split('=')[0]}\`)`);
    expect(result.stderr.split('\n')[1]).toContain(hint);
    expect(result.stderr).not.toContain('s3cr3t-value');
  });

  it.each([
    [['localhost:3000/mcp'], '`mcp-url` has no scheme: `localhost:3000/mcp`', 'hint: use `http://localhost:3000/mcp`.'],
    [['127.0.0.1:8080/mcp'], '`mcp-url` has no scheme: `127.0.0.1:8080/mcp`', 'hint: use `http://127.0.0.1:8080/mcp`.'],
    [['[::1]:8080/mcp'], '`mcp-url` has no scheme: `[::1]:8080/mcp`', 'hint: use `http://[::1]:8080/mcp`.'],
    [['mcp.example.com/mcp'], '`mcp-url` has no scheme: `mcp.example.com/mcp`', 'hint: use `https://mcp.example.com/mcp`.'],
    [['mcp.example.com:8443/mcp'], '`mcp-url` has no scheme: `mcp.example.com:8443/mcp`', 'hint: use `https://mcp.example.com:8443/mcp`.'],
    [['--issuer', 'auth.example.com'], '`--issuer` has no scheme: `auth.example.com`', 'hint: use `https://auth.example.com`.'],
    [['--issuer', 'localhost:8080/realms/dev'], '`--issuer` has no scheme: `localhost:8080/realms/dev`', 'hint: use `http://localhost:8080/realms/dev`.'],
    [['--issuer', 'https://auth.example.com', '--resource', 'mcp.example.com/mcp'], '`--resource` has no scheme: `mcp.example.com/mcp`', 'hint: use `https://mcp.example.com/mcp`.'],
  ])('refuses a URL without a scheme (%j) and suggests the URL meant', async (args, message, hint) => {
    const result = await lint(args);
    expectUsageError(result, `${message}; expected a URL starting with https:// (or http:// for a local server)`);
    expect(result.stderr.split('\n')[1]).toBe(`${hint} Run \`connector-lint --help\` for usage.`);
  });

  it('suggests an MCP server URL, not an issuer, for an MCP URL that does not parse', async () => {
    const result = await lint(['not-a-url']);
    expect(result.stderr).toContain('hint: give an absolute URL such as https://mcp.example.com/mcp.');
  });

  it.each([
    ['url', 'localhost:3000/mcp', 'hint: write "url": "http://localhost:3000/mcp" in'],
    ['url', 'mcp.example.com/mcp', 'hint: write "url": "https://mcp.example.com/mcp" in'],
    ['issuer', 'auth.example.com', 'hint: write "issuer": "https://auth.example.com" in'],
  ])('refuses `%s` without a scheme in connector.json, naming the file and key', async (key, value, hint) => {
    const dir = await mkdtemp(join(tmpdir(), 'connector-lint-'));
    const file = join(dir, 'connector.json');
    await writeFile(file, JSON.stringify({ [key]: value }));
    const result = await lint(['--config', file]);
    expectUsageError(result, `\`${key}\` in \`${file}\` has no scheme: \`${value}\``);
    expect(result.stderr.split('\n')[1]).toContain(`${hint} \`${file}\`.`);
  });

  it('refuses an unreadable --metadata file with exit 2', async () => {
    expectUsageError(await lint(['--metadata', join(tmpdir(), 'does-not-exist.json')]), 'cannot read');
  });

  it('prints help with the exit codes and exits 0', async () => {
    const result = await lint(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Exit codes:');
    expect(result.stdout).toMatch(/^ {2}130 {2}interrupted \(Ctrl-C\)/m);
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
