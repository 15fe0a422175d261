import { describe, expect, it } from 'vitest';
import { packageManagerFrom, runByAgentOrCi } from '../../src/create/answers.js';
import { packageNameProblems, suggestPackageName } from '../../src/create/validate.js';

describe('package names', () => {
  it.each(['my-connector', '@acme/weather', 'a.b_c'])('%s is valid', (name) => {
    expect(packageNameProblems(name)).toEqual([]);
  });

  it.each([
    ['My Connector', 'my-connector'],
    ['Ünïcödé Nämé', 'unicode-name'],
    ['_underscore-start', 'underscore-start'],
    ['@Acme/My App', '@acme/my-app'],
    ['!!!', 'connector'],
    ['.hidden', 'hidden'],
  ])('%s is refused and %s suggested (and valid)', (name, suggestion) => {
    expect(packageNameProblems(name).length).toBeGreaterThan(0);
    expect(suggestPackageName(name)).toBe(suggestion);
    expect(packageNameProblems(suggestion)).toEqual([]);
  });
});

describe('environment', () => {
  it.each([
    ['npm/11.0.0 node/v20.19.0 linux x64', 'npm'],
    ['pnpm/9.12.0 npm/? node/v20.19.0', 'pnpm'],
    ['yarn/4.5.0 npm/? node/v20.19.0', 'yarn'],
    ['bun/1.1.0 npm/? node/v20.19.0', 'bun'],
    [undefined, 'npm'],
  ])('user agent %s → %s', (agent, pm) => {
    expect(packageManagerFrom(agent)).toBe(pm);
  });

  it('recognises coding agents and CI, not a plain shell', () => {
    expect(runByAgentOrCi({ CLAUDECODE: '1' })).toBe(true);
    expect(runByAgentOrCi({ CI: 'true' })).toBe(true);
    expect(runByAgentOrCi({ CI: 'false' })).toBe(false);
    expect(runByAgentOrCi({})).toBe(false);
  });
});
