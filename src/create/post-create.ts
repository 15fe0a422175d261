import { execa } from 'execa';
import { dirname, resolve } from 'node:path';
import type { Answers } from './types.js';

export interface StepResult {
  step: 'git' | 'install';
  status: 'done' | 'skipped' | 'failed';
  detail?: string;
  /** The step's process was ended by Ctrl-C (or a termination signal) sent to the whole process group. */
  interrupted?: true;
}

const INTERRUPTS = new Set(['SIGINT', 'SIGTERM', 'SIGHUP']);

/** `git init` unless the project already sits inside a repository (or git is missing). */
type Env = Record<string, string | undefined>;

export async function initGit(dir: string, env: Env): Promise<StepResult> {
  const inside = await execa('git', ['rev-parse', '--is-inside-work-tree'], { cwd: dirname(resolve(dir)), reject: false, env, extendEnv: false });
  if (inside.exitCode === 0 && inside.stdout.trim() === 'true') return { step: 'git', status: 'skipped', detail: 'already inside a git repository' };
  const init = await execa('git', ['init', '--quiet'], { cwd: dir, reject: false, env, extendEnv: false });
  return init.exitCode === 0 ? { step: 'git', status: 'done' } : { step: 'git', status: 'failed', detail: init.stderr.split('\n')[0] || 'git init failed' };
}

/** Installs dependencies; a failure is reported with the command to retry, the project stays. */
export async function installDependencies(answers: Answers, dir: string, output: 'inherit' | 'ignore', env: Env): Promise<StepResult> {
  const result = await execa(answers.pm, ['install'], { cwd: dir, reject: false, stdio: ['ignore', output, output], env, extendEnv: false });
  return result.exitCode === 0
    ? { step: 'install', status: 'done' }
    : {
        step: 'install',
        status: 'failed',
        detail: result.code === 'ENOENT' ? `\`${answers.pm}\` was not found` : `\`${answers.pm} install\` exited ${result.exitCode ?? `on ${result.signal ?? 'a signal'}`}`,
        ...(result.signal && INTERRUPTS.has(result.signal) ? { interrupted: true as const } : {}),
      };
}
