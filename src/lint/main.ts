import { EXIT, UsageError } from '../shared/errors.js';
import { processIo, type Io } from '../shared/io.js';
import { sanitize } from '../shared/sanitize.js';
import { parseLintArgs } from './cli.js';
import { redactSecrets, secretsIn } from './redact.js';

/** connector-lint's entry point: returns the exit code, never throws, never calls process.exit. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const secrets = secretsIn(io.env);
  const fail = (line: string) => io.stderr.write(redactSecrets(`${line}\n`, secrets));
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
  }
}
