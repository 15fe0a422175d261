import { describe, expect, it } from 'vitest';
import { main } from '../../src/lint/main.js';
import { SILENT, terminalProgress } from '../../src/lint/progress.js';
import { startServer } from '../helpers/fixture-server.js';

function stream(isTTY: boolean) {
  const s = { text: '', isTTY, write: (chunk: string) => ((s.text += chunk), true) };
  return s;
}

describe('terminalProgress', () => {
  it('shows each probe with a spinner, marks it done, and erases the list at the end', async () => {
    const err = stream(true);
    const progress = terminalProgress(err);
    expect(await progress.run('authorization-server metadata', async () => 42)).toBe(42);
    await expect(progress.run('callback probe', async () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    progress.stop();
    expect(err.text).toContain('✔ authorization-server metadata');
    expect(err.text).toContain('✖ callback probe');
    expect(err.text.endsWith('\x1b[J')).toBe(true);
  });

  it('SILENT runs the work and writes nothing', async () => {
    expect(await SILENT.run('x', async () => 'done')).toBe('done');
  });
});

describe('when connector-lint shows progress', () => {
  const run = async (stdoutTTY: boolean, args: string[], env: Record<string, string> = {}) => {
    const server = await startServer((_req, res) => res.writeHead(404).end());
    const out = stream(stdoutTTY);
    const err = stream(true);
    try {
      await main(['--issuer', server.url, ...args], { stdout: out, stderr: err, env: { NO_COLOR: '1', ...env }, cwd: process.cwd() });
    } finally {
      await server.close();
    }
    return err.text;
  };

  it('in a terminal, for the text report', async () => {
    expect(await run(true, [])).toContain('authorization-server metadata');
  });

  it.each([
    ['stdout is not a terminal', false, [], {}],
    ['CI', true, [], { CI: 'true' }],
    ['another format', true, ['--format', 'json'], {}],
  ])('never when %s', async (_name, tty, args, env) => {
    expect(await run(tty as boolean, args as string[], env as Record<string, string>)).toBe('');
  });
});
