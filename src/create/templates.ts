import { LAYERS } from 'virtual:template-files';
import { PACKAGE_VERSION } from '../shared/package-info.js';
import { idpPreset } from './idps.js';
import { selfDependency } from './self-package.js';
import { render, type TemplateFile } from './render.js';
import type { Answers, PlannedFile, SelfDependency, TemplateId } from './types.js';

import { CI_INSTALL, RUN, TEMPLATES } from './catalog.js';

export { TEMPLATE_IDS, TEMPLATES } from './catalog.js';

/** The template files, compiled into the bundle at build time: `base` first, then the template's own, which win. */
export function loadTemplateFiles(template: TemplateId): TemplateFile[] {
  const files = new Map<string, TemplateFile>();
  for (const layer of ['base', template]) for (const file of LAYERS[layer] ?? []) files.set(file.path, file);
  return [...files.values()];
}

/** Paths in code-unit order: `localeCompare` would load ICU's collator, about 10 ms of every scaffold. */
function byPath(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The project's files for these answers. Pure: template files in, rendered files out. `self` is its
 * dependency on create-connector (the registry range unless told otherwise); a tarball it names is
 * not among the files: its bytes come from packing, at the edge.
 */
export function planProject(answers: Answers, templateFiles: TemplateFile[], self: SelfDependency = selfDependency(false, PACKAGE_VERSION)): PlannedFile[] {
  const idp = idpPreset(answers.idp);
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
    ciInstall: CI_INSTALL[answers.pm],
    run: RUN[answers.pm],
  };
  const planned = templateFiles.map(({ path, content }) => {
    const rendered = typeof content === 'string' ? content : render(content, context, path);
    const target = path.replace(/\.hbs$/, '').replace(/(^|\/)_gitignore$/, '$1.gitignore');
    return { path: target, content: rendered };
  });
  return [
    ...planned.map((file) => (file.path === 'package.json' ? { ...file, content: editPackageJson(file.content, answers, self) } : file)),
    { path: 'connector.json', content: connectorJson(answers, auth) },
  ].sort((a, b) => byPath(a.path, b.path));
}

/** package.json is edited as JSON, never as text. */
function editPackageJson(source: string, answers: Answers, self: SelfDependency): string {
  const pkg = JSON.parse(source) as Record<string, unknown> & { dependencies: Record<string, string> };
  pkg.name = answers.name;
  pkg.description = answers.description;
  // connector-lint (lint:connector, the preflight workflow) comes from this very package.
  (pkg.devDependencies as Record<string, string>)['create-connector'] = self.spec;
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
