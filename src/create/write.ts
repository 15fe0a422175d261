// Synchronous file-system calls throughout: a project is a few dozen small files, and each
// asynchronous call would be a round trip through libuv's thread pool (writing took twice as long
// so). The functions stay async for their callers.
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, resolve, sep } from 'node:path';
import { UsageError } from '../shared/errors.js';

/** A file to write into the project: a planned file, or bytes (a tarball). */
export interface FileToWrite {
  path: string;
  content: string | Uint8Array;
}

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
function listedIn(file: string): string[] {
  const names = readFileSync(file, 'utf8').split('\n');
  return names.filter((n) => n !== '' && n !== '.' && n !== '..' && n !== '.git' && !n.includes('/') && !n.includes('\\'));
}

/**
 * Undoes what a killed run (SIGKILL, power loss) left in the target: the entries it had moved in
 * (as its marker lists them) are removed, backed-up entries go back where they were, staging
 * folders are removed. Anything else, such as files added since, is left alone.
 */
function recoverInterrupted(path: string, entries: string[]): string[] {
  const remove = (entry: string) => rmSync(join(path, entry), { recursive: true, force: true });
  for (const marker of entries.filter((e) => CREATED.test(e))) {
    for (const entry of listedIn(join(path, marker))) remove(entry);
    remove(marker);
  }
  for (const backup of entries.filter((e) => BACKUP.test(e))) {
    const saved = readdirSync(join(path, backup));
    if (saved.includes(MOVING_IN)) for (const entry of listedIn(join(path, backup, MOVING_IN))) remove(entry);
    for (const entry of saved.filter((e) => e !== MOVING_IN)) {
      remove(entry);
      renameSync(join(path, backup, entry), join(path, entry));
    }
    remove(backup);
  }
  for (const staging of entries.filter((e) => STAGING.test(e))) remove(staging);
  return readdirSync(path).filter((e) => e !== '.git');
}

export async function inspectTarget(path: string): Promise<TargetState> {
  let info;
  try {
    info = lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { path, exists: false, entries: [] };
    throw new UsageError(`cannot read \`${path}\` (${(error as NodeJS.ErrnoException).code})`);
  }
  if (info.isSymbolicLink()) throw new UsageError(`\`${path}\` is a symbolic link; give a real directory`);
  if (!info.isDirectory()) throw new UsageError(`\`${path}\` exists and is not a directory`);
  let entries = readdirSync(path).filter((e) => e !== '.git');
  if (entries.some((e) => STAGING.test(e) || BACKUP.test(e) || CREATED.test(e))) entries = recoverInterrupted(path, entries);
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

/** Writes the files under `root`, creating their folders. */
function writeFiles(root: string, files: readonly FileToWrite[]): void {
  const folders = new Set<string>();
  for (const file of files) {
    const path = join(root, safeRelative(file.path));
    if (!folders.has(dirname(path))) mkdirSync(dirname(path), { recursive: true });
    folders.add(dirname(path));
    writeFileSync(path, file.content);
  }
}

/**
 * Writes the project so that an interruption or a failure leaves the target as it was:
 * - a target this run creates is written in place, its entries listed first in a marker, so that
 *   the recovery of a killed run removes exactly them; on an error it is removed whole;
 * - into an existing target, everything is first written to a staging folder inside it (same
 *   filesystem, so every later move is an atomic rename, and nothing outside the target is touched);
 * - with `--overwrite`, the old entries (all but `.git`) are moved aside into a backup folder, also
 *   inside the target, and deleted only once the new project is in place;
 * - on any error the new entries are removed and the backup moved back.
 * Nothing here waits, so a Ctrl-C during the writing takes effect once the project is in place.
 */
export async function writeProject(target: TargetState, files: readonly FileToWrite[], signal?: AbortSignal): Promise<void> {
  const root = resolve(target.path);
  // Only has to differ from the tag of another run in the same target: no need to load node:crypto (about 3 ms).
  const tag = Math.floor(Math.random() * 2 ** 32).toString(16).padStart(8, '0');
  // The top-most directory this run created (the target, or an ancestor).
  const created = target.exists ? undefined : mkdirSync(root, { recursive: true });
  if (created) {
    const marker = join(root, `.create-connector-new-${tag}`);
    try {
      writeFileSync(marker, [...new Set(files.map((f) => safeRelative(f.path).split(sep)[0]))].join('\n'));
      signal?.throwIfAborted();
      writeFiles(root, files);
    } catch (error) {
      rmSync(created, { recursive: true, force: true });
      throw error;
    }
    rmSync(marker, { force: true });
    return;
  }
  const staging = join(root, `.create-connector-${tag}`);
  const backup = join(root, `.create-connector-replaced-${tag}`);
  const movedIn: string[] = [];
  let backedUp = false;
  try {
    mkdirSync(staging);
    signal?.throwIfAborted();
    writeFiles(staging, files);
    if (target.entries.length > 0) {
      mkdirSync(backup);
      backedUp = true;
      for (const entry of target.entries) renameSync(join(root, entry), join(backup, entry));
    }
    const incoming = readdirSync(staging);
    // Written before the first move, so a killed run's recovery removes exactly these entries.
    if (backedUp) writeFileSync(join(backup, MOVING_IN), incoming.join('\n'));
    for (const entry of incoming) {
      renameSync(join(staging, entry), join(root, entry));
      movedIn.push(entry);
    }
  } catch (error) {
    for (const entry of movedIn) rmSync(join(root, entry), { recursive: true, force: true });
    if (backedUp) for (const entry of readdirSync(backup).filter((e) => e !== MOVING_IN)) renameSync(join(backup, entry), join(root, entry));
    rmSync(staging, { recursive: true, force: true });
    if (backedUp) rmSync(backup, { recursive: true, force: true });
    throw error;
  }
  rmSync(staging, { recursive: true, force: true });
  if (backedUp) rmSync(backup, { recursive: true, force: true });
}
