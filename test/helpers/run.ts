import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { main } from '../../src/lint/main.js';
import type { Io, OutputStream } from '../../src/shared/io.js';
import type { Report } from '../../src/lint/types.js';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A stream that keeps what is written to it, as a run's stdout or stderr. */
export function capture(): OutputStream & { text: string } {
  const stream = {
    text: '',
    isTTY: false,
    write(chunk: string) {
      stream.text += chunk;
      return true;
    },
  };
  return stream;
}

/** Runs connector-lint in-process with captured streams and a clean environment. */
export async function lint(args: string[], env: Record<string, string> = {}): Promise<RunResult> {
  const stdout = capture();
  const stderr = capture();
  const io: Io = { stdout, stderr, env: { NO_COLOR: '1', ...env }, cwd: process.cwd() };
  const code = await main(args, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** Runs connector-lint with `--format json` and parses the Report. */
export async function lintJson(args: string[], env: Record<string, string> = {}): Promise<{ code: number; report: Report }> {
  const result = await lint([...args, '--format', 'json'], env);
  if (result.stderr) throw new Error(`unexpected stderr: ${result.stderr}`);
  return { code: result.code, report: JSON.parse(result.stdout) as Report };
}

/** Rules whose status is `failed` (an error or a warning), sorted. */
export function failedRules(report: Report): string[] {
  return Object.entries(report.rules)
    .filter(([, r]) => r.status === 'failed')
    .map(([id]) => id)
    .sort();
}

/**
 * The verdicts on hosted Claude's two callbacks (Claude Code's loopback ones left out) for the given
 * client, by default the one given or registered (not Claude's CIMD client).
 */
export function hostedVerdicts(report: Report, client?: Report['callbacks'][number]['client']): string[] {
  return report.callbacks
    .filter((c) => (client ? c.client === client : c.client !== 'cimd') && c.uri.startsWith('https://'))
    .map((c) => c.verdict);
}

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Spawns a built bin (`connector-lint` or `create-connector`) as a user would. */
export async function runBin(bin: 'connector-lint' | 'create-connector', args: string[], env: Record<string, string> = {}): Promise<RunResult> {
  const result = await execa('node', [`${ROOT}bin/${bin}.js`, ...args], {
    reject: false,
    env: { NO_COLOR: '1', ...env },
    extendEnv: true,
    stdin: 'ignore',
  });
  return { code: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr };
}
