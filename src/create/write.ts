import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
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
/** Marks a target this run created; once moving in starts, it lists the entries moving in. */
const CREATED = /^\.create-connector-new-[0-9a-f]{8}$/;
/** Inside a backup: the new entries have started moving in; it lists them. */
const MOVING_IN = '.moving-in';

/** The entry names a marker lists; anything that is not a plain name is ignored. */
async function listedIn(file: string): Promise<string[]> {
  const names = (await readFile(file, 'utf8')).split('\n');
  return names.filter((n) => n !== '' && n !== '.' && n !== '..' && n !== '.git' && !n.includes('/') && !n.includes('\\'));
}

/**
 * Undoes what a killed run (SIGKILL, power loss) left in the target: the entries it had moved in
 * (as its marker lists them) are removed, backed-up entries go back where they were, staging
 * folders are removed. Anything else, such as files added since, is left alone.
 */
async function recoverInterrupted(path: string, entries: string[]): Promise<string[]> {
  const remove = (entry: string) => rm(join(path, entry), { recursive: true, force: true });
  for (const marker of entries.filter((e) => CREATED.test(e))) {
    for (const entry of await listedIn(join(path, marker))) await remove(entry);
    await remove(marker);
  }
  for (const backup of entries.filter((e) => BACKUP.test(e))) {
    const saved = await readdir(join(path, backup));
    if (saved.includes(MOVING_IN)) for (const entry of await listedIn(join(path, backup, MOVING_IN))) await remove(entry);
    for (const entry of saved.filter((e) => e !== MOVING_IN)) {
      await remove(entry);
      await rename(join(path, backup, entry), join(path, entry));
    }
    await remove(backup);
  }
  for (const staging of entries.filter((e) => STAGING.test(e))) await remove(staging);
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
    }
    const incoming = await readdir(staging);
    // Written before the first move, so a killed run's recovery removes exactly these entries.
    if (backedUp) await writeFile(join(backup, MOVING_IN), incoming.join('\n'));
    if (created) await writeFile(marker, incoming.join('\n'));
    for (const entry of incoming) {
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
