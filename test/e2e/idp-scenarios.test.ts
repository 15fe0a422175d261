import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAUDE_AI, CLAUDE_COM, credentialsOnlyClient, publicClient, startTestIdp, type TestIdp } from '../helpers/idp/test-idp.js';
import { failedRules, lint, lintJson, hostedVerdicts } from '../helpers/run.js';
import { CLAUDE_REGISTRATION } from '../../src/lint/probes/registration.js';

// One oidc-provider per scenario family; each client is one configuration a developer might have.
describe('connector-lint against a real OpenID provider (oidc-provider)', () => {
  let idp: TestIdp;
  beforeAll(async () => {
    idp = await startTestIdp({
      clients: [
        publicClient('both-callbacks', [CLAUDE_AI, CLAUDE_COM]),
        publicClient('claude-ai-only', [CLAUDE_AI]),
        publicClient('other-app', ['https://app.example.com/callback']),
        publicClient('trailing-slash', [`${CLAUDE_AI}/`, `${CLAUDE_COM}/`]),
        credentialsOnlyClient('m2m'),
      ],
    });
  });
  afterAll(() => idp.close());

  it('passes a client that allowlists both Claude callbacks', async () => {
    const { code, report } = await lintJson(['--issuer', idp.issuer, '--client-id', 'both-callbacks']);
    expect(code).toBe(0);
    // The loopback callbacks (with the port the probe chose) are not registered for this client.
    expect(report.callbacks.map((c) => [c.uri.replace(/:\d+\//, ':<port>/'), c.client, c.verdict])).toEqual([
      [CLAUDE_AI, 'flag', 'accepted'],
      [CLAUDE_COM, 'flag', 'accepted'],
      ['http://localhost:<port>/callback', 'flag', 'rejected'],
      ['http://127.0.0.1:<port>/callback', 'flag', 'rejected'],
    ]);
    expect(report.rules['redirect-claude-code-loopback']?.status).toBe('failed');
    expect(report.rules['redirect-control-rejected']?.status).toBe('passed');
    expect(report.counts.error).toBe(0);
  });

  it('fails a client that allowlists only the claude.ai callback, naming the claude.com one', async () => {
    const { code, report } = await lintJson(['--issuer', idp.issuer, '--client-id', 'claude-ai-only']);
    expect(code).toBe(1);
    expect(hostedVerdicts(report)).toEqual(['accepted', 'rejected']);
    const errors = report.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.ruleId)).toEqual(['redirect-claude-com-accepted']);
    expect(errors[0]?.data.redirectUri).toBe(CLAUDE_COM);
  });

  it('fails both callbacks for a client registered with another app only', async () => {
    const { code, report } = await lintJson(['--issuer', idp.issuer, '--client-id', 'other-app']);
    expect(code).toBe(1);
    expect(hostedVerdicts(report)).toEqual(['rejected', 'rejected']);
  });

  it('treats a registered trailing-slash variant as not registered (exact matching)', async () => {
    const { report } = await lintJson(['--issuer', idp.issuer, '--client-id', 'trailing-slash']);
    expect(hostedVerdicts(report)).toEqual(['rejected', 'rejected']);
  });

  it('flags a client-credentials-only client', async () => {
    const { code, report } = await lintJson(['--issuer', idp.issuer, '--client-id', 'm2m']);
    expect(code).toBe(1);
    expect(report.rules['client-not-credentials-only']?.status).toBe('failed');
    expect(report.findings.find((f) => f.ruleId === 'client-not-credentials-only')?.data.clientId).toBe('m2m');
  });

  it('does not flag a code-flow client as client-credentials-only', async () => {
    const { report } = await lintJson(['--issuer', idp.issuer, '--client-id', 'both-callbacks']);
    expect(report.rules['client-not-credentials-only']?.status).toBe('passed');
  });

  it('says the client is unknown rather than blaming the callback', async () => {
    const { code, report } = await lintJson(['--issuer', idp.issuer, '--client-id', 'no-such-client']);
    expect(code).toBe(1);
    const finding = report.findings.find((f) => f.ruleId === 'redirect-claude-ai-accepted');
    expect(finding?.message).toContain('`invalid_client`');
  });

  it('without a client id, reports the callbacks as not probed and the missing registration path', async () => {
    const { code, report } = await lintJson(['--issuer', idp.issuer]);
    expect(hostedVerdicts(report)).toEqual(['not-probed', 'not-probed']);
    expect(report.rules['registration-path-available']?.status).toBe('failed');
    expect(code).toBe(1);
  });

  it('records which well-known URL answered and caps https rules at info on loopback', async () => {
    const { report } = await lintJson(['--issuer', idp.issuer, '--client-id', 'both-callbacks']);
    expect(report.exchanges[0]?.url).toBe(`${idp.issuer}/.well-known/oauth-authorization-server`);
    expect(report.target.local).toBe(true);
    expect(report.findings.filter((f) => f.ruleId === 'asm-endpoints-https').map((f) => f.severity)).toEqual(['info']);
  });

  it('prints a text report with rule ids, fixes and a summary line', async () => {
    const { code, stdout } = await lint(['--issuer', idp.issuer, '--client-id', 'claude-ai-only']);
    expect(code).toBe(1);
    expect(stdout).toContain('redirect-claude-com-accepted');
    expect(stdout).toContain('fix: Add `https://claude.com/api/mcp/auth_callback`');
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/^✖ fail: 1 error, .* exit 1$/);
    expect(stdout).not.toContain('\x1b[');
  });
});

