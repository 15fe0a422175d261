import type { PackageManager, TemplateId } from './types.js';

/** The templates, for flags and prompts; their files load only when a project is planned. */
export const TEMPLATES: Record<TemplateId, { description: string; auth: 'none' | 'shared' | 'oauth' }> = {
  public: { description: 'no sign-in; tools over public data bundled with the project', auth: 'none' },
  shared: { description: 'no user sign-in; the server holds one upstream API credential', auth: 'shared' },
  oauth: { description: 'each user signs in with OAuth; per-user data', auth: 'oauth' },
};

export const TEMPLATE_IDS = Object.keys(TEMPLATES) as TemplateId[];

export const RUN: Record<PackageManager, string> = { npm: 'npm run', pnpm: 'pnpm', yarn: 'yarn', bun: 'bun run' };

/** How CI installs exactly what the committed lockfile says, failing if it is out of date. */
export const CI_INSTALL: Record<PackageManager, string> = {
  npm: 'npm ci',
  pnpm: 'pnpm install --frozen-lockfile',
  yarn: 'yarn install --frozen-lockfile',
  bun: 'bun install --frozen-lockfile',
};

/** How to run a package script with this package manager (`bun build` would be Bun's bundler). */
export function runScript(pm: PackageManager, script: string): string {
  return `${RUN[pm]} ${script}`;
}
