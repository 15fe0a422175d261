import { EXIT, UsageError } from '../shared/errors.js';
import { processIo, type Io } from '../shared/io.js';
import { sanitize } from '../shared/sanitize.js';
import { parseLintArgs } from './cli.js';
import { redactSecrets, secretsIn } from './transport/redact.js';

/** connector-lint's entry point: returns the exit code, never throws, never calls process.exit. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const secrets = secretsIn(io.env);
  const fail = (line: string) => io.stderr.write(redactSecrets(`${line}\n`, secrets));
  // Ctrl-C aborts the run: every request in flight ends at once, nothing more is printed, and
  // main returns 130 without waiting for the probes to wind down.
  const interrupt = new AbortController();
  const onInterrupt = () => interrupt.abort();
  const interrupted = new Promise<number>((resolve) =>
    interrupt.signal.addEventListener('abort', () => {
      fail('connector-lint: interrupted');
      resolve(EXIT.cancelled);
    }, { once: true }),
  );
  process.once('SIGINT', onInterrupt);
  try {
    return await Promise.race([run(argv, io, fail, interrupt.signal), interrupted]);
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
}

async function run(argv: string[], io: Io, fail: (line: string) => void, signal: AbortSignal): Promise<number> {
  try {
    const parsed = await parseLintArgs(argv, io);
    if ('exitCode' in parsed) return parsed.exitCode;
    if ('listRules' in parsed) {
      const { formatRuleList } = await import('./rule-list.js');
      io.stdout.write(formatRuleList());
      return EXIT.ok;
    }
    // Loaded only now, so --help and usage errors never pay for the HTTP client and openid-client.
    const { runLint } = await import('./run.js');
    return await runLint(parsed, io, signal);
  } catch (error) {
    if (signal.aborted) return EXIT.cancelled;
    if (error instanceof UsageError) {
      fail(`connector-lint: ${error.message}`);
      fail(`${error.hint ? `hint: ${error.hint}. ` : ''}Run \`connector-lint --help\` for usage.`);
      return EXIT.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    fail(`connector-lint: internal error: ${sanitize(message, 300)}`);
    return EXIT.usage;
  }
}
