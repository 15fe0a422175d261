import { appendFile, writeFile } from 'node:fs/promises';
import { colorsFor } from '../shared/colors.js';
import { envFlag } from '../shared/env-flag.js';
import { EXIT, UsageError } from '../shared/errors.js';
import type { Io } from '../shared/io.js';
import { PACKAGE_VERSION, DOCS_BASE } from '../shared/package-info.js';
import type { LintOptions } from './cli.js';
import { judge } from './judgement/engine.js';
import { FORMATTERS } from './formatters/index.js';
import { formatMarkdown } from './formatters/markdown.js';
import { runProbes } from './probes/index.js';
import { SILENT, terminalProgress } from './progress.js';
import { redactSecrets, redactUrl, secretsIn } from './transport/redact.js';
import { RULES } from './rules/index.js';
import type { Target } from './types.js';
import { effectiveMode } from './judgement/mcp-mode.js';
import { isLocalHttp } from './transport/url.js';

async function writeOutput(path: string, content: string): Promise<void> {
  try {
    await writeFile(path, content);
  } catch (error) {
    throw new UsageError(`cannot write \`--output\` file \`${path}\` (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** Probes, judges, prints the report and returns its exit code; prints nothing once `signal` is aborted. */
export async function runLint(options: LintOptions, io: Io, signal?: AbortSignal): Promise<number> {
  const secrets = secretsIn(io.env);
  // A live list of probes only for a person at a terminal reading the text report.
  // Not during a sign-in, whose URL on stderr must stay readable.
  const watched = Boolean(io.stdout.isTTY) && !envFlag(io.env.CI) && options.format === 'text' && !options.output && !options.login;
  const progress = watched ? terminalProgress(io.stderr) : SILENT;
  const { states, exchanges, inferred } = await runProbes({
    progress,
    url: options.url,
    auth: options.auth,
    accessToken: io.env.CONNECTOR_ACCESS_TOKEN || undefined,
    issuer: options.issuer,
    metadataFile: options.metadataFile,
    clientId: options.clientId,
    register: options.register,
    cimdClientId: options.cimdClientId,
    scope: options.scope,
    resource: options.resource,
    timeoutMs: options.timeoutMs,
    userAgent: `connector-lint/${PACKAGE_VERSION} (+${DOCS_BASE})`,
    secrets,
    env: io.env,
    signal,
    ...(options.login
      ? {
          login: {
            timeoutMs: options.login.timeoutMs,
            clientSecret: io.env.CONNECTOR_CLIENT_SECRET || undefined,
            announce: (url: string) => io.stderr.write(`connector-lint: sign in with your browser; if it did not open, open this URL:\n  ${url}\n`),
          },
        }
      : {}),
  }).finally(() => progress.stop());
  const as = states.authorizationServer;
  if (as.status === 'failed' && (as.partial as { problem?: { cause?: string } } | undefined)?.problem?.cause === 'unreadable-file') {
    throw new UsageError(`cannot read \`--metadata\` file: ${as.reason}`);
  }
  const effective = effectiveMode(inferred, options.auth);
  const target: Target = {
    mode: options.metadataFile ? 'metadata' : options.url ? 'server' : 'issuer',
    ...(options.url ? { url: redactUrl(options.url), auth: { ...(options.auth ? { declared: options.auth } : {}), inferred: inferred ?? 'unknown', effective } } : {}),
    ...(options.issuer ? { issuer: options.issuer } : {}),
    ...(options.metadataFile ? { metadataFile: options.metadataFile } : {}),
    ...(options.clientId ? { clientId: options.clientId } : {}),
    register: options.register,
    ...(options.cimdClientId ? { cimdClientId: options.cimdClientId } : {}),
    ...(options.login ? { login: true } : {}),
    local: isLocalHttp(options.url ?? options.issuer ?? ''),
  };
  const report = judge({ target, states, exchanges, rules: RULES, settings: options.settings });
  const formatOptions = { colors: colorsFor(io.stdout, io.env), verbose: options.verbose, ...(options.configFile ? { configFile: options.configFile } : {}) };
  // Interrupted: main has said so and returned; the probes ended early, so there is nothing to report.
  if (signal?.aborted) return EXIT.cancelled;
  const output = redactSecrets(FORMATTERS[options.format](report, formatOptions), secrets);
  if (options.output) {
    await writeOutput(options.output, output);
    io.stdout.write(redactSecrets(FORMATTERS.text(report, formatOptions), secrets));
  } else {
    io.stdout.write(output);
  }
  if (options.format === 'github' && io.env.GITHUB_STEP_SUMMARY) {
    await appendFile(io.env.GITHUB_STEP_SUMMARY, redactSecrets(`${formatMarkdown(report)}\n`, secrets));
  }
  return report.exitCode;
}
