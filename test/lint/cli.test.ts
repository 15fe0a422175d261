import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/generated.js';
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
    [['--issuer', 'https://idp.example.com', '--login'], '`--login` signs in to an MCP server'],
    [['https://mcp.example.com/mcp', '--login', '--login-timeout', '0'], '--login-timeout'],
    [['https://mcp.example.com/mcp', '--login', '--login-timeout', 'soon'], '--login-timeout'],
    [['https://mcp.example.com/mcp', '--login-timeout', '60'], '`--login-timeout` applies to `--login` only'],
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

describe('`--cimd-client-id` and connector.json `register` / `cimdClientId`', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  async function configWith(config: Record<string, unknown>): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'connector-lint-'));
    dirs.push(dir);
    const file = join(dir, 'connector.json');
    await writeFile(file, JSON.stringify(config));
    return file;
  }

  /** The report's `target` for a server that refuses connections: the values as the probes got them. */
  async function targetOf(args: string[]): Promise<Record<string, unknown>> {
    const result = await lint([...args, '--format', 'json']);
    expect(result.stderr).toBe('');
    return JSON.parse(result.stdout).target;
  }

  it.each([
    ['not a url', '`--cimd-client-id` is not a URL: `not a url`', 'hint: give an absolute URL such as https://app.example.com/oauth/client-metadata.json.'],
    ['ftp://app.example.com/client.json', '`--cimd-client-id` must be an https URL, not `ftp:`', 'hint: give an absolute URL such as https://app.example.com/oauth/client-metadata.json.'],
    ['http://app.example.com/client.json', '`--cimd-client-id` must be an https URL, not `http:`', 'hint: a client metadata document is served over https (http only on a loopback host, for tests)'],
    ['https://app.example.com', '`--cimd-client-id` has no path: `https://app.example.com`; expected the URL of a client metadata document', 'hint: give a URL such as'],
    ['https://app.example.com/', '`--cimd-client-id` has no path: `https://app.example.com/`', 'hint: give a URL such as'],
    ['https://app.example.com/oauth/../client.json', '`--cimd-client-id` has a `.` or `..` path segment: `https://app.example.com/oauth/../client.json`', "hint: give the document's URL without them"],
    ['https://app.example.com/client.json#v2', '`--cimd-client-id` has a fragment: `https://app.example.com/client.json#v2`', 'hint: a client id URL takes none'],
    ['app.example.com/client.json', '`--cimd-client-id` has no scheme: `app.example.com/client.json`', 'hint: use `https://app.example.com/client.json`.'],
    ['https://user:hunter2@app.example.com/client.json', '`--cimd-client-id` must not contain credentials', 'hint: Claude sends none'],
  ])('refuses `--cimd-client-id %s` with exit 2', async (value, message, hint) => {
    const result = await lint(['https://mcp.example.com/mcp', '--cimd-client-id', value]);
    expectUsageError(result, message);
    expect(result.stderr.split('\n')[1]).toContain(hint);
  });

  it.each([
    ['mcp.example.com/client.json', '`cimdClientId` in `FILE` has no scheme: `mcp.example.com/client.json`', 'hint: write "cimdClientId": "https://mcp.example.com/client.json" in `FILE`.'],
    ['https://app.example.com', '`cimdClientId` in `FILE` has no path: `https://app.example.com`', 'hint: give a URL such as https://app.example.com/oauth/client-metadata.json.'],
    ['http://app.example.com/client.json', '`cimdClientId` in `FILE` must be an https URL, not `http:`', 'hint: a client metadata document is served over https'],
  ])('refuses `cimdClientId` %s in connector.json, naming the file and key', async (value, message, hint) => {
    const file = await configWith({ url: 'https://mcp.example.com/mcp', cimdClientId: value });
    const result = await lint(['--config', file]);
    expectUsageError(result, message.replaceAll('FILE', file));
    expect(result.stderr.split('\n')[1]).toContain(hint.replaceAll('FILE', file));
  });

  it('passes `register` and `cimdClientId` from connector.json to the probes (http on loopback allowed)', async () => {
    const url = `http://127.0.0.1:${await freePort()}/mcp`;
    const cimd = 'http://127.0.0.1:9/oauth/client.json';
    const target = await targetOf(['--config', await configWith({ url, register: true, cimdClientId: cimd })]);
    expect(target).toMatchObject({ url, register: true, cimdClientId: cimd });
  });

  it('lets the flags override connector.json: `--no-register`, `--cimd-client-id`', async () => {
    const url = `http://127.0.0.1:${await freePort()}/mcp`;
    const file = await configWith({ url, register: true, cimdClientId: 'https://app.example.com/oauth/client.json' });
    const target = await targetOf(['--config', file, '--no-register', '--cimd-client-id', 'https://other.example.com/client.json']);
    expect(target).toMatchObject({ register: false, cimdClientId: 'https://other.example.com/client.json' });
  });

  it("leaves `cimdClientId` out of the report's target when none was given (Claude's own is used)", async () => {
    const target = await targetOf([`http://127.0.0.1:${await freePort()}/mcp`]);
    expect(target.register).toBe(false);
    expect(target).not.toHaveProperty('cimdClientId');
  });

  it('documents both flags in --help', async () => {
    const { stdout } = await lint(['--help']);
    expect(stdout).toContain('--cimd-client-id <url>');
    expect(stdout).toContain('https://claude.ai/oauth/mcp-oauth-client-metadata');
    expect(stdout).toContain('--no-register');
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
