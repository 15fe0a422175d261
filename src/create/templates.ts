import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_VERSION } from '../shared/package-info.js';
import { IDPS } from './idps.js';
import { render } from './render.js';
import type { Answers, PlannedFile, TemplateId } from './types.js';

import { RUN, TEMPLATES } from './catalog.js';

export { TEMPLATE_IDS, TEMPLATES } from './catalog.js';

const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

/** Template files as they are on disk: `base` first, then the template's own, which win. */
export async function loadTemplateFiles(template: TemplateId): Promise<PlannedFile[]> {
  const files = new Map<string, string>();
  for (const layer of ['base', template]) {
    const root = join(TEMPLATES_DIR, layer);
    for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const full = join(entry.parentPath, entry.name);
      files.set(relative(root, full).split(sep).join('/'), await readFile(full, 'utf8'));
    }
  }
  return [...files].map(([path, content]) => ({ path, content }));
}

/** The project's files for these answers. Pure: template files in, rendered files out. */
export function planProject(answers: Answers, templateFiles: PlannedFile[]): PlannedFile[] {
  const idp = IDPS.find((i) => i.id === answers.idp) ?? (IDPS[0] as (typeof IDPS)[number]);
  const auth = TEMPLATES[answers.template].auth;
  const context = {
    name: answers.name,
    description: answers.description,
    isPublic: answers.template === 'public',
    isShared: answers.template === 'shared',
    isOauth: answers.template === 'oauth',
    needsEnv: answers.template !== 'public',
    idp,
    idpLabel: idp.label,
    issuer: answers.issuer ?? idp.issuer,
    defaultScopes: idp.scopes,
    install: `${answers.pm} install`,
    run: RUN[answers.pm],
  };
  const planned = templateFiles.map(({ path, content }) => {
    const rendered = path.endsWith('.hbs') ? render(content, context) : content;
    const target = path.replace(/\.hbs$/, '').replace(/(^|\/)_gitignore$/, '$1.gitignore');
    return { path: target, content: rendered };
  });
  return [
    ...planned.map((file) => (file.path === 'package.json' ? { ...file, content: editPackageJson(file.content, answers) } : file)),
    { path: 'connector.json', content: connectorJson(answers, auth) },
  ].sort((a, b) => a.path.localeCompare(b.path));
}

/** package.json is edited as JSON, never as text. */
function editPackageJson(source: string, answers: Answers): string {
  const pkg = JSON.parse(source) as Record<string, unknown> & { dependencies: Record<string, string> };
  pkg.name = answers.name;
  pkg.description = answers.description;
  // connector-lint (lint:connector, the preflight workflow) comes from this very package.
  (pkg.devDependencies as Record<string, string>)['create-connector'] = `^${PACKAGE_VERSION}`;
  if (answers.template === 'oauth') pkg.dependencies = { ...pkg.dependencies, jose: '^6.2.18' };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

function connectorJson(answers: Answers, auth: 'none' | 'shared' | 'oauth'): string {
  const config = {
    name: answers.name,
    url: 'http://localhost:3000/mcp',
    auth,
    ...(auth === 'oauth' && answers.issuer ? { issuer: answers.issuer } : {}),
    // With no client to probe the callbacks with, `lint:connector` could only exit 3: register one
    // the way Claude does (and delete it), so a correct server and IdP with DCR pass as they are.
    ...(auth === 'oauth' ? { register: true } : {}),
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}