describe('connector-lint --register against an IdP with open dynamic client registration', () => {
  let idp: TestIdp;
  beforeAll(async () => {
    idp = await startTestIdp({ registration: 'open' });
  });
  afterAll(() => idp.close());

  it('registers like Claude, probes both callbacks with the new client and deletes it', async () => {
    const { code, report } = await lintJson(['--issuer', idp.issuer, '--register']);
    expect(code).toBe(0);
    expect(report.rules['dcr-accepts-claude-registration']?.status).toBe('passed');
    expect(hostedVerdicts(report)).toEqual(['accepted', 'accepted']);
    const del = report.exchanges.find((x) => x.method === 'DELETE');
    expect(del?.status).toBe(204);
    expect(JSON.stringify(report)).not.toMatch(/registration_access_token"\s*:\s*"(?!\[redacted\])/);
  });

  it('without --register or a client id, the run is incomplete (exit 3), not a pass', async () => {
    const { code, report } = await lintJson(['--issuer', idp.issuer]);
    expect(report.rules['registration-path-available']?.status).toBe('passed');
    expect(report.rules['redirect-claude-ai-accepted']?.status).toBe('inconclusive');
    expect(report.findings.filter((f) => f.ruleId.startsWith('redirect-')).length).toBe(1);
    expect(code).toBe(3);
  });

  it('notes, as info, that DCR is deprecated when it is the only way Claude can get a client', async () => {
    const { report } = await lintJson(['--issuer', idp.issuer, '--register']);
    expect(report.findings.filter((f) => f.ruleId === 'dcr-deprecated').map((f) => f.severity)).toEqual(['info']);
    expect(report.rules['dcr-deprecated']?.status).toBe('passed');
  });
});

// A strict OpenID IdP in front of which oidc-provider still registers whatever the policy lets through.
describe('connector-lint --register against an IdP that enforces application_type (SEP-837)', () => {
  let idp: TestIdp;
  beforeAll(async () => {
    idp = await startTestIdp({ registration: 'open', registrationApplicationTypes: ['web', 'native'] });
  });
  afterAll(() => idp.close());

  const register = (body: Record<string, unknown>) =>
    fetch(`${idp.issuer}/reg`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('refuses a registration without application_type and a web client with an http redirect URI', async () => {
    const { application_type: _sent, ...untyped } = CLAUDE_REGISTRATION;
    for (const body of [untyped, { ...CLAUDE_REGISTRATION, redirect_uris: ['http://app.example.com/callback'] }]) {
      const res = await register(body);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'invalid_client_metadata', error_description: expect.stringContaining('application_type') });
    }
  });

  it('accepts the registration Claude sends (application_type web, https callbacks) as a correct IdP does', async () => {
    const { code, report } = await lintJson(['--issuer', idp.issuer, '--register']);
    expect(report.rules['dcr-accepts-claude-registration']?.status).toBe('passed');
    expect(hostedVerdicts(report)).toEqual(['accepted', 'accepted']);
    expect(failedRules(report)).toEqual([]);
    expect(code).toBe(0);
  });
});

describe('connector-lint --register against an IdP that registers only native clients', () => {
  let idp: TestIdp;
  beforeAll(async () => {
    idp = await startTestIdp({ registration: 'open', registrationApplicationTypes: ['native'] });
  });
  afterAll(() => idp.close());

  it('fails dcr-accepts-claude-registration naming application_type, with the fix for web clients', async () => {
    const { code, report } = await lintJson(['--issuer', idp.issuer, '--register']);
    const finding = report.findings.find((f) => f.ruleId === 'dcr-accepts-claude-registration');
    expect(finding?.severity).toBe('error');
    expect(finding?.message).toContain('refused over its `application_type`');
    expect(finding?.message).toContain('`invalid_client_metadata`');
    expect(finding?.fix).toContain('do not require `native`');
    expect(hostedVerdicts(report)).toEqual(['not-probed', 'not-probed']);
    expect(code).toBe(1);
  });
});

describe('discovery of an issuer with a path', () => {
  let idp: TestIdp;
  beforeAll(async () => {
    idp = await startTestIdp({ path: '/tenant', clients: [publicClient('both-callbacks', [CLAUDE_AI, CLAUDE_COM])] });
  });
  afterAll(() => idp.close());

  it('tries the MCP order and uses the path-appended OpenID configuration', async () => {
    const { code, report } = await lintJson(['--issuer', idp.issuer, '--client-id', 'both-callbacks']);
    const origin = new URL(idp.issuer).origin;
    expect(report.exchanges.slice(0, 3).map((x) => [x.url, x.status])).toEqual([
      [`${origin}/.well-known/oauth-authorization-server/tenant`, 404],
      [`${origin}/.well-known/openid-configuration/tenant`, 404],
      [`${origin}/tenant/.well-known/openid-configuration`, 200],
    ]);
    expect(code).toBe(0);
  });
});

describe('connector-lint --register against an IdP whose registration needs an initial access token', () => {
  let idp: TestIdp;
  beforeAll(async () => {
    idp = await startTestIdp({ registration: 'gated' });
  });
  afterAll(() => idp.close());

  it("fails dcr-accepts-claude-registration with the IdP's answer and leaves the callbacks not probed", async () => {
    const { code, report } = await lintJson(['--issuer', idp.issuer, '--register']);
    const finding = report.findings.find((f) => f.ruleId === 'dcr-accepts-claude-registration');
    expect(finding?.severity).toBe('error');
    expect(finding?.data.status).toBeGreaterThanOrEqual(400);
    expect(finding?.message).toContain('`invalid_token`');
    expect(hostedVerdicts(report)).toEqual(['not-probed', 'not-probed']);
    expect(code).toBe(1);
  });
});
