import { describe, expect, it } from 'vitest';
import rule from '../../../../src/lint/rules/transport/url-https-required.js';
import { authlessServer, lintServer, outcome } from '../../../helpers/facts/mcp-facts.js';
import { findingsOf } from '../../../helpers/facts/rule-tester.js';

const ID = 'url-https-required';
const lint = (url: string) => lintServer(rule, authlessServer({ url }));

describe('url-https-required', () => {
  it.each([
    'https://mcp.example.com/mcp',
    'https://mcp.example.com:8443/v1/mcp?tenant=a',
    'HTTPS://MCP.EXAMPLE.COM/mcp',
  ])('%s → passed', (url) => {
    expect(outcome(lint(url), ID)).toEqual({ status: 'passed', findings: [] });
  });

  it.each(['https://localhost:3000/mcp', 'https://127.0.0.1:8443/mcp'])('%s → info: https on loopback is still local development', (url) => {
    expect(outcome(lint(url), ID)).toEqual({ status: 'passed', findings: [['info', {}]] });
  });

  it.each(['https://10.0.0.5/mcp', 'https://192.168.1.2:8443/mcp'])('%s → error: a private address Claude cannot reach', (url) => {
    expect(outcome(lint(url), ID)).toEqual({ status: 'failed', findings: [['error', {}]] });
  });

  it.each(['http://mcp.example.com/mcp', 'http://10.0.0.5:3000/mcp', 'http://192.168.1.2/mcp', 'http://localhost.example.com/mcp'])(
    '%s → error',
    (url) => {
      expect(outcome(lint(url), ID)).toEqual({ status: 'failed', findings: [['error', {}]] });
    },
  );

  it.each(['http://localhost:3000/mcp', 'http://127.0.0.1:8080/mcp', 'http://127.1.2.3/mcp', 'http://[::1]:3000/mcp', 'http://app.localhost/mcp'])(
    'loopback %s → info, still passed',
    (url) => {
      expect(outcome(lint(url), ID)).toEqual({ status: 'passed', findings: [['info', {}]] });
    },
  );

  it('says why, and points at the URL', () => {
    const [remote] = findingsOf(lint('http://mcp.example.com/mcp'), ID);
    expect(remote?.message).toMatch(/not https/);
    expect(remote?.where).toEqual({ url: 'http://mcp.example.com/mcp' });
    const [local] = findingsOf(lint('http://localhost:3000/mcp'), ID);
    expect(local?.message).toMatch(/loopback/);
  });
});
