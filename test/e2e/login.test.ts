import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/lint/main.js';
import type { Io } from '../../src/shared/io.js';
import type { Report } from '../../src/lint/types.js';
import { generate, startProject } from '../helpers/generated.js';
import { serveCimdDocument } from '../helpers/idp/cimd-document.js';
import { CLAUDE_AI, CLAUDE_COM, claudeClient, startTestIdp, type IssuedSecret, type TestIdp, type TestIdpOptions } from '../helpers/idp/test-idp.js';
import { MCP_SCOPE, startTestMcp, testTokenCheck, type TestMcpServer } from '../helpers/mcp/test-mcp.js';
import { findingsOf } from '../helpers/facts/rule-tester.js';
import { capture, lint, ROOT } from '../helpers/run.js';

const CHROMIUM = '/usr/bin/chromium';
const SIGN_IN = join(ROOT, 'test/helpers/browser/sign-in.mjs');
/** A sign-in drives a real browser: give each such test room on a 2-core machine. */
const BROWSER_TEST = { timeout: 120_000 };

/** The rules `--login` decides with the token, on a connector and IdP that do everything right. */
const SIGNED_IN_RULES = ['login-completed', 'token-accepted', 'token-audience', 'refresh-works', 'tool-annotations-title-hints', 'tool-name-length', 'invalid-token-401'];

type Action = 'approve' | 'deny' | 'ignore';

let work: string;
let runs = 0;

/** The environment that makes connector-lint's `$BROWSER` the scripted person; the log says what they did. */
function browserEnv(action: Action): { env: Record<string, string>; log: string } {
  const log = join(work, `sign-in-${++runs}.log`);
  return { env: { BROWSER: SIGN_IN, SIGN_IN_ACTION: action, SIGN_IN_LOG: log }, log };
}

interface Run {
  stdout(): string;
  stderr(): string;
  done: Promise<number>;
}

/** Runs connector-lint in-process; its output can be read while it runs (the sign-in URL on stderr). */
function startLint(args: string[], env: Record<string, string>): Run {
  const stdout = capture();
  const stderr = capture();
  const io: Io = { stdout, stderr, env: { NO_COLOR: '1', ...env }, cwd: process.cwd() };
  return { stdout: () => stdout.text, stderr: () => stderr.text, done: main(args, io) };
}

/** A `--login --format json` run: the exit code, the Report, and stderr (which holds the sign-in URL). */
async function lintLogin(args: string[], env: Record<string, string>): Promise<{ code: number; report: Report; stderr: string }> {
  const { code, stdout, stderr } = await lint([...args, '--format', 'json'], env);
  let report: Report;
  try {
    report = JSON.parse(stdout) as Report;
  } catch {
    throw new Error(`no JSON report (exit ${code}); stdout: ${stdout.slice(0, 2000)}; stderr: ${stderr.slice(0, 2000)}`);
  }
  return { code, report, stderr };
}

