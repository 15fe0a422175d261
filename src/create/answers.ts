import { basename, resolve } from 'node:path';
import { envFlag } from '../shared/env-flag.js';
import { UsageError } from '../shared/errors.js';
import type { CreateFlags } from './cli.js';
import { IDPS, idpPreset } from './idps.js';
import { TEMPLATE_IDS, TEMPLATES } from './catalog.js';
import type { Answers, PackageManager, TemplateId } from './types.js';
import { issuerProblem, issuerShapeProblem, packageNameProblems, suggestPackageName } from './validate.js';

/** The questions asked in a terminal; absent when nobody can answer (no TTY, CI, `--yes`). */
export interface Prompter {
  text(message: string, initial: string, validate?: (value: string) => string | undefined): Promise<string>;
  select<T extends string>(message: string, options: { value: T; label: string; hint?: string }[], initial: T): Promise<T>;
  confirm(message: string, initial: boolean): Promise<boolean>;
}

const DEFAULT_DIR = 'my-connector';

/** The package manager that runs us, from `npm_config_user_agent` (e.g. `pnpm/9.1.0 npm/? node/…`). */
export function packageManagerFrom(userAgent: string | undefined): PackageManager {
  const name = userAgent?.split('/')[0];
  return name === 'pnpm' || name === 'yarn' || name === 'bun' ? name : 'npm';
}

function missing(flag: string, what: string): never {
  throw new UsageError(`missing ${what}: pass ${flag} (no terminal to ask in)`, 'or pass --yes to take the defaults');
}

/**
 * The target directory: `[dir]`, else asked, else the default with `--yes`. It is settled before
 * the other answers, so that a non-empty target comes up before the questions about the project.
 */
export async function resolveDir(flags: CreateFlags, ask?: Prompter): Promise<string> {
  return (
    flags.dir ??
    (ask ? await ask.text('Where should the project go?', DEFAULT_DIR, (v) => (v.trim() ? undefined : 'Enter a directory')) : flags.yes ? DEFAULT_DIR : missing('[dir]', 'the project directory'))
  );
}

/** Combines flags, answers to prompts (when a prompter is given) and defaults (`--yes`) for the project going into `dir`. */
export async function resolveAnswers(flags: CreateFlags, dir: string, env: Record<string, string | undefined>, cwd: string, ask?: Prompter): Promise<Answers> {
  const template: TemplateId =
    flags.template ??
    (ask
      ? await ask.select(
          'How do users authenticate?',
          TEMPLATE_IDS.map((id) => ({ value: id, label: id, hint: TEMPLATES[id].description })),
          'public',
        )
      : flags.yes
        ? 'public'
        : missing('--template public|shared|oauth', 'the template'));

  const fromDir = basename(resolve(cwd, dir));
  let name = flags.name ?? fromDir;
  const problems = packageNameProblems(name);
  if (problems.length > 0) {
    const suggestion = suggestPackageName(name);
    if (flags.name !== undefined || !ask) {
      if (flags.name === undefined && flags.yes) name = suggestion;
      else throw new UsageError(`\`${name}\` is not a valid npm package name (${problems[0]})`, `try --name ${suggestion}`);
    } else {
      name = await ask.text('Package name?', suggestion, (v) => packageNameProblems(v)[0]);
    }
  }

  const idp = flags.idp ?? (template === 'oauth' && ask ? await ask.select('Identity provider?', IDPS.map((i) => ({ value: i.id, label: i.label })), 'generic') : 'generic');
  const preset = idpPreset(idp);
  // `--issuer` passed the URL checks when the flags were read; its provider's form is known only now.
  const flagProblem = template === 'oauth' && flags.issuer !== undefined ? issuerShapeProblem(preset, flags.issuer, 'flag') : undefined;
  if (flagProblem) throw new UsageError(flagProblem);
  const answerProblem = (v: string): string | undefined => {
    if (v === '') return undefined;
    const problem = issuerProblem(v);
    if (problem) return `The issuer ${problem}; enter another, or nothing`;
    const shape = issuerShapeProblem(preset, v, 'prompt');
    return shape && `${shape} (empty: fill in .env later)`;
  };
  const issuer = flags.issuer ?? (template === 'oauth' && ask ? (await ask.text('Issuer URL of your authorization server (empty: fill in .env later)', '', answerProblem)) || undefined : undefined);

  const install = flags.install ?? (ask ? await ask.confirm('Install dependencies?', true) : true);
  const git = flags.git ?? (ask ? await ask.confirm('Initialise a git repository?', true) : true);
  return {
    dir,
    template,
    name,
    description: flags.description ?? `A Claude connector (${template} template)`,
    idp,
    issuer,
    pm: flags.pm ?? packageManagerFrom(env.npm_config_user_agent),
    install,
    git,
    overwrite: flags.overwrite,
  };
}

/** Set by coding agents and CI systems; they get told the one-line non-interactive command. */
const AGENT_ENV = ['CLAUDECODE', 'CLAUDE_CODE', 'CURSOR_AGENT', 'AI_AGENT', 'CODEX_SANDBOX', 'GEMINI_CLI', 'CI'];

export function runByAgentOrCi(env: Record<string, string | undefined>): boolean {
  return AGENT_ENV.some((name) => envFlag(env[name]));
}

export const NON_INTERACTIVE_HINT = 'To create in one go, run: npx create-connector <dir> --template public|shared|oauth --yes';
