import { describe, expect, it } from 'vitest';
import kleur from 'kleur';
import { colorsFor, shouldColor } from '../../../src/shared/colors.js';
import { formatText } from '../../../src/lint/formatters/text.js';
import { formatJson } from '../../../src/lint/formatters/json.js';
import { RULES } from '../../../src/lint/rules/index.js';
import { asFacts, lintWith, statesFor } from '../../helpers/facts/rule-tester.js';

const report = lintWith(
  [...RULES],
  statesFor(
    asFacts({
      issuer: 'https://idp.example.com',
      authorization_endpoint: 'https://idp.example.com/authorize',
      token_endpoint: 'https://idp.example.com/token',
      response_types_supported: ['code'],
    }),
  ),
);

describe('text format', () => {
  it('groups findings by severity, shows rule ids and fixes, and ends with one summary line', () => {
    const text = formatText(report, { colors: colorsFor({ isTTY: false }, {}), verbose: false });
    expect(text.indexOf('Errors (')).toBeLessThan(text.indexOf('Warnings ('));
    expect(text).toContain('✖ registration-path-available');
    expect(text).toContain('fix: Offer Client ID Metadata Documents');
    expect(text.trimEnd().split('\n').at(-1)).toMatch(/^✖ fail: \d+ errors?, \d+ warnings?, \d+ info · \d+ of \d+ rules passed · exit 1$/);
  });

  it('is byte-for-byte deterministic', () => {
    const options = { colors: colorsFor({ isTTY: false }, {}), verbose: true };
    expect(formatText(report, options)).toBe(formatText(report, options));
  });

  it('colours only a terminal, with NO_COLOR and FORCE_COLOR winning', () => {
    expect(shouldColor({ isTTY: true }, {})).toBe(true);
    expect(shouldColor({ isTTY: false }, {})).toBe(false);
    expect(shouldColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(shouldColor({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
    expect(shouldColor({ isTTY: true }, { FORCE_COLOR: '0' })).toBe(false);
    expect(shouldColor({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
    const coloured = formatText(report, { colors: colorsFor({ isTTY: false }, { FORCE_COLOR: '1' }), verbose: false });
    expect(coloured).toContain('\x1b[');
    kleur.enabled = false;
  });
});

describe('json format', () => {
  it('prints the Report with schemaVersion 1 and every rule status', () => {
    const parsed = JSON.parse(formatJson(report));
    expect(parsed.schemaVersion).toBe(1);
    expect(Object.keys(parsed.rules)).toEqual(RULES.map((r) => r.id));
    expect(parsed.counts.error).toBe(parsed.findings.filter((f: { severity: string }) => f.severity === 'error').length);
    expect(parsed.exitCode).toBe(1);
  });
});
