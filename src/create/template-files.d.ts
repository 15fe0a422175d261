// The template files, compiled into the bundle at build time by scripts/precompile-templates.ts
// (an esbuild plugin in scripts/build.ts, a Vite plugin in test/vitest.config.ts): no module of
// this name exists on disk.
declare module 'virtual:template-files' {
  /** Each folder of templates/ (`base`, then one per template) as its files. */
  export const LAYERS: Readonly<Record<string, readonly import('./render.js').TemplateFile[]>>;
}
