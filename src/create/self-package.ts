import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { SelfDependency } from './types.js';

/**
 * Whether create-connector runs from a source checkout of its repository rather than from an
 * installed package: its root lies outside every `node_modules` folder and holds `src/`. An install
 * (npm, pnpm, yarn, bun, npx's cache, a global install) always lies inside a `node_modules` folder,
 * and the published package ships no `src/` (package.json `files`); both signs must agree. `.git`
 * would be no sign: an archive download of the repository has none. `npm link` runs the checkout
 * itself (Node resolves the link), so it counts as one.
 */
export function runsFromCheckout(root: string): boolean {
  return !root.split(/[\\/]/).includes('node_modules') && existsSync(join(root, 'src'));
}

/**
 * The project's dependency on create-connector: the registry's version range when installed from
 * it; from a checkout, whose version the registry may not have, a tarball of it inside the project.
 */
export function selfDependency(fromCheckout: boolean, version: string): SelfDependency {
  if (!fromCheckout) return { spec: `^${version}` };
  const tarball = `vendor/create-connector-${version}.tgz`;
  return { spec: `file:${tarball}`, tarball };
}

/**
 * A key for the files `npm pack` takes: package.json `files` and the root's own files (package.json,
 * README). Paths, sizes and modification times, which any edit or rebuild moves: reading the 1.5 MB
 * they hold would cost every scaffold more than the cache saves. Synchronous calls: some seventy
 * stats take a millisecond so, several when each is awaited in turn.
 */
async function shippedState(root: string): Promise<string> {
  // Loaded only here: node:crypto costs every start about 3 ms.
  const { createHash } = await import('node:crypto');
  const { files } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { files: string[] };
  const hash = createHash('sha256');
  const visit = (path: string): void => {
    const info = statSync(path, { throwIfNoEntry: false });
    if (info?.isDirectory()) for (const entry of readdirSync(path).sort()) visit(join(path, entry));
    else if (info) hash.update(`${relative(root, path)}\0${info.size}\0${info.mtimeMs}\n`);
  };
  const rootFiles = readdirSync(root, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
  for (const entry of [...files, ...rootFiles].sort()) visit(join(root, entry));
  return hash.digest('hex').slice(0, 16);
}

/**
 * This checkout as `npm pack` makes it, as tarball bytes. The tarball is kept in the checkout's
 * `node_modules/.cache/create-connector/` under the key of what it is made of, so scaffolding again
 * reads it rather than packing again (about a second). `prepack` is not run: it would rebuild
 * `dist/`, which this very process loads from; `dist/` must be built already.
 */
export async function packCheckout(root: string, env: Record<string, string | undefined>): Promise<Uint8Array> {
  const lint = join(root, 'dist', 'lint', 'main.js');
  if (!existsSync(lint)) throw new Error(`\`${lint}\` is missing, so a packed create-connector would have no \`connector-lint\`: run \`npm run build\` in \`${root}\` first`);
  const cache = join(root, 'node_modules', '.cache', 'create-connector');
  const cached = join(cache, `create-connector-${await shippedState(root)}.tgz`);
  const hit = await readFile(cached).catch(() => undefined);
  if (hit) return hit;
  await mkdir(cache, { recursive: true });
  const scratch = await mkdtemp(join(cache, 'pack-'));
  try {
    // execa loads only on this path (about 170 ms of start-up).
    const { execa } = await import('execa');
    const packed = await execa('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], { cwd: root, env, extendEnv: false, reject: false });
    if (packed.exitCode !== 0) {
      const why = packed.code === 'ENOENT' ? '`npm` was not found' : `it exited ${packed.exitCode ?? packed.signal}: ${packed.stderr.split('\n').find((l) => l.trim()) ?? ''}`;
      throw new Error(`could not pack this checkout with \`npm pack\` in \`${root}\`: ${why}`);
    }
    const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
    const bytes = await readFile(join(scratch, filename));
    // Tarballs of earlier states are of no further use; the rename makes the new one appear whole.
    for (const old of (await readdir(cache)).filter((e) => e.endsWith('.tgz'))) await rm(join(cache, old), { force: true });
    await rename(join(scratch, filename), cached);
    return bytes;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
