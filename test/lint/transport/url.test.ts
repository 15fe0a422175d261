import { describe, expect, it } from 'vitest';
import { isLocalHttp, isPrivateHost, isSameResource, privateLinkFrom } from '../../../src/lint/transport/url.js';

describe('isPrivateHost', () => {
  it.each([
    ['127.0.0.1', true], ['localhost', true], ['[::1]', true], ['10.1.2.3', true], ['172.16.0.1', true], ['172.31.255.1', true],
    ['192.168.1.1', true], ['169.254.169.254', true], ['100.64.0.1', true], ['[fd12::1]', true], ['[fe80::1]', true], ['0.0.0.0', true],
    ['172.32.0.1', false], ['8.8.8.8', false], ['100.128.0.1', false], ['idp.example.com', false], ['[2001:db8::1]', false],
  ])('%s → %s', (host, expected) => {
    expect(isPrivateHost(host)).toBe(expected);
  });

  it.each([
    ['http://[::]/', true], ['http://0.1.2.3/', true], ['http://[::ffff:127.0.0.1]/', true], ['http://[::ffff:10.0.0.5]/', true],
    ['http://[::ffff:192.168.1.1]/', true], ['http://[::ffff:8.8.8.8]/', false], ['http://[::ffff:169.254.169.254]/', true],
  ])('the host of %s as URL parsing writes it → %s', (url, expected) => {
    expect(isPrivateHost(new URL(url).hostname)).toBe(expected);
  });
});

describe('isSameResource', () => {
  it.each([
    ['https://mcp.example.com/mcp', 'https://mcp.example.com/mcp'],
    ['https://mcp.example.com', 'https://mcp.example.com'],
    ['https://mcp.example.com/', 'https://mcp.example.com'],
    ['https://mcp.example.com', 'https://mcp.example.com/'],
    ['http://127.0.0.1:8080/', 'http://127.0.0.1:8080'],
    ['https://mcp.example.com/?tenant=a', 'https://mcp.example.com?tenant=a'],
  ])('%s names %s: an empty path is `/`', (resource, url) => {
    expect(isSameResource(resource, url)).toBe(true);
  });

  it.each([
    ['https://mcp.example.com/mcp/', 'https://mcp.example.com/mcp'],
    ['https://mcp.example.com/mcp', 'https://mcp.example.com/mcp/'],
    ['https://mcp.example.com', 'https://mcp.example.com/mcp'],
    ['https://MCP.example.com', 'https://mcp.example.com'],
    ['https://mcp.example.com:443', 'https://mcp.example.com'],
    ['https://mcp.example.com//', 'https://mcp.example.com'],
  ])('%s does not name %s', (resource, url) => {
    expect(isSameResource(resource, url)).toBe(false);
  });
});

describe('privateLinkFrom', () => {
  it('flags a public server pointing at a private address, not a local one', () => {
    expect(privateLinkFrom('https://mcp.example.com/mcp', 'http://10.0.0.5/issuer')).toBe(true);
    expect(privateLinkFrom('https://mcp.example.com/mcp', 'https://idp.example.com')).toBe(false);
    expect(privateLinkFrom('http://127.0.0.1:3000/mcp', 'http://127.0.0.1:4000')).toBe(false);
  });
});

describe('isLocalHttp', () => {
  it.each([
    ['http://localhost:3000/mcp', true], ['http://127.0.0.1/x', true], ['https://localhost/x', false], ['http://example.com', false], ['nonsense', false],
  ])('%s → %s', (url, expected) => {
    expect(isLocalHttp(url)).toBe(expected);
  });
});
