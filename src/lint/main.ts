import { EXIT, UsageError } from '../shared/errors.js';
import { processIo, type Io } from '../shared/io.js';
import { sanitize } from '../shared/sanitize.js';
import { parseLintArgs } from './cli.js';
import { redactSecrets, secretsIn } from './transport/redact.js';

/** connector-lint's entry point: returns the exit code and never throws; only Ctrl-C ends the process early. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const secrets = secretsIn(io.env);
  const fail = (line: string) => io.stderr.write(redactSecrets(`${line}\n`, secrets));
  // Ctrl-C exits at once rather than returning: the probes take no abort signal, so their open
  // requests and timeouts would hold the process for up to --timeout each, and the probes still
  // running would go on to print a report after the interruption.
  const onInterrupt = () => {
    fail('connector-lint: interrupted');
    process.exit(EXIT.cancelled);
  };
  process.once('SIGINT', onInterrupt);
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
    return await runLint(parsed, io);
  } catch (error) {
    if (error instanceof UsageError) {
      fail(`connector-lint: ${error.message}`);
      fail(`${error.hint ? `hint: ${error.hint}. ` : ''}Run \`connector-lint --help\` for usage.`);
      return EXIT.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    fail(`connector-lint: internal error: ${sanitize(message, 300)}`);
    return EXIT.usage;
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
}
