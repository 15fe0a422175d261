import { RULES } from '../../../src/lint/rules/index.js';
import type { Report } from '../../../src/lint/types.js';
import { chains as c, redirectFacts, scenario } from './chains.js';
import { asFacts, lintWith, statesFor } from './rule-tester.js';

/**
 * One Report with findings of every severity, a rejected callback and values that need escaping in
 * every format (`%`, newlines, `::`, `<`, `&`, quotes): the input of the formatter snapshots.
 */
export function canonicalReport(): Report {
  const metadata = {
    issuer: 'https://idp.example.com',
    authorization_endpoint: 'https://idp.example.com/authorize',
    token_endpoint: 'https://idp.example.com/token',
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['plain'],
    grant_types_supported: ['authorization_code'],
    scopes_supported: ['openid', '100%::done', '<b>&"x"'],
  };
  const facts = redirectFacts(scenario(c.interaction, c.invalidRedirectUri), { clientId: 'client-1 "quoted" 100%:: <b>&amp;' });
  const claudeCom = facts.candidates.find((x) => x.role === 'claude-com');
  if (claudeCom) claudeCom.hops = [{ exchangeId: 'claude-com-1', url: 'https://idp.example.com/authorize', status: 400, bodyCodes: ['invalid_redirect_uri'], bodyMentions: ['redirect_uri'] }];
  return lintWith([...RULES], statesFor(asFacts(metadata), { redirectUris: { status: 'ok', value: facts } }), { clientId: facts.clientId });
}

export const CONFIG_FILE = {
  path: 'connector.json',
  text: '{\n  "name": "demo",\n  "url": "https://mcp.example.com/mcp",\n  "auth": "oauth",\n  "issuer": "https://idp.example.com",\n  "clientId": "client-1"\n}\n',
};
