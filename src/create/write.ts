import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, resolve, sep } from 'node:path';
import { UsageError } from '../shared/errors.js';
import type { PlannedFile } from './types.js';

/** What is at the target path now. */
export interface TargetState {
  path: string;
  exists: boolean;
  /** Entries other than `.git`, which is always kept. */
  entries: string[];
}

const STAGING = /^\.create-connector-[0-9a-f]{8}$/;
const BACKUP = /^\.create-connector-replaced-[0-9a-f]{8}$/;
/** Marks a target this run created: everything in it is ours to remove. */
const CREATED = /^\.create-connector-new-[0-9a-f]{8}$/;
/** Inside a backup: the new entries have started moving in. */
const MOVING_IN = '.moving-in';

/**
 * Undoes what a killed run (SIGKILL, power loss) left in the target: backed-up entries go back where
 * they were, staging folders are removed. After it, the target is as it was before that run.
 */
async function recoverInterrupted(path: string, entries: string[]): Promise<string[]> {
  const leftover = (e: string) => STAGING.test(e) || BACKUP.test(e) || CREATED.test(e) || e === '.git';
  if (entries.some((e) => CREATED.test(e))) {
    for (const entry of entries.filter((e) => e !== '.git')) await rm(join(path, entry), { recursive: true, force: true });
    return [];
  }
  for (const backup of entries.filter((e) => BACKUP.test(e))) {
    const saved = await readdir(join(path, backup));
    // Once new entries were moving in, everything outside the backup is new: remove it first.
    if (saved.includes(MOVING_IN)) {
      for (const entry of entries.filter((e) => !leftover(e))) await rm(join(path, entry), { recursive: true, force: true });
    }
    for (const entry of saved.filter((e) => e !== MOVING_IN)) {
      await rm(join(path, entry), { recursive: true, force: true });
      await rename(join(path, backup, entry), join(path, entry));
    }
    await rm(join(path, backup), { recursive: true, force: true });
  }
  for (const staging of entries.filter((e) => STAGING.test(e))) await rm(join(path, staging), { recursive: true, force: true });
  return (await readdir(path)).filter((e) => e !== '.git');
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
  let entries = (await readdir(path)).filter((e) => e !== '.git');
  if (entries.some((e) => STAGING.test(e) || BACKUP.test(e) || CREATED.test(e))) entries = await recoverInterrupted(path, entries);
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
 * Writes the project so that an interruption or a failure leaves the target as it was:
 * - everything is first written to a staging folder inside the target (same filesystem, so every
 *   later move is an atomic rename, and nothing outside the target is touched);
 * - with `--overwrite`, the old entries (all but `.git`) are moved aside into a backup folder, also
 *   inside the target, and deleted only once the new project is in place;
 * - on any error the new entries are removed and the backup moved back; a target this run created
 *   is removed whole.
 */
export async function writeProject(target: TargetState, files: PlannedFile[], signal?: AbortSignal): Promise<void> {
  const root = resolve(target.path);
  // The top-most directory this run created (the target, or an ancestor), removed on failure.
  const created = target.exists ? undefined : await mkdir(root, { recursive: true });
  const tag = randomBytes(4).toString('hex');
  const marker = join(root, `.create-connector-new-${tag}`);
  if (created) await writeFile(marker, '');
  const staging = join(root, `.create-connector-${tag}`);
  const backup = join(root, `.create-connector-replaced-${tag}`);
  const movedIn: string[] = [];
  let backedUp = false;
  try {
    await mkdir(staging);
    for (const file of files) {
      signal?.throwIfAborted();
      const path = join(staging, safeRelative(file.path));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, file.content);
    }
    signal?.throwIfAborted();
    if (target.entries.length > 0) {
      await mkdir(backup);
      backedUp = true;
      for (const entry of target.entries) await rename(join(root, entry), join(backup, entry));
      await writeFile(join(backup, MOVING_IN), '');
    }
    for (const entry of await readdir(staging)) {
      await rename(join(staging, entry), join(root, entry));
      movedIn.push(entry);
    }
  } catch (error) {
    if (created) {
      await rm(created, { recursive: true, force: true });
    } else {
      for (const entry of movedIn) await rm(join(root, entry), { recursive: true, force: true });
      if (backedUp) for (const entry of (await readdir(backup)).filter((e) => e !== MOVING_IN)) await rename(join(backup, entry), join(root, entry));
      await rm(staging, { recursive: true, force: true });
      if (backedUp) await rm(backup, { recursive: true, force: true });
    }
    throw error;
  }
  await rm(staging, { recursive: true, force: true });
  if (backedUp) await rm(backup, { recursive: true, force: true });
  if (created) await rm(marker, { force: true });
}
