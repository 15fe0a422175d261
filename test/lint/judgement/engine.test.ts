import { describe, expect, it } from 'vitest';
import { defineRule, type AnyRule, type FindingInput } from '../../../src/lint/judgement/define.js';
import { judge } from '../../../src/lint/judgement/engine.js';
import { exitCodeFor } from '../../../src/lint/judgement/exit-code.js';
import { RULES } from '../../../src/lint/rules/index.js';
import type { Finding, ProbeId, ProbeStates, Severity } from '../../../src/lint/types.js';
import { loadDiscovery } from '../../helpers/facts/discovery.js';
import { asFacts, lintWith, statesFor, TARGET } from '../../helpers/facts/rule-tester.js';

const HOMEPAGE = 'https://github.com/create-connector/create-connector';

/** A rule that reports the given severities and, optionally, calls inconclusive or skip. */
function fake(id: string, severities: Severity[], extra: { inconclusive?: string; skip?: string; requires?: ProbeId[]; findings?: FindingInput[] } = {}): AnyRule {
  return defineRule({
    id,
    meta: { description: id, subject: 'idp', severity: 'error', spec: ['test'], fix: `fix ${id}` },
    requires: extra.requires ?? ['authorizationServer'],
    check(_facts, ctx) {
      for (const severity of severities) ctx.report({ message: `${id} ${severity}`, severity });
      for (const f of extra.findings ?? []) ctx.report(f);
      if (extra.inconclusive) ctx.inconclusive(extra.inconclusive);
      if (extra.skip) ctx.skip(extra.skip);
    },
  });
}

const STATES = statesFor(asFacts({ issuer: 'https://idp.example.com' }));

describe('judge: statuses', () => {
  it.each<[string, AnyRule, string, string | undefined]>([
    ['no finding', fake('r', []), 'passed', undefined],
    ['only info', fake('r', ['info', 'info']), 'passed', undefined],
    ['a warning', fake('r', ['warning']), 'failed', undefined],
    ['an error', fake('r', ['info', 'error']), 'failed', undefined],
    ['inconclusive', fake('r', [], { inconclusive: 'why' }), 'inconclusive', 'why'],
    ['inconclusive with a warning', fake('r', ['warning'], { inconclusive: 'why' }), 'inconclusive', 'why'],
    ['inconclusive with an error', fake('r', ['error'], { inconclusive: 'why' }), 'failed', undefined],
    ['skip', fake('r', [], { skip: 'not applicable' }), 'skipped', 'not applicable'],
  ])('%s', (_name, rule, status, reason) => {
    expect(lintWith(rule, STATES).rules.r).toEqual(reason === undefined ? { status } : { status, reason });
  });

  it('drops the findings of a rule that skips', () => {
    const report = lintWith(fake('r', ['error', 'warning'], { skip: 'n/a' }), STATES);
    expect(report.findings).toEqual([]);
    expect(report.counts).toEqual({ error: 0, warning: 0, info: 0 });
    expect(report.exitCode).toBe(0);
  });

  it('uses the rule severity when a finding gives none, and fills defaults', () => {
    const report = lintWith(fake('r', [], { findings: [{ message: 'm' }] }), STATES);
    expect(report.findings).toEqual([
      { ruleId: 'r', severity: 'error', subject: 'idp', message: 'm', data: {}, evidence: [], fix: 'fix r', docsUrl: `${HOMEPAGE}#r` },
    ]);
  });
});

describe('judge: a required probe that failed or did not run', () => {
  const failed: ProbeStates = { ...STATES, authorizationServer: { status: 'failed', reason: 'https://idp.example.com/x answered 500' } };

  it('skips every rule that needs it, with the probe and its reason', () => {
    const report = lintWith([...RULES], failed);
    const skipped = RULES.filter((r) => r.id !== 'asm-discoverable' && r.requires.includes('authorizationServer') && !r.requires.includes('protectedResource'));
    expect(skipped.length).toBeGreaterThan(5);
    for (const rule of skipped) {
      expect(report.rules[rule.id], rule.id).toEqual({ status: 'skipped', reason: 'authorization-server metadata: https://idp.example.com/x answered 500' });
    }
  });

  it('calls the unavailable hook of its reachability rule instead: asm-discoverable fails with one error', () => {
    const report = lintWith([...RULES], failed);
    expect(report.rules['asm-discoverable']).toEqual({ status: 'failed' });
    expect(report.findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ['asm-discoverable', 'error'],
      ['redirect-claude-ai-accepted', 'warning'],
    ]);
    expect(report.exitCode).toBe(1);
  });

  it('names the registration probe in the reason of a rule that needs it', () => {
    const rule = fake('r', ['error'], { requires: ['registration'] });
    expect(lintWith(rule, STATES).rules.r).toEqual({ status: 'skipped', reason: 'client registration: opt-in' });
  });

  it('names the first missing probe when a rule needs several', () => {
    const rule = fake('r', [], { requires: ['authorizationServer', 'redirectUris', 'registration'] });
    expect(lintWith(rule, STATES).rules.r).toEqual({ status: 'skipped', reason: 'callback probe: no client id' });
  });
});

