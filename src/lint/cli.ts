import { Command, InvalidArgumentError, Option } from 'commander';
import { configureProgram, parseOrExit } from '../shared/commander.js';
import { PACKAGE_VERSION } from '../shared/package-info.js';
import { UsageError } from '../shared/errors.js';
import type { Io } from '../shared/io.js';
import { readConnectorConfig, type ConnectorConfig } from './config.js';
import { CLAUDE_CIMD_CLIENT_ID } from './judgement/claude.js';
import { isLoopbackHost, parseUrl } from './transport/url.js';
import type { AuthMode, LintSettings, RuleSetting } from './types.js';

export const FORMAT_NAMES = ['text', 'json', 'github', 'markdown', 'junit', 'sarif'] as const;
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
  /** The Client ID Metadata Document URL to send as Claude's `client_id`; undefined for Claude's own. */
  cimdClientId?: string;
  scope?: string;
  resource?: string;
  format: FormatName;
  /** Write the report in `format` to this file; stdout then keeps the text summary. */
  output?: string;
  /** `--login`: sign in with a browser, then run the signed-in checks; how long to wait for it. */
  login?: { timeoutMs: number };
  timeoutMs: number;
  verbose: boolean;
  settings: LintSettings;
  /** The connector.json read, for locating findings (SARIF) and for the report. */
  configFile?: { path: string; text: string };
}

/** What `--list-rules` asks for instead of a lint. */
export interface ListRules {
  listRules: true;
}

/** Flags that would put a secret in shell history and process lists, each with where it belongs instead. */
const SECRET_FLAGS: readonly (readonly [RegExp, string])[] = [
  [/^--(client[-_]?)?secret/i, 'set CONNECTOR_CLIENT_SECRET in the environment instead'],
  [/^--(access[-_]?)?token/i, 'set CONNECTOR_ACCESS_TOKEN in the environment instead'],
  [/^--(password|api[-_]?key)/i, 'Claude sends no password or API key, so connector-lint takes none; for the signed-in checks, set CONNECTOR_ACCESS_TOKEN in the environment'],
];

const EXIT_CODES_HELP = `
Formats (--format):
  text      for people (default); colours in a terminal, NO_COLOR / FORCE_COLOR honoured
  json      the Report, a stable contract (schemaVersion 1)
  github    workflow commands (::error / ::warning / ::notice); also appends a Markdown summary
            to $GITHUB_STEP_SUMMARY when it is set
  markdown  a summary table and one section per finding, for a PR comment
  junit     one testcase per rule
  sarif     SARIF 2.1.0, for code scanning
  With --output <file>, the report goes to the file and stdout keeps the text summary.

Configuration (the command line beats connector.json):
  --rule <id>=off|info|warning|error   repeatable; connector.json: { "lint": { "rules": { "<id>": "off" } } }
  --max-warnings <n>                   fail (exit 1) with more than n warnings; connector.json lint.maxWarnings
  --strict                             fail on any warning; connector.json lint.strict
  --list-rules                         list every rule with its default severity

Exit codes:
  0    no error (warnings allowed)
  1    at least one error finding (an unreachable target counts), or too many warnings
  2    could not lint: usage, configuration or internal error
  3    no error, but a required check could not be verified (inconclusive, or not probed)
  130  interrupted (Ctrl-C); no report

Environment:
  CONNECTOR_ACCESS_TOKEN   an access token for the authenticated probes of an OAuth server (tools/list)
  CONNECTOR_CLIENT_SECRET  the client secret, when one is needed (never on the command line)
  NO_COLOR / FORCE_COLOR   turn colours off / on
  HTTPS_PROXY              the proxy for https URLs, tunnelled with CONNECT (https_proxy too)
  HTTP_PROXY               the proxy for http URLs (http_proxy too)
  NO_PROXY                 hosts reached directly: host, .domain, host:port, or * (no_proxy too)

Examples:
  connector-lint https://mcp.example.com/mcp --client-id abc123
  connector-lint                      # reads ./connector.json
  connector-lint --issuer https://auth.example.com --client-id abc123
  connector-lint --issuer https://auth.example.com --register
  connector-lint --metadata ./openid-configuration.json --format json`;

