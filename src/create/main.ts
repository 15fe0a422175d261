import { relative, resolve } from 'node:path';
import { colorsFor } from '../shared/colors.js';
import { EXIT, UsageError } from '../shared/errors.js';
import { processIo, type Io } from '../shared/io.js';
import { sanitize } from '../shared/sanitize.js';
import { NON_INTERACTIVE_HINT, resolveAnswers, runByAgentOrCi, type Prompter } from './answers.js';
import { parseCreateArgs } from './cli.js';
import { runScript } from './catalog.js';
import type { Answers } from './types.js';
import { inspectTarget, writeProject } from './write.js';

export interface CreateIo extends Io {
  stdinIsTTY: boolean;
}

function defaultIo(): CreateIo {
  return { ...processIo(), stdinIsTTY: Boolean(process.stdin.isTTY) };
}

/** The target is not empty and `--overwrite` was not given: nothing was written. */
class TargetNotEmpty extends Error {}

/** create-connector's entry point: returns the exit code, never throws, never calls process.exit. */
export async function main(argv: string[], io: CreateIo = defaultIo()): Promise<number> {
  const c = colorsFor(io.stderr, io.env);
  const interrupt = new AbortController();
  const onSignal = () => interrupt.abort();
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  for (const signal of signals) process.on(signal, onSignal);
  try {
    const flags = parseCreateArgs(argv, io);
    if ('exitCode' in flags) return flags.exitCode;
    const interactive = io.stdinIsTTY && Boolean(io.stdout.isTTY) && !flags.yes && !runByAgentOrCi({ CI: io.env.CI });
    if (!interactive && runByAgentOrCi(io.env) && (!flags.dir || !flags.template)) io.stderr.write(`${NON_INTERACTIVE_HINT}\n`);
    const prompts = interactive ? (await import('./prompts.js')).clackPrompter : undefined;
    prompts?.intro('create-connector');
    const answers = await resolveAnswers(flags, io.env, io.cwd, prompts);
    if (answers.template !== 'oauth' && (flags.idp !== undefined || flags.issuer !== undefined)) {
      io.stderr.write(`create-connector: note: --idp and --issuer apply to the oauth template only; ignored for ${answers.template}.\n`);
    }
    const target = await inspectTarget(resolve(io.cwd, answers.dir));
    if (target.entries.length > 0 && !answers.overwrite) {
      const replace = prompts ? await prompts.confirm(`\`${answers.dir}\` is not empty. Replace its files (.git is kept)?`, false) : false;
      if (!replace) throw new TargetNotEmpty(`\`${answers.dir}\` is not empty (${target.entries.length} entries); nothing was written. Pass --overwrite to replace its files (.git is kept), or choose another directory.`);
    }
    // Handlebars and the template files load only once there is a project to plan (not for --help).
    const { loadTemplateFiles, planProject } = await import('./templates.js');
    const files = planProject(answers, await loadTemplateFiles(answers.template));
    if (flags.dryRun) {
      io.stdout.write(`Would create ${answers.name} (${answers.template}) in ${target.path}:\n${files.map((f) => `  ${f.path}`).join('\n')}\n`);
      return EXIT.ok;
    }
    await writeProject(target, files, interrupt.signal);
    if (interrupt.signal.aborted) {
      io.stderr.write(`create-connector: cancelled after the project was written to ${target.path}; dependencies were not installed.\n`);
      return EXIT.cancelled;
    }
    const { interrupted } = await finish(answers, target.path, io, prompts);
    // Ctrl-C during the install: the project stays (the next steps say how to finish), but a
    // script or CI job must not read the run as a success. The install's death by the signal can
    // reach this process before the signal's own handler runs, so either one counts.
    return interrupt.signal.aborted || interrupted ? EXIT.cancelled : EXIT.ok;
  } catch (error) {
    if (interrupt.signal.aborted || (error as Error).name === 'Cancelled') {
      io.stderr.write('create-connector: cancelled; nothing was written.\n');
      return EXIT.cancelled;
    }
    if (error instanceof UsageError) {
      io.stderr.write(`create-connector: ${error.message}\n${error.hint ? `hint: ${error.hint}. ` : ''}Run \`create-connector --help\` for usage.\n`);
      return EXIT.usage;
    }
    if (error instanceof TargetNotEmpty) {
      io.stderr.write(`create-connector: ${error.message}\n`);
      return EXIT.failed;
    }
    io.stderr.write(`${c.red('create-connector: could not create the project:')} ${sanitize((error as Error).message, 300)}\n`);
    return EXIT.failed;
  } finally {
    for (const signal of signals) process.removeListener(signal, onSignal);
  }
}

/** git and install (each optional, each allowed to fail without losing the project), then next steps. */
/** Runs git and the install, prints the next steps; says whether an interrupt ended the install. */
async function finish(answers: Answers, dir: string, io: CreateIo, prompts: (Prompter & { outro(m: string): void }) | undefined): Promise<{ interrupted: boolean }> {
  // execa loads only when there is a process to run (~170 ms of start-up otherwise).
  const postCreate = answers.git || answers.install ? await import('./post-create.js') : undefined;
  const notes: string[] = [];
  if (postCreate && answers.git) {
    const git = await postCreate.initGit(dir, io.env);
    if (git.status === 'failed') notes.push(`warning: git init failed (${git.detail}); run \`git init\` yourself.`);
  }
  let installed = false;
  let interrupted = false;
  if (postCreate && answers.install) {
    const install = await postCreate.installDependencies(answers, dir, prompts ? 'inherit' : 'ignore', io.env);
    installed = install.status === 'done';
    interrupted = install.interrupted === true;
    if (install.status === 'failed') notes.push(`warning: ${install.detail}; the project is complete: run \`${answers.pm} install\` in it to retry.`);
  }
  const shown = relative(io.cwd, dir) || '.';
  const steps = [
    `Created ${answers.name} (${answers.template}) in ${shown}.`,
    ...notes,
    'Next:',
    ...(shown !== '.' ? [`  cd ${shown}`] : []),
    ...(installed ? [] : [`  ${answers.pm} install`]),
    ...(answers.template === 'public' ? [] : ['  cp .env.example .env   # and fill it in']),
    `  ${runScript(answers.pm, 'build')} && ${runScript(answers.pm, 'start')}`,
    `  ${runScript(answers.pm, 'lint:connector')}   # with the server running`,
  ];
  if (prompts) prompts.outro(steps.join('\n'));
  else io.stdout.write(`${steps.join('\n')}\n`);
  return { interrupted };
}
