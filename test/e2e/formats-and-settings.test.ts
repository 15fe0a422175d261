import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { RULES } from '../../src/lint/rules/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lint, lintJson } from '../helpers/run.js';
import { CLAUDE_AI, claudeClient, startTestIdp, type TestIdp } from '../helpers/idp/test-idp.js';

// A real IdP whose client lacks the claude.com callback (and allows Claude Code's loopback ones): one error, some info.
let idp: TestIdp;
let base: string[];
beforeAll(async () => {
  idp = await startTestIdp({ clients: [claudeClient('only-ai', [CLAUDE_AI])] });
  base = ['--issuer', idp.issuer, '--client-id', 'only-ai'];
});
afterAll(() => idp.close());

describe('every format from a real lint run', () => {
  it('json', async () => {
    const { stdout } = await lint([...base, '--format', 'json']);
    expect(JSON.parse(stdout).exitCode).toBe(1);
  });

  it('github: annotations, and a Markdown summary appended to $GITHUB_STEP_SUMMARY', async () => {
    const summary = join(await mkdtemp(join(tmpdir(), 'gh-')), 'summary.md');
    await writeFile(summary, '# earlier step\n');
    const { code, stdout } = await lint([...base, '--format', 'github'], { GITHUB_STEP_SUMMARY: summary });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^::error title=connector-lint redirect-claude-com-accepted::/m);
    const written = await readFile(summary, 'utf8');
    expect(written.startsWith('# earlier step\n')).toBe(true);
    expect(written).toContain('## connector-lint ❌ fail');
  });

  it('markdown', async () => {
    const { stdout } = await lint([...base, '--format', 'markdown']);
    expect(stdout).toContain('| ❌ error | [`redirect-claude-com-accepted`]');
  });

  it('junit', async () => {
    const { stdout } = await lint([...base, '--format', 'junit']);
    const suite = new XMLParser({ ignoreAttributes: false }).parse(stdout).testsuites.testsuite;
    expect(Number(suite['@_failures'])).toBe(1);
  });

  it('sarif, written with --output while stdout keeps the text summary', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'sarif-')), 'report.sarif');
    const { code, stdout } = await lint([...base, '--format', 'sarif', '--output', file]);
    expect(code).toBe(1);
    expect(stdout).toContain('✖ fail:');
    const sarif = JSON.parse(await readFile(file, 'utf8'));
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toContain('redirect-claude-com-accepted');
  });

  it('an --output file that cannot be written is exit 2', async () => {
    const { code, stderr } = await lint([...base, '--format', 'sarif', '--output', '/nonexistent-dir/x.sarif']);
    expect(code).toBe(2);
    expect(stderr).toContain('cannot write');
  });
});

describe('configuration: severities, thresholds, command line over connector.json', () => {
  it('--rule <id>=off turns a verified-by-hand rule off: status off, no finding, exit 0', async () => {
    const { code, report } = await lintJson([...base, '--rule', 'redirect-claude-com-accepted=off']);
    expect(report.rules['redirect-claude-com-accepted']).toEqual({ status: 'off', reason: 'turned off by configuration' });
    expect(report.settings.rules).toEqual({ 'redirect-claude-com-accepted': 'off' });
    expect(code).toBe(0);
  });

  it('--rule <id>=warning demotes its findings; --strict and --max-warnings make warnings fail', async () => {
    const demoted = await lintJson([...base, '--rule', 'redirect-claude-com-accepted=warning']);
    expect(demoted.report.findings.find((f) => f.ruleId === 'redirect-claude-com-accepted')?.severity).toBe('warning');
    expect(demoted.code).toBe(0);
    expect((await lintJson([...base, '--rule', 'redirect-claude-com-accepted=warning', '--strict'])).code).toBe(1);
    expect((await lintJson([...base, '--rule', 'redirect-claude-com-accepted=warning', '--max-warnings', '0'])).code).toBe(1);
    expect((await lintJson([...base, '--rule', 'redirect-claude-com-accepted=warning', '--max-warnings', '1'])).code).toBe(0);
  });

  it('reads lint.rules from connector.json, and the command line beats it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cfg-'));
    const config = join(dir, 'connector.json');
    await writeFile(config, JSON.stringify({ issuer: idp.issuer, clientId: 'only-ai', lint: { rules: { 'redirect-claude-com-accepted': 'off' } } }));
    expect((await lintJson(['--config', config])).code).toBe(0);
    expect((await lintJson(['--config', config, '--rule', 'redirect-claude-com-accepted=error'])).code).toBe(1);
  });

  it.each([
    [['--rule', 'no-such-rule=off'], 'unknown rule `no-such-rule`'],
    [['--rule', 'pkce-s256-advertised=loud'], '`loud` is not one of'],
    [['--rule', 'pkce-s256-advertised'], 'must be <id>='],
    [['--max-warnings', '-1'], '--max-warnings'],
  ])('%j is a usage error (exit 2)', async (args, message) => {
    const { code, stderr } = await lint([...base, ...args]);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('an unknown rule id in connector.json is a usage error too', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cfg-'));
    await writeFile(join(dir, 'connector.json'), JSON.stringify({ issuer: idp.issuer, lint: { rules: { 'made-up': 'off' } } }));
    const { code, stderr } = await lint(['--config', join(dir, 'connector.json')]);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown rule `made-up`');
  });

  it('--list-rules lists every rule id with its default severity', async () => {
    const { code, stdout } = await lint(['--list-rules']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^redirect-claude-ai-accepted\s+error\s+.*\(required\)$/m);
    // A header line, then one line per rule.
    expect(stdout.trim().split('\n')).toHaveLength(RULES.length + 1);
    for (const rule of RULES) expect(stdout).toMatch(new RegExp(`^${rule.id}\\s`, 'm'));
  });
});