function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number.');
  return n;
}

const LEVELS = ['off', 'info', 'warning', 'error'];

/** Rule settings from connector.json, then `--rule` (which wins); unknown ids and levels are usage errors. */
async function ruleSettings(fromFile: Record<string, string>, fromFlags: string[]): Promise<Record<string, RuleSetting>> {
  const { RULES } = await import('./rules/index.js');
  const known = new Set(RULES.map((r) => r.id));
  const settings: Record<string, RuleSetting> = {};
  const set = (id: string, level: string, where: string) => {
    if (!known.has(id)) throw new UsageError(`${where}: unknown rule \`${id}\``, 'run `connector-lint --list-rules` for the ids');
    if (!LEVELS.includes(level)) throw new UsageError(`${where}: \`${level}\` is not one of ${LEVELS.join(', ')}`);
    settings[id] = level as RuleSetting;
  };
  for (const [id, level] of Object.entries(fromFile)) set(id, level, 'connector.json `lint.rules`');
  for (const flag of fromFlags) {
    const match = /^([^=]+)=(.*)$/.exec(flag);
    if (!match) throw new UsageError(`\`--rule ${flag}\` must be <id>=off|info|warning|error`);
    set((match[1] as string).trim(), (match[2] as string).trim(), '`--rule`');
  }
  return settings;
}

/** A commander argument parser for a number of seconds within bounds, giving milliseconds. */
function seconds(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < min || n > max) throw new InvalidArgumentError(`expected a number of seconds from ${min} to ${max}.`);
    return Math.round(n * 1000);
  };
}

/** The program's definition: its flags, help and version. */
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
    .addOption(new Option('--register', 'register a client the way Claude does (creates a client at the IdP; deleted afterwards where RFC 7592 allows); connector.json "register": true'))
    .addOption(new Option('--no-register', 'register no client, whatever connector.json says'))
    .addOption(
      new Option(
        '--cimd-client-id <url>',
        `the client_id Claude sends to an IdP that supports Client ID Metadata Documents (default: Claude's, ${CLAUDE_CIMD_CLIENT_ID}); connector.json cimdClientId`,
      ),
    )
    .addOption(new Option('--login', 'sign in with your browser as Claude Code does, then check the server with the token (nothing is stored)'))
    .addOption(new Option('--login-timeout <seconds>', 'how long --login waits for the browser').argParser(seconds(1, 3600)).default(300_000, '300'))
    .addOption(new Option('--scope <scopes>', "scope for the probe's authorization requests (default: the server's scopes_supported, as Claude does)"))
    .addOption(new Option('--resource <url>', 'the MCP server URL, sent as the RFC 8707 `resource` parameter as Claude does'))
    .addOption(new Option('--format <format>', 'output format').choices(FORMAT_NAMES).default('text'))
    .addOption(new Option('--timeout <seconds>', 'limit for each request').argParser(seconds(0.01, 600)).default(10000, '10'))
    .addOption(new Option('--verbose', 'list every HTTP exchange (redacted) in text output'))
    .addOption(new Option('--output <file>', 'write the report (in --format) to this file; stdout keeps the text summary'))
    .addOption(new Option('--rule <id=level>', 'set a rule to off, info, warning or error (repeatable)').argParser((v: string, all: string[] = []) => [...all, v]))
    .addOption(new Option('--max-warnings <n>', 'exit 1 when there are more than n warnings').argParser(parseCount))
    .addOption(new Option('--strict', 'exit 1 on any warning'))
    .addOption(new Option('--list-rules', 'list the rules (id, default severity, description) and exit'))
    .addHelpText('after', EXIT_CODES_HELP);
}

