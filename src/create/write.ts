import { lstat, mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, normalize, resolve, sep } from 'node:path';
import { UsageError } from '../shared/errors.js';
import type { PlannedFile } from './types.js';

/** What is at the target path now. */
export interface TargetState {
  path: string;
  exists: boolean;
  /** Entries other than `.git`, which is always kept. */
  entries: string[];
}

export async function inspectTarget(path: string): Promise<TargetState> {
  let info;
  try {
    info = await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { path, exists: false, entries: [] };
    throw new UsageError(`cannot read \`${path}\` (${(error as NodeJS.ErrnoException).code})`);
  }
  if (info.isSymbolicLink()) throw new UsageError(`\`${path}\` is a symbolic link; give a real directory`);
  if (!info.isDirectory()) throw new UsageError(`\`${path}\` exists and is not a directory`);
  const entries = (await readdir(path)).filter((e) => e !== '.git');
  return { path, exists: true, entries };
}

/** A planned path must stay inside the project: relative, no `..`, no absolute or drive paths. */
function safeRelative(path: string): string {
  const normal = normalize(path);
  if (isAbsolute(normal) || normal.split(sep).includes('..') || /^[a-zA-Z]:/.test(normal)) {
    throw new Error(`template path escapes the project: ${path}`);
  }
  return normal;
}

/**
 * Writes the project into a temporary folder beside the target, then moves it into place, so an
 * interruption or a failure leaves the target as it was. With `overwrite`, the target's entries
 * (all but `.git`) are removed only once the new project is complete.
 */
export async function writeProject(target: TargetState, files: PlannedFile[], signal?: AbortSignal): Promise<void> {
  const parent = dirname(resolve(target.path));
  await mkdir(parent, { recursive: true });
  const staging = await mkdtemp(join(parent, `.${basename(target.path)}-creating-`));
  try {
    for (const file of files) {
      signal?.throwIfAborted();
      const path = join(staging, safeRelative(file.path));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, file.content);
    }
    signal?.throwIfAborted();
    if (!target.exists) {
      await rename(staging, target.path);
      return;
    }
    for (const entry of target.entries) await rm(join(target.path, entry), { recursive: true, force: true });
    for (const entry of await readdir(staging)) await rename(join(staging, entry), join(target.path, entry));
    await rm(staging, { recursive: true, force: true });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
