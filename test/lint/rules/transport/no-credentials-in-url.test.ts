import { describe, expect, it } from 'vitest';
import rule from '../../../../src/lint/rules/transport/no-credentials-in-url.js';
import { authlessServer, lintServer, outcome } from '../../../helpers/facts/mcp-facts.js';
import { findingsOf } from '../../../helpers/facts/rule-tester.js';

const ID = 'no-credentials-in-url';
const lint = (url: string) => lintServer(rule, authlessServer({ url }));

describe('no-credentials-in-url', () => {
  it.each([
    'https://mcp.example.com/mcp',
    'https://mcp.example.com/mcp?tenant=acme&region=eu',
    'https://mcp.example.com/mcp?keyword=x&tokens=3&monkey=1',
    'https://mcp.example.com/token/mcp',
  ])('%s → passed', (url) => {
    expect(outcome(lint(url), ID)).toEqual({ status: 'passed', findings: [] });
  });

  it.each([
    ['https://mcp.example.com/mcp?token=abc', 'token'],
    ['https://mcp.example.com/mcp?apiKey=abc', 'apiKey'],
    ['https://mcp.example.com/mcp?api_key=abc', 'api_key'],
    ['https://mcp.example.com/mcp?APIKEY=abc', 'APIKEY'],
    ['https://mcp.example.com/mcp?userToken=abc', 'userToken'],
    ['https://mcp.example.com/mcp?access_token=abc', 'access_token'],
    ['https://mcp.example.com/mcp?client_secret=abc', 'client_secret'],
    ['https://mcp.example.com/mcp?tenant=a&key=k&password=p', 'key,password'],
    ['https://mcp.example.com/mcp?auth=x&api_key=y', 'auth,api_key'],
  ])('%s → error naming %s', (url, params) => {
    expect(outcome(lint(url), ID)).toEqual({ status: 'failed', findings: [['error', { params }]] });
  });

  it('names the parameter, not its value', () => {
    const [finding] = findingsOf(lint('https://mcp.example.com/mcp?token=s3cr3t-value'), ID);
    expect(finding?.message).toContain('`token`');
    expect(finding?.message).not.toContain('s3cr3t-value');
  });
});