/** What the scripted browser wrote to its log, once it wrote something (it runs detached from the lint). */
async function browserLog(log: string, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await readFile(log, 'utf8').catch(() => '');
    if (text.trim() || Date.now() > deadline) return text.trim();
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The line connector-lint prints on stderr for the person to sign in, with the authorization URL. */
const ANNOUNCED = /connector-lint: sign in with your browser; if it did not open, open this URL:\n {2}(\S+)\n/;

/** The authorization URL the lint printed on stderr for the person to open. */
function signInUrl(stderr: string): URL {
  const match = ANNOUNCED.exec(stderr);
  if (!match) throw new Error(`no sign-in URL on stderr: ${stderr}`);
  return new URL(match[1] as string);
}

/** The loopback port of the `redirect_uri` in a printed sign-in URL. */
function loopbackPort(stderr: string): number {
  const redirect = new URL(signInUrl(stderr).searchParams.get('redirect_uri') as string);
  expect(redirect.hostname).toBe('localhost');
  expect(redirect.pathname).toBe('/callback');
  return Number(redirect.port);
}

/** Whether a TCP connection to host:port is accepted (false: refused, or the address is unavailable). */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(2000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Nothing listens on the loopback port any more, on either address the listener used. */
async function expectPortClosed(port: number): Promise<void> {
  expect(await accepts('127.0.0.1', port), `127.0.0.1:${port} still accepts connections`).toBe(false);
  expect(await accepts('::1', port), `[::1]:${port} still accepts connections`).toBe(false);
}

const statuses = (report: Report, ids: string[]) => Object.fromEntries(ids.map((id) => [id, report.rules[id]?.status]));

/** The test MCP server (official SDK, verifying the IdP's JWTs) in front of an IdP started for one case. */
async function startPair(options: TestIdpOptions): Promise<{ idp: TestIdp; mcp: TestMcpServer; close(): Promise<void> }> {
  const idp = await startTestIdp(options);
  const mcp = await startTestMcp('oauth', { idp }).catch(async (error: unknown) => {
    await idp.close();
    throw error;
  });
  return {
    idp,
    mcp,
    close: async () => {
      await mcp.close();
      await idp.close();
    },
  };
}

/**
 * A reverse proxy in front of an oauth MCP server that answers 500 to any request carrying a token
 * the IdP really issued for the proxy's URL, and passes everything else through (so a missing,
 * garbage or tampered token still gets the server's own 401). The server's URL in its headers and
 * protected-resource metadata is rewritten to the proxy's, so the proxy is the connector.
 */
async function startCrashOnValidToken(backend: string, issuer: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/mcp`;
  const check = await testTokenCheck(issuer, url);
  const target = new URL(backend);
  const rewrite = (text: string) => text.split(backend).join(url).split(target.origin).join(new URL(url).origin);
  server.on('request', async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const token = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (token && (await check(token).then(() => true, () => false))) {
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32603, message: 'Internal server error' }, id: null }));
      return;
    }
    const headers = { ...req.headers, host: target.host };
    const upstream = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers }, (answer) => {
      const out: http.OutgoingHttpHeaders = { ...answer.headers };
      if (typeof out['www-authenticate'] === 'string') out['www-authenticate'] = rewrite(out['www-authenticate']);
      if (req.url?.startsWith('/.well-known/')) {
        const body: Buffer[] = [];
        answer.on('data', (c: Buffer) => body.push(c));
        answer.on('end', () => {
          const text = rewrite(Buffer.concat(body).toString('utf8'));
          delete out['content-length'];
          res.writeHead(answer.statusCode ?? 502, out).end(text);
        });
        return;
      }
      res.writeHead(answer.statusCode ?? 502, out);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    upstream.end(Buffer.concat(chunks));
  });
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Every output a run can write to, by name, for the secrets check. */
async function outputsOf(run: { stdout: string; stderr: string }, files: Record<string, string>): Promise<Record<string, string>> {
  const outputs: Record<string, string> = { stdout: run.stdout, stderr: run.stderr };
  for (const [name, path] of Object.entries(files)) outputs[name] = await readFile(path, 'utf8');
  return outputs;
}

/**
 * The secrets the IdP saw during one run, checked to be the full set a sign-in with a registered
 * client and refresh produces (so their absence from the output means something), with the
 * signature of each JWT as a secret of its own: a tampered copy of the token shares it.
 */
function secretsOfRun(issued: IssuedSecret[]): string[] {
  const kinds = new Set(issued.map((s) => s.kind));
  for (const kind of ['registration_access_token', 'code', 'code_verifier', 'access_token', 'refresh_token'] as const) expect(kinds, `the IdP saw no ${kind}`).toContain(kind);
  const secrets = issued.map((s) => s.value);
  for (const value of secrets) {
    expect(value.length).toBeGreaterThanOrEqual(20);
    const parts = value.split('.');
    if (parts.length === 3) secrets.push(parts[2] as string);
  }
  return secrets;
}

function expectNoSecrets(outputs: Record<string, string>, secrets: string[], issued: IssuedSecret[]): void {
  for (const [name, text] of Object.entries(outputs)) {
    expect(text.length, `${name} is empty`).toBeGreaterThan(0);
    for (const secret of secrets) {
      const kind = issued.find((s) => s.value === secret)?.kind ?? 'JWT signature';
      expect(text.includes(secret), `${name} holds a ${kind} (${secret.slice(0, 8)}…)`).toBe(false);
    }
  }
}

// In CI the browser is required; elsewhere these run where Debian's chromium is installed. The
// Ctrl-C case runs the built bin: `npm run build` first.
describe.runIf(existsSync(CHROMIUM) || process.env.CI)('connector-lint --login: a real browser signs in as Claude Code does', () => {
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'login-e2e-'));
  });
  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  describe('a generated oauth project', () => {
    let idp: TestIdp;
    let dir: string | undefined;

    beforeAll(async () => {
      idp = await startTestIdp({ registration: 'open', refreshTokens: 'rotate', revocation: true });
      dir = await generate('oauth', ['--issuer', idp.issuer], await mkdtemp(join(tmpdir(), 'login-project-')));
      await execa('node_modules/.bin/tsc', ['-p', 'tsconfig.json'], { cwd: dir });
    }, 120_000);
    afterAll(async () => {
      await idp?.close();
      if (dir) await rm(dirname(dir), { recursive: true, force: true });
    });

    /** Starts the built project against the IdP; the IdP issues tokens for its URL. */
    async function startServer(extra: Record<string, string> = {}) {
      const server = await startProject(dir as string, (port) => ({ OAUTH_ISSUER: idp.issuer, PUBLIC_URL: `http://127.0.0.1:${port}`, OAUTH_SCOPES: MCP_SCOPE, ...extra }));
      idp.addResourceServer(server.url);
      return server;
    }

    it('set up correctly (refresh tokens rotated, revocation): every signed-in check passes and the run exits 0', BROWSER_TEST, async () => {
      const server = await startServer();
      try {
        const { env, log } = browserEnv('approve');
        const { code, report } = await lintLogin([server.url, '--login', '--register', '--login-timeout', '60'], env);
        expect(statuses(report, SIGNED_IN_RULES), JSON.stringify(report.findings)).toEqual(Object.fromEntries(SIGNED_IN_RULES.map((id) => [id, 'passed'])));
        expect(findingsOf(report, 'token-lifetime').map((f) => f.severity)).toEqual(['info']);
        expect(findingsOf(report, 'token-lifetime')[0]?.message).toContain('with a refresh token');
        expect(report.target.login).toBe(true);
        expect(report.protocol).toMatchObject({ legacy: { status: 'served' }, modern: { status: 'served' } });
        expect(code, JSON.stringify(report.findings.filter((f) => f.severity === 'error' || f.severity === 'warning'))).toBe(0);
        expect(await browserLog(log)).toBe('approve: connector-lint: Signed in');
      } finally {
        await server.stop();
      }
    });

    it('requiring another audience (OAUTH_AUDIENCE=api://my-api): token-accepted reports the refused token, exit 1', BROWSER_TEST, async () => {
      const server = await startServer({ OAUTH_AUDIENCE: 'api://my-api' });
      try {
        const { env, log } = browserEnv('approve');
        const { code, report } = await lintLogin([server.url, '--login', '--login-timeout', '60'], env);
        expect(report.rules['login-completed']?.status).toBe('passed');
        const refused = findingsOf(report, 'token-accepted');
        expect(refused.length, JSON.stringify(report.findings)).toBeGreaterThan(0);
        for (const finding of refused) {
          expect(finding.severity).toBe('error');
          expect(finding.message).toMatch(/ 40[13];/);
          expect(finding.message).toContain(server.url);
        }
        // The IdP did its part: the token names the server; the server wants another audience.
        expect(report.rules['token-audience']?.status).toBe('passed');
        expect(code).toBe(1);
        expect(await browserLog(log)).toBe('approve: connector-lint: Signed in');
      } finally {
        await server.stop();
      }
    });
  });

  describe('refresh tokens', () => {
    it.each([
      ['advertises the refresh grant but issues no refresh token: refresh-works warns', 'none', 'warning', 'no refresh token'],
      ['hands back the same refresh token (no rotation): refresh-works says so at info', 'reuse', 'info', 'no rotation'],
    ] as const)('the IdP %s', BROWSER_TEST, async (_name, refreshTokens, severity, message) => {
      const pair = await startPair({ registration: 'open', refreshTokens });
      try {
        const { env, log } = browserEnv('approve');
        const { report } = await lintLogin([pair.mcp.url, '--login', '--login-timeout', '60'], env);
        expect(report.rules['login-completed']?.status).toBe('passed');
        expect(await browserLog(log)).toBe('approve: connector-lint: Signed in');
        const findings = findingsOf(report, 'refresh-works');
        expect(findings.map((f) => f.severity)).toEqual([severity]);
        expect(findings[0]?.message).toContain(message);
        expect(report.rules['refresh-works']?.status).toBe(severity === 'warning' ? 'failed' : 'passed');
      } finally {
        await pair.close();
      }
    });
  });

  describe('Client ID Metadata Documents', () => {
    it('an IdP that takes CIMD from public clients: the sign-in uses the document as its client id, registers nothing, and the run exits 0', BROWSER_TEST, async () => {
      // One document for both of Claude's clients, since `--cimd-client-id` names hosted Claude's too:
      // the hosted callbacks, and Claude Code's loopback ones without a port (a native client, RFC 8252 §7.3: any port matches).
      const callbacks = [CLAUDE_AI, CLAUDE_COM, 'http://localhost/callback', 'http://127.0.0.1/callback'];
      const document = await serveCimdDocument(callbacks, { application_type: 'native' });
      const pair = await startPair({ registration: 'open', cimd: { ca: document.ca }, refreshTokens: 'rotate', revocation: true }).catch(async (error: unknown) => {
        await document.close();
        throw error;
      });
      try {
        const { env, log } = browserEnv('approve');
        const { code, report, stderr } = await lintLogin([pair.mcp.url, '--login', '--cimd-client-id', document.clientId, '--login-timeout', '60'], env);
        expect(signInUrl(stderr).searchParams.get('client_id')).toBe(document.clientId);
        expect(await browserLog(log)).toBe('approve: connector-lint: Signed in');
        expect(statuses(report, SIGNED_IN_RULES), JSON.stringify(report.findings)).toEqual(Object.fromEntries(SIGNED_IN_RULES.map((id) => [id, 'passed'])));
        // CIMD comes before registration: nothing was registered for the sign-in.
        expect(report.exchanges.filter((e) => e.probe === 'login' && new URL(e.url).pathname.startsWith('/reg'))).toEqual([]);
        expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
        expect(code).toBe(0);
      } finally {
        await pair.close();
        await document.close();
      }
    });
  });

  describe('against the test MCP server and one IdP (DCR, a pre-registered Claude Code client, rotation, revocation)', () => {
    let pair: Awaited<ReturnType<typeof startPair>>;

    beforeAll(async () => {
      pair = await startPair({ registration: 'open', clients: [claudeClient('claude-code')], refreshTokens: 'rotate', revocation: true, recordSecrets: true });
    });
    afterAll(async () => {
      await pair?.close();
    });

    it('a server that answers 500 to a valid token: token-accepted reports the 500 as an error', BROWSER_TEST, async () => {
      const proxy = await startCrashOnValidToken(pair.mcp.url, pair.idp.issuer);
      pair.idp.addResourceServer(proxy.url);
      try {
        const { env, log } = browserEnv('approve');
        const { code, report } = await lintLogin([proxy.url, '--login', '--login-timeout', '60'], env);
        expect(report.rules['login-completed']?.status).toBe('passed');
        expect(await browserLog(log)).toBe('approve: connector-lint: Signed in');
        const findings = findingsOf(report, 'token-accepted');
        expect(findings.length, JSON.stringify(report.findings)).toBeGreaterThan(0);
        for (const finding of findings) {
          expect(finding.severity).toBe('error');
          expect(finding.message).toContain('500');
          expect(finding.data.status).toBe(500);
        }
        // The tampered token still reaches the real server, which refuses it properly.
        expect(report.rules['invalid-token-401']?.status).toBe('passed');
        expect(code).toBe(1);
      } finally {
        await proxy.close();
      }
    });

    it('the person refuses consent: login-completed fails with access_denied, exit 1', BROWSER_TEST, async () => {
      const { env, log } = browserEnv('deny');
      const { code, report } = await lintLogin([pair.mcp.url, '--login', '--login-timeout', '60'], env);
      expect(report.rules['login-completed']?.status).toBe('failed');
      const findings = findingsOf(report, 'login-completed');
      expect(findings.map((f) => f.severity)).toEqual(['error']);
      expect(findings[0]?.message).toContain('access_denied');
      expect(findings[0]?.data).toMatchObject({ failure: 'denied', error: 'access_denied' });
      expect(report.rules['token-accepted']?.status).toBe('skipped');
      expect(code).toBe(1);
      expect(await browserLog(log)).toBe('deny: connector-lint: Sign-in failed');
    });

    it('nobody signs in within --login-timeout: login-completed fails naming the timeout, and the loopback port is closed', BROWSER_TEST, async () => {
      const { env, log } = browserEnv('ignore');
      const run = startLint([pair.mcp.url, '--login', '--login-timeout', '2', '--format', 'json'], env);
      // While it waits, the loopback listener takes connections (so the check below can fail).
      const deadline = Date.now() + 20_000;
      while (!ANNOUNCED.test(run.stderr()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const port = loopbackPort(run.stderr());
      expect(await accepts('127.0.0.1', port)).toBe(true);
      expect(await accepts('::1', port)).toBe(true);
      const code = await run.done;
      const report = JSON.parse(run.stdout()) as Report;
      expect(report.rules['login-completed']?.status).toBe('failed');
      const findings = findingsOf(report, 'login-completed');
      expect(findings.map((f) => f.severity)).toEqual(['error']);
      expect(findings[0]?.message).toMatch(/in time/);
      expect(findings[0]?.message).toContain('within 2 s');
      expect(findings[0]?.data).toMatchObject({ failure: 'timeout' });
      expect(code).toBe(1);
      await expectPortClosed(port);
      // The client registered for the sign-in is deleted all the same.
      expect(report.exchanges.filter((e) => e.probe === 'login' && e.method === 'DELETE').map((e) => e.status)).toEqual([204]);
      expect(await browserLog(log)).toBe('ignored');
    });

    it('Ctrl-C while waiting for the browser: exit 130, the loopback port is closed and the client registered for the sign-in deleted', BROWSER_TEST, async () => {
      const { env } = browserEnv('ignore');
      const child = execa('node', [join(ROOT, 'bin/connector-lint.js'), pair.mcp.url, '--login', '--login-timeout', '60'], {
        reject: false,
        env: { NO_COLOR: '1', ...env },
        stdin: 'ignore',
      });
      let stderr = '';
      const announced = new Promise<void>((resolve) =>
        child.stderr?.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
          if (ANNOUNCED.test(stderr)) resolve();
        }),
      );
      let port: number;
      try {
        await Promise.race([announced, child.then(() => undefined), new Promise((r) => setTimeout(r, 30_000))]);
        port = loopbackPort(stderr);
        expect(await accepts('127.0.0.1', port)).toBe(true);
        expect(await accepts('::1', port)).toBe(true);
      } catch (error) {
        child.kill('SIGKILL');
        await child;
        throw error;
      }
      const sent = Date.now();
      child.kill('SIGINT');
      const result = await child;
      expect(result.exitCode, result.stderr).toBe(130);
      expect(result.signal).toBeUndefined();
      expect(result.stderr).toContain('connector-lint: interrupted');
      expect(result.stdout).toBe('');
      expect(Date.now() - sent).toBeLessThan(10_000);
      await expectPortClosed(port);
      const clientId = signInUrl(stderr).searchParams.get('client_id') as string;
      expect(clientId).toBeTruthy();
      expect(await pair.idp.hasClient(clientId)).toBe(false);
    });

    it('without --client-id and without CIMD, a client is registered for the sign-in (201) and deleted afterwards (204)', BROWSER_TEST, async () => {
      const { env, log } = browserEnv('approve');
      const { report } = await lintLogin([pair.mcp.url, '--login', '--login-timeout', '60'], env);
      expect(report.rules['login-completed']?.status).toBe('passed');
      expect(await browserLog(log)).toBe('approve: connector-lint: Signed in');
      const login = report.exchanges.filter((e) => e.probe === 'login');
      const registration = login.filter((e) => new URL(e.url).pathname.startsWith('/reg'));
      expect(registration.map((e) => [e.method, e.status])).toEqual([
        ['POST', 201],
        ['DELETE', 204],
      ]);
      // The client is deleted last, after the token, refresh and revocation requests made with it.
      expect(login.at(-1)?.method).toBe('DELETE');
      expect(login.some((e) => new URL(e.url).pathname === '/token' && e.status === 200)).toBe(true);
    });

    it('--client-id of a pre-registered public client (loopback callbacks on any port) signs in with that client', BROWSER_TEST, async () => {
      const { env, log } = browserEnv('approve');
      const { code, report, stderr } = await lintLogin([pair.mcp.url, '--login', '--client-id', 'claude-code', '--login-timeout', '60'], env);
      expect(signInUrl(stderr).searchParams.get('client_id')).toBe('claude-code');
      expect(statuses(report, SIGNED_IN_RULES), JSON.stringify(report.findings)).toEqual(Object.fromEntries(SIGNED_IN_RULES.map((id) => [id, 'passed'])));
      // No client was registered for this sign-in.
      expect(report.exchanges.filter((e) => e.probe === 'login' && new URL(e.url).pathname.startsWith('/reg'))).toEqual([]);
      expect(report.counts.error, JSON.stringify(report.findings)).toBe(0);
      expect(code, JSON.stringify(Object.entries(report.rules).filter(([, r]) => r.status === 'inconclusive'))).toBe(0);
      expect(await browserLog(log)).toBe('approve: connector-lint: Signed in');
    });

    describe('no code, verifier or token reaches any output', () => {
      it.each(['text', 'json', 'markdown', 'sarif', 'junit', 'github'])('--login --verbose --format %s', BROWSER_TEST, async (format) => {
        const { env, log } = browserEnv('approve');
        const summary = join(work, `step-summary-${runs}.md`);
        const before = pair.idp.issued.length;
        const run = await lint([pair.mcp.url, '--login', '--verbose', '--format', format, '--login-timeout', '60'], { ...env, GITHUB_STEP_SUMMARY: summary });
        expect(await browserLog(log)).toBe('approve: connector-lint: Signed in');
        const issued = pair.idp.issued.slice(before);
        const outputs = await outputsOf(run, format === 'github' ? { GITHUB_STEP_SUMMARY: summary } : {});
        // --verbose lists the exchanges, the token requests among them.
        if (format === 'text') expect(run.stdout).toMatch(/POST http:\/\/127\.0\.0\.1:\d+\/token → 200/);
        expectNoSecrets(outputs, secretsOfRun(issued), issued);
      });

      it('--login --verbose --format json --output <file>', BROWSER_TEST, async () => {
        const { env, log } = browserEnv('approve');
        const file = join(work, `report-${runs}.json`);
        const before = pair.idp.issued.length;
        const run = await lint([pair.mcp.url, '--login', '--verbose', '--format', 'json', '--output', file, '--login-timeout', '60'], env);
        expect(await browserLog(log)).toBe('approve: connector-lint: Signed in');
        const issued = pair.idp.issued.slice(before);
        const outputs = await outputsOf(run, { [file]: file });
        expect((JSON.parse(outputs[file] as string) as Report).rules['login-completed']?.status).toBe('passed');
        expectNoSecrets(outputs, secretsOfRun(issued), issued);
      });
    });

    it('without --login (and no CONNECTOR_ACCESS_TOKEN), token-accepted is skipped naming --login, with no finding and no effect on the exit code', async () => {
      const run = await lint([pair.mcp.url, '--client-id', 'claude-code', '--format', 'json'], {});
      const report = JSON.parse(run.stdout) as Report;
      expect(report.rules['token-accepted']?.status).toBe('skipped');
      expect(report.rules['token-accepted']?.reason).toContain('--login');
      expect(findingsOf(report, 'token-accepted')).toEqual([]);
      expect(run.stderr).not.toContain('sign in');
      const off = await lint([pair.mcp.url, '--client-id', 'claude-code', '--format', 'json', '--rule', 'token-accepted=off'], {});
      expect(run.code).toBe(off.code);
      expect(run.code).toBe((JSON.parse(off.stdout) as Report).exitCode);
    });
  });
});
