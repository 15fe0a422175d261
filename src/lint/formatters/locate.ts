import type { Finding } from '../types.js';

/** The connector.json key a finding is about: the server URL, the issuer, the client, or the mode. */
function keyFor(finding: Finding, text: string): string {
  if (finding.subject === 'config') return 'auth';
  if (finding.subject === 'idp') {
    if (finding.ruleId.startsWith('redirect-') || finding.ruleId === 'client-not-credentials-only') {
      if (text.includes('"clientId"')) return 'clientId';
    }
    if (text.includes('"issuer"')) return 'issuer';
  }
  return 'url';
}

/** The 1-based line of a finding's key in connector.json, or undefined when the key is absent. */
export function lineInConfig(finding: Finding, text: string): { key: string; line: number } | undefined {
  const key = keyFor(finding, text);
  const index = text.split('\n').findIndex((l) => l.includes(`"${key}"`));
  return index < 0 ? undefined : { key, line: index + 1 };
}
