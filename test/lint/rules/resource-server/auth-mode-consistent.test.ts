import { describe, expect, it } from 'vitest';
import rule from '../../../../src/lint/rules/resource-server/auth-mode-consistent.js';
import type { AuthMode, McpServerFacts, Severity } from '../../../../src/lint/types.js';
import { authlessServer, legacySseServer, lintServer, oauthServer, outcome, unreachableServer } from '../../../helpers/facts/mcp-facts.js';
import { findingsOf } from '../../../helpers/facts/rule-tester.js';

const ID = 'auth-mode-consistent';
const SERVERS: Record<McpServerFacts['observedMode'], () => McpServerFacts> = {
  oauth: () => oauthServer(),
  none: () => authlessServer(),
  unknown: () => legacySseServer(),
};

describe('auth-mode-consistent: declared', () => {
  it.each<[AuthMode, McpServerFacts['observedMode']]>([
    ['oauth', 'oauth'],
    ['none', 'none'],
    ['shared', 'none'],
    ['oauth', 'unknown'],
    ['none', 'unknown'],
  ])('declared %s, observed %s → passed', (declared, observed) => {
    expect(outcome(lintServer(rule, SERVERS[observed](), { declared }), ID)).toEqual({ status: 'passed', findings: [] });
  });

  it.each<[AuthMode, McpServerFacts['observedMode'], RegExp]>([
    ['oauth', 'none', /anyone can use it/],
    ['none', 'oauth', /Declared `none`, but the server answered 401/],
    ['shared', 'oauth', /Declared `shared`, but the server answered 401/],
  ])('declared %s, observed %s → error', (declared, observed, message) => {
    const report = lintServer(rule, SERVERS[observed](), { declared });
    expect(outcome(report, ID)).toEqual({ status: 'failed', findings: [['error', { declared, observed }]] });
    const [finding] = findingsOf(report, ID);
    expect(finding?.message).toMatch(message);
    expect(finding?.evidence).toEqual(['init-1']);
    expect(finding?.subject).toBe('config');
  });
});

describe('auth-mode-consistent: not declared', () => {
  it.each<[McpServerFacts['observedMode'], Severity, RegExp]>([
    ['oauth', 'info', /inferred `oauth`/],
    ['none', 'info', /inferred `none` \(or `shared`\)/],
    ['unknown', 'info', /do not show its mode/],
  ])('observed %s → info with data.inferred', (observed, severity, message) => {
    const report = lintServer(rule, SERVERS[observed]());
    expect(outcome(report, ID)).toEqual({ status: 'passed', findings: [[severity, { inferred: observed }]] });
    expect(findingsOf(report, ID)[0]?.message).toMatch(message);
  });
});

describe('auth-mode-consistent: no answer', () => {
  it.each<AuthMode | undefined>(['oauth', 'none', undefined])('declared %s, server unreachable → nothing to compare', (declared) => {
    expect(outcome(lintServer(rule, unreachableServer(), { declared }), ID)).toEqual({ status: 'passed', findings: [] });
  });
});
