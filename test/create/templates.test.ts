import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadTemplateFiles, planProject, TEMPLATE_IDS } from '../../src/create/templates.js';
import { readConnectorConfig } from '../../src/lint/config.js';
import type { Answers } from '../../src/create/types.js';

const answers = (overrides: Partial<Answers> = {}): Answers => ({
  dir: 'app',
  template: 'public',
  name: 'app',
  description: 'A connector',
  idp: 'generic',
  pm: 'npm',
  install: false,
  git: false,
  overwrite: false,
  ...overrides,
});

describe('planProject', () => {
  it.each(TEMPLATE_IDS)('%s: has every file a connector project needs, hbs rendered and renamed', async (template) => {
    const files = planProject(answers({ template }), await loadTemplateFiles(template));
    const paths = files.map((f) => f.path);
    for (const path of ['package.json', 'tsconfig.json', 'connector.json', '.gitignore', 'README.md', '.github/workflows/connector-preflight.yml', 'src/index.ts', 'src/server.ts', 'src/tools.ts', 'test/connector.test.ts', 'test/start.ts', 'test/server.test.ts']) {
      expect(paths, path).toContain(path);
    }
    expect(paths.some((p) => p.endsWith('.hbs') || p.endsWith('_gitignore'))).toBe(false);
    if (template !== 'public') expect(paths).toContain('.env.example');
  });

  it.each(['Quotes " and \\ backslash', 'Braces {{x}} and }}', 'Line\nbreak: and # hash', "Apostrophe ' and `tick`", '- starts like a list item', '1. numbered & co'])(
    'keeps a description safe in every context: %j',
    async (description) => {
      for (const template of TEMPLATE_IDS) {
        const files = planProject(answers({ template, description }), await loadTemplateFiles(template));
        const file = (path: string) => files.find((f) => f.path === path)?.content ?? '';
        expect(JSON.parse(file('package.json')).description).toBe(description);
        expect(parseYaml(file('.github/workflows/connector-preflight.yml')).name).toBe('app preflight');
        // One Markdown line that reads as the description once its escapes are removed.
        const readmeLine = file('README.md').split('\n')[2] ?? '';
        expect(readmeLine.replace(/\\(.)/g, '$1').replace(/&amp;/g, '&')).toBe(description.replace(/[\r\n]+/g, ' '));
        expect(readmeLine).not.toMatch(/^\s*([-+]|\d+\.)\s/);
      }
    },
  );

  it('puts the name into the TypeScript source as a string literal', async () => {
    const name = '@scope/my-conn';
    const index = planProject(answers({ name }), await loadTemplateFiles('public')).find((f) => f.path === 'src/index.ts')?.content;
    expect(index).toContain(`const NAME = ${JSON.stringify(name)};`);
  });

  it('oauth: the IdP preset fills .env.example and the README, both callbacks included', async () => {
    const files = planProject(answers({ template: 'oauth', idp: 'auth0' }), await loadTemplateFiles('oauth'));
    const env = files.find((f) => f.path === '.env.example')?.content ?? '';
    expect(env).toContain('OAUTH_ISSUER=https://YOUR_TENANT.us.auth0.com/');
    const readme = files.find((f) => f.path === 'README.md')?.content ?? '';
    expect(readme).toContain('Allowed Callback URLs');
    expect(readme).toContain('https://claude.com/api/mcp/auth_callback');
    expect(JSON.parse(files.find((f) => f.path === 'package.json')?.content ?? '{}').dependencies.jose).toBeDefined();
  });

  it.each([
    ['public', { auth: 'none' }],
    ['shared', { auth: 'shared' }],
    ['oauth', { auth: 'oauth', issuer: 'https://tenant.us.auth0.com/', register: true }],
  ] as const)('%s: writes a connector.json connector-lint reads as it is', async (template, expected) => {
    const files = planProject(answers({ template, issuer: 'https://tenant.us.auth0.com/' }), await loadTemplateFiles(template));
    const dir = await mkdtemp(join(tmpdir(), 'connector-json-'));
    try {
      await writeFile(join(dir, 'connector.json'), files.find((f) => f.path === 'connector.json')?.content ?? '');
      const { config } = await readConnectorConfig('connector.json', dir);
      expect(config).toEqual({ name: 'app', url: 'http://localhost:3000/mcp', ...expected });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('oauth: the preflight workflow says what exit 3 means and how to allow it', async () => {
    const files = planProject(answers({ template: 'oauth' }), await loadTemplateFiles('oauth'));
    const workflow = files.find((f) => f.path === '.github/workflows/connector-preflight.yml')?.content ?? '';
    const lintStep = workflow.slice(workflow.indexOf('- name: connector-lint'));
    expect(lintStep).toMatch(/# Exit 3 \(no error, but a required check was inconclusive/);
    expect(lintStep).toContain('continue-on-error: true');
  });

  it.each(TEMPLATE_IDS)('%s: the preflight workflow only reads, runs actions pinned to commits, and installs from the lockfile', async (template) => {
    for (const [pm, install] of [
      ['npm', 'npm ci'],
      ['pnpm', 'pnpm install --frozen-lockfile'],
    ] as const) {
      const files = planProject(answers({ template, pm }), await loadTemplateFiles(template));
      const workflow = parseYaml(files.find((f) => f.path === '.github/workflows/connector-preflight.yml')?.content ?? '') as {
        permissions: unknown;
        jobs: { preflight: { steps: { uses?: string; run?: string }[] } };
      };
      expect(workflow.permissions).toEqual({ contents: 'read' });
      const { steps } = workflow.jobs.preflight;
      for (const { uses } of steps.filter((s) => s.uses?.startsWith('actions/'))) expect(uses).toMatch(/@[0-9a-f]{40}$/);
      expect(steps.map((s) => s.run)).toContain(install);
    }
  });

  it('github preset explains the one-callback limit', async () => {
    const files = planProject(answers({ template: 'oauth', idp: 'github' }), await loadTemplateFiles('oauth'));
    expect(files.find((f) => f.path === 'README.md')?.content).toContain('single callback URL');
  });
});
