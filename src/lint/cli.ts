import { Command, InvalidArgumentError, Option } from 'commander';
import { configureProgram, parseOrExit } from '../shared/commander.js';
import { PACKAGE_VERSION } from '../shared/package-info.js';
import { UsageError } from '../shared/errors.js';
import type { Io } from '../shared/io.js';
import { readConnectorConfig, type ConnectorConfig } from './config.js';
import type { AuthMode } from './types.js';

export const FORMAT_NAMES = ['text', 'json'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

/** Validated options of connector-lint (command line over connector.json). */
export interface LintOptions {
  /** The MCP server URL as the user typed it. */
  url?: string;
  /** Declared authentication mode. */
  auth?: AuthMode;
  issuer?: string;
  metadataFile?: string;
  clientId?: string;
  register: boolean;
  scope?: string;
  resource?: string;
  format: FormatName;
  timeoutMs: number;
  verbose: boolean;
}

/** Flags that would put a secret in shell history and process lists. */
const SECRET_FLAGS = /^--(client[-_]?secret|secret|access[-_]?token|token|password|api[-_]?key)/i;

const EXIT_CODES_HELP = `
Exit codes:
  0  no error (warnings allowed)
  1  at least one error finding (an unreachable target counts)
  2  could not lint: usage, configuration or internal error
  3  no error, but a required check could not be verified (inconclusive, or not probed)

Environment:
  CONNECTOR_ACCESS_TOKEN   an access token for the authenticated probes of an OAuth server (tools/list)
  CONNECTOR_CLIENT_SECRET  the client secret, when one is needed (never on the command line)
  NO_COLOR / FORCE_COLOR   turn colours off / on

Examples:
  connector-lint https://mcp.example.com/mcp --client-id abc123
  connector-lint                      # reads ./connector.json
  connector-lint --issuer https://auth.example.com --client-id abc123
  connector-lint --issuer https://auth.example.com --register
  connector-lint --metadata ./openid-configuration.json --format json`;

function parseTimeout(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0.01 || seconds > 600) {
    throw new InvalidArgumentError('expected a number of seconds from 0.01 to 600.');
  }
  return Math.round(seconds * 1000);
}

function program(io: Io): Command {
  return configureProgram(new Command('connector-lint'), io)
    .description("Walk the path Claude walks from your MCP server's URL, through its identity provider, and say where it breaks.")
    .version(PACKAGE_VERSION, '-V, --version')
    .argument('[mcp-url]', 'the MCP server URL exactly as users paste it into Claude (default: `url` of ./connector.json)')
    .addOption(new Option('--auth <mode>', 'how the connector authenticates (default: inferred from the server)').choices(['none', 'shared', 'oauth']))
    .addOption(new Option('--config <file>', 'read target and settings from this connector.json (flags override it)'))
    .addOption(new Option('--issuer <url>', "authorization server (issuer) URL; default: the server's protected-resource metadata"))
    .addOption(new Option('--metadata <file>', 'lint a saved authorization-server metadata document, offline'))
    .addOption(new Option('--client-id <id>', 'the client Claude uses (entered under Advanced settings); enables the callback probe'))
    .addOption(new Option('--register', 'register a client the way Claude does (creates a client at the IdP; deleted afterwards where RFC 7592 allows)'))
    .addOption(new Option('--scope <scopes>', "scope for the probe's authorization requests (default: the server's scopes_supported, as Claude does)"))
    .addOption(new Option('--resource <url>', 'the MCP server URL, sent as the RFC 8707 `resource` parameter as Claude does'))
    .addOption(new Option('--format <format>', 'output format').choices(FORMAT_NAMES).default('text'))
    .addOption(new Option('--timeout <seconds>', 'limit for each request').argParser(parseTimeout).default(10000, '10'))
    .addOption(new Option('--verbose', 'list every HTTP exchange (redacted) in text output'))
    .addHelpText('after', EXIT_CODES_HELP);
}

async function readConfigOrNothing(path: string | undefined, io: Io): Promise<ConnectorConfig> {
  if (path !== undefined) return readConnectorConfig(path, io.cwd);
  try {
    return await readConnectorConfig('connector.json', io.cwd);
  } catch (error) {
    if (error instanceof UsageError && error.message.includes('ENOENT')) return {};
    throw error;
  }
}

function checkUrl(flag: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`\`${flag}\` is not a URL: \`${value}\``, 'give an absolute URL such as https://auth.example.com');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError(`\`${flag}\` must be an https URL, not \`${url.protocol}\``, 'give an absolute URL such as https://auth.example.com');
  }
  if (url.username || url.password) {
    throw new UsageError(`\`${flag}\` must not contain credentials (\`user:password@\`)`, 'Claude sends none; give the URL without them');
  }
  return value;
}

/**
 * Parses argv. Returns the options, or an exit code when commander already answered (help,
 * version). Throws {@link UsageError} for anything it cannot accept.
 */
export async function parseLintArgs(argv: string[], io: Io): Promise<LintOptions | { exitCode: number }> {
  const secretFlag = argv.find((a) => SECRET_FLAGS.test(a));
  if (secretFlag) {
    throw new UsageError(
      `secrets are not accepted on the command line (\`${secretFlag.split('=')[0]}\`)`,
      'set CONNECTOR_CLIENT_SECRET in the environment instead',
    );
  }
  const cmd = program(io);
  const ended = parseOrExit(cmd, argv);
  if (ended) return ended;
  const opts = cmd.opts<{
    auth?: AuthMode;
    config?: string;
    issuer?: string;
    metadata?: string;
    clientId?: string;
    register?: boolean;
    scope?: string;
    resource?: string;
    format: FormatName;
    timeout: number;
    verbose?: boolean;
  }>();
  const positional = cmd.args[0];
  const config = opts.metadata ? {} : await readConfigOrNothing(opts.config, io);
  const url = positional ?? config.url;
  const issuer = opts.issuer ?? config.issuer;
  if (!url && !issuer && !opts.metadata) {
    throw new UsageError('nothing to lint', 'pass the MCP server URL, --issuer <url> or --metadata <file>, or run where connector.json is');
  }
  if (opts.metadata && opts.register) {
    throw new UsageError('`--register` needs a live server; it cannot be combined with `--metadata`');
  }
  return {
    url: url === undefined ? undefined : checkUrl(positional ? 'mcp-url' : 'url', url),
    auth: opts.auth ?? config.auth,
    issuer: issuer === undefined ? undefined : checkUrl('--issuer', issuer),
    metadataFile: opts.metadata,
    clientId: opts.clientId ?? config.clientId,
    register: Boolean(opts.register),
    scope: opts.scope,
    resource: opts.resource === undefined ? undefined : checkUrl('--resource', opts.resource),
    format: opts.format,
    timeoutMs: opts.timeout,
    verbose: Boolean(opts.verbose),
  };
}
