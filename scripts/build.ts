// `npm run build` (after `tsc --noEmit`): compiles templates/ into the bundle, then bundles each
// program into dist/ with esbuild. A template that cannot be compiled fails the build, named with
// its line and column.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { TemplateError, templateFilesModule } from './precompile-templates.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Serves `virtual:template-files`, compiled once before bundling. */
function templateFiles(code: string, files: string[]): Plugin {
  return {
    name: 'template-files',
    setup(b) {
      b.onResolve({ filter: /^virtual:template-files$/ }, () => ({ path: 'template-files', namespace: 'template-files' }));
      b.onLoad({ filter: /.*/, namespace: 'template-files' }, () => ({ contents: code, loader: 'js', watchFiles: files }));
    },
  };
}

/**
 * Bundled CommonJS dependencies `require` Node's built-in modules through esbuild's `__require`,
 * which needs a `require` in scope: `process.getBuiltinModule` (Node 20.16+) is one that costs
 * nothing at start, where `createRequire` from node:module costs about a millisecond. It loads
 * built-in modules only, so the build fails on any other `require`. Only files that name `require`
 * get it. `node:child_process`, which commander requires at load for subcommands run as programs
 * (neither program has one), is loaded on its first use instead: about 3 ms of every start.
 */
const REQUIRE = `const require = (id) => {
  const load = () => { const m = process.getBuiltinModule(id); if (m === undefined) throw Object.assign(new Error(\`No such built-in module: \${id}\`), { code: 'ERR_UNKNOWN_BUILTIN_MODULE' }); return m; };
  return id === 'node:child_process' || id === 'child_process' ? new Proxy({}, { get: (_, key) => load()[key], has: (_, key) => key in load() }) : load();
};
`;
const NAMES_REQUIRE = /(?<![\w$.])require\b/;

/** What bundled code would `require` at run time that is not a built-in module (`node:x` is one, even of a later Node). */
function requiresBeyondBuiltins(code: string): string[] {
  const builtin = (arg: string) => /^"[^"]+"$/.test(arg) && (isBuiltin(JSON.parse(arg) as string) || arg.startsWith('"node:'));
  return [...code.matchAll(/__require\(([^)]*)\)/g)].map((m) => m[1] as string).filter((arg) => !builtin(arg));
}

let compiled: ReturnType<typeof templateFilesModule>;
try {
  compiled = templateFilesModule(`${ROOT}templates`);
} catch (error) {
  if (!(error instanceof TemplateError)) throw error;
  process.stderr.write(`build: cannot compile a template: ${error.message}\n`);
  process.exit(1);
}

rmSync(`${ROOT}dist`, { recursive: true, force: true });
// One build per program: shared chunks between the two would be more files for each to load at
// start, and neither loads the other.
for (const entry of ['src/create/main.ts', 'src/lint/main.ts']) {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    outbase: 'src',
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    outdir: 'dist',
    chunkNames: 'chunks/[name]-[hash]',
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
    plugins: [templateFiles(compiled.code, compiled.files)],
    write: false,
  });
  for (const file of result.outputFiles) {
    const beyond = requiresBeyondBuiltins(file.text);
    if (beyond.length > 0) throw new Error(`build: ${file.path} would require ${beyond.join(', ')} at run time; bundle it instead`);
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, NAMES_REQUIRE.test(file.text) ? REQUIRE + file.text : file.text);
  }
}
