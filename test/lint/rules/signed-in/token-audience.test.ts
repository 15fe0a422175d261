import { describe, expect, it } from 'vitest';
import rule from '../../../../src/lint/rules/signed-in/token-audience.js';
import { failedLogin, loginFacts, loginStates } from '../../../helpers/facts/login-facts.js';
import { MCP_URL, outcome } from '../../../helpers/facts/mcp-facts.js';
import { findingsOf, lintWith } from '../../../helpers/facts/rule-tester.js';

const ID = 'token-audience';
const jwt = (audience?: string[]) => loginFacts({ token: { format: 'jwt', ...(audience ? { audience } : {}), refreshToken: false } });

describe('token-audience', () => {
  it.each([
    ['the MCP URL', [MCP_URL]],
    ['the MCP URL among others', ['https://api.example.com', MCP_URL]],
  ])('passes a JWT whose aud is %s', (_name, audience) => {
    expect(outcome(lintWith(rule, loginStates(jwt(audience))), ID)).toEqual({ status: 'passed', findings: [] });
  });

  it.each([
    ['an API identifier', ['api://my-api'], '`api://my-api`'],
    ['the MCP URL with a trailing slash', [`${MCP_URL}/`], `\`${MCP_URL}/\``],
    ['nothing', undefined, 'absent'],
  ])('warns when the aud is %s, stating it against the resource', (_name, audience, shown) => {
    const report = lintWith(rule, loginStates(jwt(audience)));
    expect(outcome(report, ID).findings.map(([severity]) => severity)).toEqual(['warning']);
    expect(findingsOf(report, ID)[0]?.message).toContain(shown);
    expect(findingsOf(report, ID)[0]?.message).toContain(`\`${MCP_URL}\``);
  });

  it('says an opaque token cannot be read, as info', () => {
    const report = lintWith(rule, loginStates(loginFacts({ token: { format: 'opaque', refreshToken: false } })));
    expect(outcome(report, ID)).toEqual({ status: 'passed', findings: [['info', {}]] });
  });

  it('is skipped when the sign-in did not complete', () => {
    expect(lintWith(rule, loginStates(failedLogin('denied', 'denied'))).rules[ID]?.status).toBe('skipped');
  });
});
