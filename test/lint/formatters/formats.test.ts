import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import { XMLParser } from 'fast-xml-parser';
import kleur from 'kleur';
import { describe, expect, it } from 'vitest';
import { colorsFor } from '../../../src/shared/colors.js';
import { FORMATTERS } from '../../../src/lint/formatters/index.js';
import { escapeData, escapeProperty } from '../../../src/lint/formatters/github.js';
import { RULES } from '../../../src/lint/rules/index.js';
import { canonicalReport, CONFIG_FILE } from '../../helpers/facts/canonical-report.js';
import { ROOT } from '../../helpers/run.js';

const report = canonicalReport();
const options = { colors: colorsFor({ isTTY: false }, {}), verbose: false, configFile: CONFIG_FILE };
kleur.enabled = false;

describe('formatter snapshots from one canonical Report', () => {
  it.each(Object.keys(FORMATTERS) as (keyof typeof FORMATTERS)[])('%s', async (format) => {
    const ext = { text: 'txt', json: 'json', github: 'txt', markdown: 'md', junit: 'xml', sarif: 'sarif.json' }[format];
    await expect(FORMATTERS[format](report, options)).toMatchFileSnapshot(join('__snapshots__', `report.${format}.${ext}`));
  });
});

describe('sarif', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
  const validate = new (AjvDraft04 as unknown as typeof AjvDraft04.default)({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false }).compile(schema);

  it('is valid SARIF 2.1.0 (the schema Microsoft ships in @microsoft/jest-sarif)', () => {
    const sarif = JSON.parse(FORMATTERS.sarif(report, options));
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
  });

  it('has one reportingDescriptor per rule with a helpUri to its README section', () => {
    const rules = JSON.parse(FORMATTERS.sarif(report, options)).runs[0].tool.driver.rules;
    expect(rules.map((r: { id: string }) => r.id)).toEqual(RULES.map((r) => r.id));
    for (const r of rules) expect(r.helpUri).toMatch(new RegExp(`#${r.id}$`));
  });

  it('locates a finding at the line of the connector.json key it is about', () => {
    const results = JSON.parse(FORMATTERS.sarif(report, options)).runs[0].results;
    const claudeCom = results.find((r: { ruleId: string }) => r.ruleId === 'redirect-claude-com-accepted');
    expect(claudeCom.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'connector.json' }, region: { startLine: 6 } });
  });

  it('without connector.json, locates findings at the probed URL', () => {
    const results = JSON.parse(FORMATTERS.sarif(report, { ...options, configFile: undefined })).runs[0].results;
    expect(results[0].locations[0].physicalLocation.artifactLocation.uri).toMatch(/^https:\/\/idp\.example\.com/);
  });
});

describe('junit', () => {
  it('parses back: one testcase per rule, failures for errors, skips for skipped/inconclusive/off', () => {
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(FORMATTERS.junit(report, options));
    const suite = parsed.testsuites.testsuite;
    expect(suite.testcase).toHaveLength(RULES.length);
    const failed = Object.entries(report.rules).filter(([id]) => report.findings.some((f) => f.ruleId === id && f.severity === 'error')).length;
    const skipped = Object.values(report.rules).filter((r) => ['skipped', 'inconclusive', 'off'].includes(r.status)).length;
    expect(Number(suite['@_failures'])).toBe(failed);
    expect(Number(suite['@_skipped'])).toBe(skipped);
  });
});

describe('github', () => {
  it.each([
    ['100%', '100%25'],
    ['a\nb\r\nc', 'a%0Ab%0D%0Ac'],
    ['::error::', '::error::'],
  ])('escapes data %j as %j', (input, output) => {
    expect(escapeData(input)).toBe(output);
  });

  it.each([
    ['a:b,c', 'a%3Ab%2Cc'],
    ['50%\n', '50%25%0A'],
  ])('escapes properties %j as %j', (input, output) => {
    expect(escapeProperty(input)).toBe(output);
  });

  it('writes one single-line workflow command per finding, none broken by a message', () => {
    const lines = FORMATTERS.github(report, options).trimEnd().split('\n');
    expect(lines).toHaveLength(report.findings.length + 1);
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/^::(error|warning|notice) title=connector-lint [a-z0-9-]+(,file=connector\.json,line=\d+)?::/);
  });
});
