import { describe, expect, it } from 'vitest';
import { packageManagerFrom, runByAgentOrCi } from '../../src/create/answers.js';
import { IDPS, type IdpPreset } from '../../src/create/idps.js';
import { issuerShapeProblem, packageNameProblems, suggestPackageName } from '../../src/create/validate.js';

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

describe('issuer shapes of the IdP presets', () => {
  const preset = (id: string) => IDPS.find((i) => i.id === id) as IdpPreset;
  const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

  it.each([
    ['auth0', 'https://tenant.us.auth0.com/'],
    ['auth0', 'https://tenant.auth0.com/'],
    ['auth0', 'https://login.example.com/'],
    ['entra', `https://login.microsoftonline.com/${TENANT}/v2.0`],
    ['cognito', 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123'],
    ['okta', 'https://acme.okta.com/oauth2/default'],
    ['okta', 'https://acme.okta.com/oauth2/aus1a2b3c4d5e6f7g8h9'],
    ['okta', 'https://acme.okta.com'],
    ['keycloak', 'https://sso.example.com/realms/acme'],
    ['keycloak', 'https://sso.example.com/auth/realms/acme'],
    ['keycloak', 'http://localhost:8080/realms/dev'],
    ['google', 'https://accounts.google.com'],
  ])('%s accepts %s', (id, value) => {
    expect(issuerShapeProblem(preset(id), value, 'flag')).toBeUndefined();
  });

  it.each([
    ['auth0', 'https://tenant.us.auth0.com', 'lacks the trailing `/`', 'https://tenant.us.auth0.com/'],
    ['auth0', 'http://tenant.us.auth0.com', 'is `http:`, not `https:`', 'https://tenant.us.auth0.com/'],
    ['auth0', 'https://tenant.us.auth0.com/?audience=x', 'has a query or fragment', 'https://tenant.us.auth0.com/'],
    ['auth0', 'https://tenant.us.auth0.com/authorize', 'has the path `/authorize`, not `/`', undefined],
    ['entra', `https://login.microsoftonline.com/${TENANT}`, `has the path \`/${TENANT}\`, not \`/<tenant-id>/v2.0\``, `https://login.microsoftonline.com/${TENANT}/v2.0`],
    ['entra', `https://login.microsoftonline.com/${TENANT}/v2.0/`, 'ends with `/`', `https://login.microsoftonline.com/${TENANT}/v2.0`],
    ['entra', `https://sts.windows.net/${TENANT}/`, 'is an Entra v1 issuer (`sts.windows.net`)', `https://login.microsoftonline.com/${TENANT}/v2.0`],
    ['entra', 'https://login.microsoftonline.com/common/v2.0', 'names `common` where the tenant id (a GUID) belongs', undefined],
    ['entra', 'https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0', 'names `contoso.onmicrosoft.com` where the tenant id (a GUID) belongs', undefined],
    ['cognito', 'https://cognito-idp.us-east-1.amazonaws.com/eu-west-1_AbC123', 'names the region `us-east-1` in the host but `eu-west-1` in the pool id', 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123'],
    ['cognito', 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123/', 'has the path `/eu-west-1_AbC123/`, not `/<region>_<pool-id>`', 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123'],
    ['cognito', 'https://acme.auth.eu-west-1.amazoncognito.com', 'is on `acme.auth.eu-west-1.amazoncognito.com`, not `cognito-idp.<region>.amazonaws.com`', undefined],
    ['okta', 'https://acme.okta.com/oauth2/default/', 'ends with `/`', 'https://acme.okta.com/oauth2/default'],
    ['okta', 'https://acme.okta.com/', 'ends with `/`', 'https://acme.okta.com'],
    ['okta', 'https://acme.okta.com/oauth2/default/v1/token', 'has the path `/oauth2/default/v1/token`, not `/oauth2/<server-id>` or none', 'https://acme.okta.com/oauth2/default'],
    ['okta', 'https://acme-admin.okta.com/admin/dashboard', "is on the Admin Console's host `acme-admin.okta.com`", undefined],
    ['keycloak', 'https://sso.example.com/realms/acme/', 'ends with `/`', 'https://sso.example.com/realms/acme'],
    ['keycloak', 'https://sso.example.com/realms/acme/protocol/openid-connect/auth', 'has the path `/realms/acme/protocol/openid-connect/auth`, not `/realms/<realm>`', 'https://sso.example.com/realms/acme'],
    ['keycloak', 'http://sso.example.com/realms/acme', 'is `http:` on a host other than this machine', 'https://sso.example.com/realms/acme'],
    ['keycloak', 'https://sso.example.com', 'lacks `/realms/<realm>`', undefined],
    ['google', 'https://accounts.google.com/', 'ends with `/`', 'https://accounts.google.com'],
    ['google', 'https://oauth2.googleapis.com', 'is not `https://accounts.google.com`', undefined],
  ])('%s refuses %s in one line: %s, naming the form and the fix when it is certain', (id, value, clause, fix) => {
    const idp = preset(id);
    const message = issuerShapeProblem(idp, value, 'flag') ?? '';
    expect(message).toContain(`\`--issuer ${value}\` ${clause}: ${idp.label} issuers are ${idp.issuerShape?.form}`);
    expect(message).not.toMatch(/[\r\n]/);
    if (fix === undefined) {
      expect(message).not.toContain('; use ');
    } else {
      expect(message.endsWith(`; use \`--issuer ${fix}\``)).toBe(true);
      expect(issuerShapeProblem(idp, fix, 'flag')).toBeUndefined();
    }
  });

  it('at the prompt, names the answer and the value to enter', () => {
    expect(issuerShapeProblem(preset('auth0'), 'https://tenant.us.auth0.com', 'prompt')).toBe(
      'The issuer lacks the trailing `/`: Auth0 issuers are `https://<tenant>.<region>.auth0.com/` (or your custom domain), ending with `/`; enter `https://tenant.us.auth0.com/`',
    );
  });

  it('the generic and GitHub presets take any issuer; every other preset has a form', () => {
    for (const idp of IDPS) {
      const lenient = idp.id === 'generic' || idp.id === 'github';
      expect(idp.issuerShape === undefined, idp.id).toBe(lenient);
      if (lenient) expect(issuerShapeProblem(idp, 'http://auth.internal:8443/any/path/', 'flag')).toBeUndefined();
    }
  });
});