describe('judge: findings order and counts', () => {
  it('sorts by severity, then by the order of the rule list', () => {
    const rules = [fake('a', ['info', 'warning']), fake('b', ['error', 'info']), fake('c', ['warning', 'error'])];
    const report = lintWith(rules, STATES);
    expect(report.findings.map((f) => `${f.severity}:${f.ruleId}`)).toEqual([
      'error:b',
      'error:c',
      'warning:a',
      'warning:c',
      'info:a',
      'info:b',
    ]);
    expect(report.counts).toEqual({ error: 2, warning: 2, info: 2 });
  });

  it('keeps report order stable within one rule and one severity', () => {
    const rule = fake('a', [], { findings: [{ message: 'first', severity: 'warning' }, { message: 'second', severity: 'warning' }] });
    expect(lintWith(rule, STATES).findings.map((f) => f.message)).toEqual(['first', 'second']);
  });

  it('orders real findings by severity, then registry order (Discord)', () => {
    const report = lintWith([...RULES], statesFor(asFacts(loadDiscovery('discord'))));
    expect(report.findings.map((f) => [f.severity, f.ruleId])).toEqual([
      ['error', 'pkce-s256-advertised'],
      ['error', 'registration-path-available'],
      ['warning', 'asm-iss-parameter'],
      ['warning', 'redirect-claude-ai-accepted'],
      ['info', 'asm-refresh-grant'],
    ]);
    expect(report.counts).toEqual({ error: 2, warning: 2, info: 1 });
  });

  it('states one status per rule, in registry order', () => {
    const report = lintWith([...RULES], STATES);
    expect(Object.keys(report.rules)).toEqual(RULES.map((r) => r.id));
  });
});

describe('judge: finding fields', () => {
  const report = lintWith([...RULES], statesFor(asFacts({ issuer: 'http://idp.example.com', code_challenge_methods_supported: ['plain'], grant_types_supported: ['client_credentials'] })));

  it('has findings to check', () => {
    expect(new Set(report.findings.map((f) => f.ruleId)).size).toBeGreaterThan(5);
  });

  it('links every finding to the README section of its rule', () => {
    for (const f of report.findings) expect(f.docsUrl).toBe(`${HOMEPAGE}#${f.ruleId}`);
  });

  it("gives every finding its rule's non-empty fix and subject", () => {
    for (const f of report.findings) {
      const rule = RULES.find((r) => r.id === f.ruleId);
      expect(f.fix.length, f.ruleId).toBeGreaterThan(0);
      expect(f.fix).toBe(rule?.meta.fix);
      expect(f.subject).toBe(rule?.meta.subject);
    }
  });
});

describe('judge: the report', () => {
  it('carries the target, the exchanges and the tool', () => {
    const exchanges = [{ id: 'e1', probe: 'authorizationServer' as const, method: 'GET', url: 'https://idp.example.com/x', status: 200, durationMs: 3 }];
    const report = judge({ target: TARGET, states: STATES, exchanges, rules: [] });
    expect(report).toMatchObject({ schemaVersion: 1, tool: { name: 'connector-lint' }, target: TARGET, exchanges, findings: [], rules: {}, exitCode: 0 });
  });

  it.each<[string, AnyRule[], number]>([
    ['nothing wrong', [fake('a', ['warning', 'info'])], 0],
    ['an error', [fake('a', ['error'])], 1],
    ['a non-required rule inconclusive', [fake('a', [], { inconclusive: 'x' })], 0],
  ])('exit code: %s', (_name, rules, exitCode) => {
    expect(lintWith(rules, STATES).exitCode).toBe(exitCode);
  });

  const required = (rule: AnyRule): AnyRule => ({ ...rule, meta: { ...rule.meta, required: true } });

  it.each<[string, AnyRule[], number]>([
    ['a required rule inconclusive', [required(fake('req', [], { inconclusive: 'x' }))], 3],
    ['a required rule skipped (its evidence was never gathered)', [required(fake('req', [], { skip: 'offline' }))], 3],
    ['a required rule skipped because its probe did not run', [required(fake('req', [], { requires: ['redirectUris'] }))], 3],
    ['a required rule inconclusive, another rule errs', [required(fake('req', [], { inconclusive: 'x' })), fake('b', ['error'])], 1],
    ['a required rule skipped, another rule errs', [required(fake('req', [], { skip: 'offline' })), fake('b', ['error'])], 1],
    ['a required rule passed', [required(fake('req', ['warning', 'info']))], 0],
    ['a non-required rule skipped', [fake('a', [], { skip: 'x' })], 0],
  ])('exit code: %s', (_name, rules, exitCode) => {
    expect(lintWith(rules, STATES).exitCode).toBe(exitCode);
  });
});

describe('exitCodeFor', () => {
  const finding = (severity: Severity): Finding => ({ ruleId: 'a', severity, subject: 'idp', message: 'm', data: {}, evidence: [], fix: 'f', docsUrl: 'd' });
  it.each<[string, Severity[], string[], number]>([
    ['nothing', [], [], 0],
    ['warnings and info only', ['warning', 'info'], [], 0],
    ['a required rule not verified', [], ['req'], 3],
    ['an error, a required rule not verified', ['error'], ['req'], 1],
    ['an error and a warning', ['error', 'warning'], [], 1],
  ])('%s', (_name, severities, unverified, exitCode) => {
    expect(exitCodeFor(severities.map(finding), unverified)).toBe(exitCode);
  });
});

describe('sanitising', () => {
  it('strips control sequences from every message, data value and reason a rule produces', async () => {
    const { defineRule } = await import('../../../src/lint/judgement/define.js');
    const { lintWith, statesFor, asFacts } = await import('../../helpers/facts/rule-tester.js');
    const hostile = defineRule({
      id: 'hostile',
      meta: { description: 'test rule', subject: 'idp', severity: 'error', spec: ['-'], fix: 'none needed here at all' },
      requires: ['authorizationServer'],
      check(_facts, ctx) {
        ctx.report({ message: 'value \x1b]0;title\x07', data: { v: '\x1b[31mred' } });
        ctx.inconclusive('reason \x9b2J');
      },
    });
    const report = lintWith(hostile, statesFor(asFacts({ issuer: 'https://idp.example.com' })));
    expect(JSON.stringify(report)).not.toMatch(/\\u001b|\\u0007|\u009b/);
  });
});
