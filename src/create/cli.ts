import { Command, Option } from 'commander';
import { configureProgram, parseOrExit } from '../shared/commander.js';
import { UsageError } from '../shared/errors.js';
import type { Io } from '../shared/io.js';
import { PACKAGE_VERSION } from '../shared/package-info.js';
import { IDP_IDS } from './idps.js';
import { TEMPLATE_IDS } from './catalog.js';
import type { PackageManager, TemplateId } from './types.js';
import { issuerProblem } from './validate.js';

/** Flags as given; anything absent is asked for (interactive) or defaulted (`--yes`). */
export interface CreateFlags {
  dir?: string;
  template?: TemplateId;
  name?: string;
  description?: string;
  idp?: string;
  issuer?: string;
  pm?: PackageManager;
  install?: boolean;
  git?: boolean;
  overwrite: boolean;
  dryRun: boolean;
  yes: boolean;
}

const HELP_AFTER = `
Exit codes:
  0    project created (or, with --dry-run, the plan printed)
  1    could not create: the target is not empty (without --overwrite) or writing failed
  2    usage error
  130  cancelled

Examples:
  npm create connector@latest
  npx create-connector my-connector --template oauth --idp auth0 --yes
  npx create-connector . --template public --no-install --no-git --yes`;

/** The program's definition: its flags, help and version. */
function program(io: Io): Command {
  return configureProgram(new Command('create-connector'), io)
    .description('Scaffold a Claude Connector: a remote MCP server that builds, passes its tests and passes connector-lint.')
    .version(PACKAGE_VERSION, '-V, --version')
    .argument('[dir]', 'directory to create the project in')
    .addOption(new Option('-t, --template <template>', 'how users authenticate').choices(TEMPLATE_IDS))
    .addOption(new Option('--name <package-name>', 'npm package name (default: from the directory)'))
    .addOption(new Option('--description <text>', 'one-line description'))
    .addOption(new Option('--idp <idp>', 'identity provider preset for the oauth template').choices(IDP_IDS))
    .addOption(new Option('--issuer <url>', "your authorization server's issuer URL (oauth)"))
    .addOption(new Option('--pm <pm>', 'package manager (default: the one running this)').choices(['npm', 'pnpm', 'yarn', 'bun']))
    .addOption(new Option('--install', 'install dependencies (default)'))
    .addOption(new Option('--no-install', 'do not install dependencies'))
    .addOption(new Option('--git', 'initialise a git repository (default, skipped inside one)'))
    .addOption(new Option('--no-git', 'do not initialise git'))
    .addOption(new Option('--overwrite', 'replace the files of a non-empty directory (.git is kept)'))
    .addOption(new Option('--dry-run', 'print what would be created, write nothing'))
    .addOption(new Option('-y, --yes', 'take the defaults for everything not given; never ask'))
    .addHelpText('after', HELP_AFTER);
}

export function parseCreateArgs(argv: string[], io: Io): CreateFlags | { exitCode: number } {
  const cmd = program(io);
  const ended = parseOrExit(cmd, argv);
  if (ended) return ended;
  const o = cmd.opts<Omit<CreateFlags, 'dir'> & { dryRun?: boolean; yes?: boolean; overwrite?: boolean }>();
  const issuerIssue = o.issuer === undefined ? undefined : issuerProblem(o.issuer);
  if (issuerIssue) {
    // Shown as typed, minus any `user:password@`.
    const shown = (o.issuer as string).replace(/\/\/[^/?#]*@/, '//[redacted]@');
    throw new UsageError(`\`--issuer\` ${issuerIssue}: \`${JSON.stringify(shown).slice(1, -1)}\``);
  }
  return {
    dir: cmd.args[0],
    template: o.template,
    name: o.name,
    description: o.description,
    idp: o.idp,
    issuer: o.issuer,
    pm: o.pm,
    install: o.install,
    git: o.git,
    overwrite: Boolean(o.overwrite),
    dryRun: Boolean(o.dryRun),
    yes: Boolean(o.yes),
  };
}
