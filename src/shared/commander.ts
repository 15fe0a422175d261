import { CommanderError, type Command } from 'commander';
import { UsageError } from './errors.js';
import type { Io } from './io.js';

/** Commander set up for our programs: no exit, output to our streams, its own error lines silenced. */
export function configureProgram(cmd: Command, io: Io): Command {
  return cmd
    .helpOption('-h, --help', 'show this help')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s), outputError: () => undefined });
}

/** Parses argv; help and version end the run with 0, any other complaint is a {@link UsageError}. */
export function parseOrExit(cmd: Command, argv: string[]): { exitCode: number } | undefined {
  try {
    cmd.parse(argv, { from: 'user' });
    return undefined;
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return { exitCode: 0 };
    // Commander quotes the offending argument whole; keep only a flag's name, never its value.
    throw new UsageError(error.message.replace(/^error: /, '').replace(/\.$/, '').replace(/'(--?[\w-]+)=[^']*'/, "'$1'"));
  }
}
