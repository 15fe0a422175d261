import { EXIT } from '../shared/errors.js';
import { processIo, type Io } from '../shared/io.js';
import { PACKAGE_VERSION } from '../shared/package-info.js';

const HELP = `Usage: create-connector [dir] [options]

Scaffold a Claude Connector (a remote MCP server).

Scaffolding is not available in this version yet; connector-lint is.

Options:
  -V, --version  output the version number
  -h, --help     show this help
`;

/** create-connector's entry point: returns the exit code, never throws. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  if (argv.includes('-V') || argv.includes('--version')) {
    io.stdout.write(`${PACKAGE_VERSION}\n`);
    return EXIT.ok;
  }
  io.stderr.write('create-connector: scaffolding is not available in this version yet; run `connector-lint --help` for the linter.\n');
  return EXIT.usage;
}
