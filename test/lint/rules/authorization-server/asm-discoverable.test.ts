import { describe, expect, it } from 'vitest';
import rule from '../../../../src/lint/rules/authorization-server/asm-discoverable.js';
import asmIssuerValid from '../../../../src/lint/rules/authorization-server/asm-issuer-valid.js';
import type { DiscoveryAttempt, DiscoveryProblem, ProbeStates } from '../../../../src/lint/types.js';
import { asFacts, findingsOf, lintWith, statesFor } from '../../../helpers/facts/rule-tester.js';

const ID = 'asm-discoverable';
const ISSUER = 'https://idp.example.com/tenant';
const WK = 'https://idp.example.com/.well-known/oauth-authorization-server/tenant';

const attempt = (status: number | undefined, exchangeIds: string[]): DiscoveryAttempt => ({
  url: WK,
  kind: 'oauth',
  exchangeIds,
  status,
  durationMs: 5,
});

function failedStates(problem: DiscoveryProblem, attempts: DiscoveryAttempt[] = [attempt(404, ['e1'])]): ProbeStates {
  return {
    ...statesFor(asFacts({})),
    authorizationServer: { status: 'failed', reason: 'discovery failed', partial: { problem, attempts, requestedIssuer: ISSUER } },
  };
}

describe('asm-discoverable: the document it got', () => {
  it.each([
    ['application/json', 'passed', []],
    ['application/json; charset=utf-8', 'passed', []],
    ['application/jrd+json', 'passed', []],
    ['APPLICATION/JSON', 'passed', []],
    ['text/html', 'failed', ['warning']],
    ['text/plain; charset=utf-8', 'failed', ['warning']],
    ['application/javascript', 'failed', ['warning']],
    [undefined, 'failed', ['warning']],
  ])('network document served as %s → %s', (contentType, status, severities) => {
    const report = lintWith(rule, statesFor(asFacts({ issuer: 'https://idp.example.com' }, { contentType })));
    expect(report.rules[ID]?.status).toBe(status);
    expect(findingsOf(report, ID).map((f) => f.severity)).toEqual(severities);
  });

  it('points the content-type warning at the document URL', () => {
    const report = lintWith(rule, statesFor(asFacts({ issuer: 'https://idp.example.com' }, { contentType: 'text/html' })));
    expect(findingsOf(report, ID)[0]?.where).toEqual({ url: 'https://idp.example.com/.well-known/openid-configuration' });
  });

  it('does not judge the content type of a file read with --metadata', () => {
    const facts = asFacts({ issuer: 'https://idp.example.com' }, { source: 'file', contentType: undefined, documentUrl: './md.json' });
    const report = lintWith(rule, statesFor(facts));
    expect(report.rules[ID]?.status).toBe('passed');
    expect(report.findings).toEqual([]);
  });
});

describe('asm-discoverable: discovery failed', () => {
  it.each<[string, DiscoveryProblem, Record<string, string | number>, string | undefined]>([
    ['unreachable', { cause: 'unreachable', url: WK, failure: { cause: 'dns', detail: 'ENOTFOUND idp.example.com' } }, { cause: 'dns' }, WK],
    ['too large', { cause: 'unreachable', url: WK, failure: { cause: 'too-large', detail: 'body larger than 1024 KiB' } }, { cause: 'too-large' }, WK],
    ['not found', { cause: 'not-found', statuses: [404, 404, 404] }, { cause: 'not-found' }, undefined],
    ['server error', { cause: 'server-error', url: WK, status: 502 }, { cause: 'server-error', status: 502 }, WK],
    ['not JSON', { cause: 'not-json', url: WK, status: 200, contentType: 'text/html' }, { cause: 'not-json' }, WK],
    ['not an object', { cause: 'not-object', url: WK, found: 'a JSON array' }, { cause: 'not-object' }, WK],
    ['unreadable file', { cause: 'unreadable-file', path: './md.json', detail: 'ENOENT' }, { cause: 'unreadable-file' }, undefined],
  ])('%s → one error with data.cause', (_name, problem, data, url) => {
    const report = lintWith(rule, failedStates(problem));
    expect(report.rules[ID]).toEqual({ status: 'failed' });
    const found = findingsOf(report, ID);
    expect(found.map((f) => [f.severity, f.data])).toEqual([['error', data]]);
    expect(found[0]?.where?.url).toBe(url);
  });

  it('cites the exchanges of every attempt as evidence', () => {
    const report = lintWith(rule, failedStates({ cause: 'not-found', statuses: [404, 400] }, [attempt(404, ['e1']), attempt(400, ['e2', 'e3'])]));
    expect(findingsOf(report, ID)[0]?.evidence).toEqual(['e1', 'e2', 'e3']);
  });

  it('names the requested issuer in the not-found message', () => {
    const report = lintWith(rule, failedStates({ cause: 'not-found', statuses: [404] }));
    expect(findingsOf(report, ID)[0]?.message).toContain(ISSUER);
  });

  it('reports a failure without partial facts as one error without data', () => {
    const states: ProbeStates = { ...statesFor(asFacts({})), authorizationServer: { status: 'failed', reason: 'boom' } };
    const report = lintWith(rule, states);
    expect(report.rules[ID]?.status).toBe('failed');
    expect(findingsOf(report, ID).map((f) => [f.severity, f.data])).toEqual([['error', {}]]);
  });

  it('is the only rule with a finding when discovery failed; the others are skipped', () => {
    const report = lintWith([rule, asmIssuerValid], failedStates({ cause: 'server-error', url: WK, status: 500 }));
    expect(report.rules['asm-issuer-valid']?.status).toBe('skipped');
    expect(report.findings.map((f) => f.ruleId)).toEqual([ID]);
    expect(report.exitCode).toBe(1);
  });
});
