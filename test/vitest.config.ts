import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vitest/config';
import { templateFilesModule } from '../scripts/precompile-templates.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** `virtual:template-files` as the build makes it, compiled from templates/ as they are when a test loads it. */
const templateFiles: Plugin = {
  name: 'template-files',
  resolveId: (id) => (id === 'virtual:template-files' ? '\0virtual:template-files' : undefined),
  load(id) {
    if (id !== '\0virtual:template-files') return undefined;
    const { code, files } = templateFilesModule(`${root}templates`);
    for (const file of files) this.addWatchFile(file);
    return code;
  },
};

export default defineConfig({
  plugins: [templateFiles],
  test: {
    root,
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