async function readConfigOrNothing(path: string | undefined, io: Io): Promise<{ config: ConnectorConfig; configFile?: { path: string; text: string } }> {
  try {
    return await readConnectorConfig(path ?? 'connector.json', io.cwd);
  } catch (error) {
    if (path === undefined && error instanceof UsageError && error.message.includes('ENOENT')) return { config: {} };
    throw error;
  }
}

/** Where a URL came from: how messages name it, and a URL of its kind for the hint. */
interface UrlSource {
  name: string;
  example: string;
  /** Set when the URL was read from this connector.json key, so the hint shows the line to write. */
  file?: { path: string; key: string };
}

const MCP_EXAMPLE = 'https://mcp.example.com/mcp';
const ISSUER_EXAMPLE = 'https://auth.example.com';
const CIMD_EXAMPLE = 'https://app.example.com/oauth/client-metadata.json';

/**
 * The URL meant by `localhost:3000/mcp` or `mcp.example.com/mcp`: http for a loopback host (a local
 * server rarely has a certificate), https otherwise. Undefined when the value does not read as a host.
 */
function withScheme(value: string): string | undefined {
  if (/^[a-z][a-z\d+.-]*:\/\//i.test(value)) return undefined;
  const url = parseUrl(`https://${value}`);
  if (!url || url.username || url.password) return undefined;
  const looksLikeHost = url.hostname.includes('.') || url.hostname.startsWith('[') || isLoopbackHost(url.hostname) || /^[^/:]+:\d+(\/|$)/.test(value);
  if (!looksLikeHost) return undefined;
  return `${isLoopbackHost(url.hostname) ? 'http' : 'https'}://${value}`;
}

function fromFile(path: string, key: string, example: string): UrlSource {
  return { name: `\`${key}\` in \`${path}\``, example, file: { path, key } };
}

function checkUrl(value: string, source: UrlSource): string {
  // `new URL('localhost:3000/mcp')` succeeds, with `localhost:` as its scheme.
  const meant = withScheme(value);
  if (meant) {
    throw new UsageError(
      `${source.name} has no scheme: \`${value}\`; expected a URL starting with https:// (or http:// for a local server)`,
      source.file ? `write "${source.file.key}": "${meant}" in \`${source.file.path}\`` : `use \`${meant}\``,
    );
  }
  const url = parseUrl(value);
  if (!url) throw new UsageError(`${source.name} is not a URL: \`${value}\``, `give an absolute URL such as ${source.example}`);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError(`${source.name} must be an https URL, not \`${url.protocol}\``, `give an absolute URL such as ${source.example}`);
  }
  if (url.username || url.password) {
    throw new UsageError(`${source.name} must not contain credentials (\`user:password@\`)`, 'Claude sends none; give the URL without them');
  }
  return value;
}

/**
 * A client id URL as Client ID Metadata Documents require it: https, a path, no dot segments, no
 * fragment. http passes on a loopback host only, where tests serve their own documents.
 */
function checkCimdClientId(value: string, source: UrlSource): string {
  checkUrl(value, source);
  const url = parseUrl(value) as URL;
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new UsageError(`${source.name} must be an https URL, not \`http:\``, `a client metadata document is served over https (http only on a loopback host, for tests), such as ${CIMD_EXAMPLE}`);
  }
  if (url.pathname === '/') {
    throw new UsageError(`${source.name} has no path: \`${value}\`; expected the URL of a client metadata document`, `give a URL such as ${CIMD_EXAMPLE}`);
  }
  // The parsed URL has its dot segments resolved away; the id is compared as written.
  if (/^[^?#]*\/\.{1,2}(?:[/?#]|$)/.test(value)) {
    throw new UsageError(`${source.name} has a \`.\` or \`..\` path segment: \`${value}\``, `give the document's URL without them, such as ${CIMD_EXAMPLE}`);
  }
  if (value.includes('#')) {
    throw new UsageError(`${source.name} has a fragment: \`${value}\``, `a client id URL takes none; give it without \`#…\`, such as ${CIMD_EXAMPLE}`);
  }
  return value;
}

/**
 * Parses argv. Returns the options, or an exit code when commander already answered (help,
 * version). Throws {@link UsageError} for anything it cannot accept.
 */
export async function parseLintArgs(argv: string[], io: Io): Promise<LintOptions | ListRules | { exitCode: number }> {
  for (const arg of argv) {
    const secret = SECRET_FLAGS.find(([flag]) => flag.test(arg));
    if (secret) throw new UsageError(`secrets are not accepted on the command line (\`${arg.split('=')[0]}\`)`, secret[1]);
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
    cimdClientId?: string;
    scope?: string;
    resource?: string;
    format: FormatName;
    timeout: number;
    verbose?: boolean;
    output?: string;
    rule?: string[];
    maxWarnings?: number;
    strict?: boolean;
    listRules?: boolean;
    login?: boolean;
    loginTimeout: number;
  }>();
  if (opts.listRules) return { listRules: true };
  const positional = cmd.args[0];
  const { config, configFile } = opts.metadata ? { config: {} as ConnectorConfig, configFile: undefined } : await readConfigOrNothing(opts.config, io);
  const url = positional ?? config.url;
  const issuer = opts.issuer ?? config.issuer;
  if (!url && !issuer && !opts.metadata) {
    if (configFile) throw new UsageError(`\`${configFile.path}\` has no \`url\``, `add "url": "https://your-server.example.com/mcp", or pass the MCP server URL`);
    throw new UsageError('nothing to lint', 'pass the MCP server URL, --issuer <url> or --metadata <file>, or run where connector.json is');
  }
  if (opts.metadata && opts.register) {
    throw new UsageError('`--register` needs a live server; it cannot be combined with `--metadata`');
  }
  if (!opts.login && cmd.getOptionValueSource('loginTimeout') === 'cli') {
    throw new UsageError('`--login-timeout` applies to `--login` only', 'add `--login`, or drop `--login-timeout`');
  }
  if (opts.login && !url) {
    throw new UsageError('`--login` signs in to an MCP server: pass its URL (or run where connector.json has `url`)');
  }
  const cimdClientId = opts.cimdClientId ?? config.cimdClientId;
  const cimdSource = opts.cimdClientId !== undefined || !configFile ? { name: '`--cimd-client-id`', example: CIMD_EXAMPLE } : fromFile(configFile.path, 'cimdClientId', CIMD_EXAMPLE);
  return {
    url: url === undefined ? undefined : checkUrl(url, positional !== undefined || !configFile ? { name: '`mcp-url`', example: MCP_EXAMPLE } : fromFile(configFile.path, 'url', MCP_EXAMPLE)),
    auth: opts.auth ?? config.auth,
    issuer: issuer === undefined ? undefined : checkUrl(issuer, opts.issuer !== undefined || !configFile ? { name: '`--issuer`', example: ISSUER_EXAMPLE } : fromFile(configFile.path, 'issuer', ISSUER_EXAMPLE)),
    metadataFile: opts.metadata,
    clientId: opts.clientId ?? config.clientId,
    register: opts.register ?? config.register ?? false,
    ...(cimdClientId === undefined ? {} : { cimdClientId: checkCimdClientId(cimdClientId, cimdSource) }),
    scope: opts.scope,
    resource: opts.resource === undefined ? undefined : checkUrl(opts.resource, { name: '`--resource`', example: MCP_EXAMPLE }),
    format: opts.format,
    timeoutMs: opts.timeout,
    verbose: Boolean(opts.verbose),
    ...(opts.output ? { output: opts.output } : {}),
    ...(opts.login ? { login: { timeoutMs: opts.loginTimeout } } : {}),
    settings: {
      rules: await ruleSettings(config.lint?.rules ?? {}, opts.rule ?? []),
      ...((opts.maxWarnings ?? config.lint?.maxWarnings) !== undefined ? { maxWarnings: opts.maxWarnings ?? config.lint?.maxWarnings } : {}),
      strict: Boolean(opts.strict ?? config.lint?.strict),
    },
    ...(configFile ? { configFile } : {}),
  };
}
