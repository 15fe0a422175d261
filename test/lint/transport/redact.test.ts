import { describe, expect, it } from 'vitest';
import { redactSecrets, redactUrl } from '../../../src/lint/transport/redact.js';

describe('redactUrl', () => {
  it.each([
    ['https://claude.ai/cb?code=abc&state=s', 'https://claude.ai/cb?code=%5Bredacted%5D&state=s'],
    ['https://claude.ai/cb#code=abc&id_token=eyJ&state=s', 'https://claude.ai/cb#code=%5Bredacted%5D&id_token=%5Bredacted%5D&state=s'],
    ['https://u:pw@idp.example.com/x', 'https://u:redacted@idp.example.com/x'],
    ['https://idp.example.com/x?client_secret=s&scope=a', 'https://idp.example.com/x?client_secret=%5Bredacted%5D&scope=a'],
    ['https://idp.example.com/x#section', 'https://idp.example.com/x#section'],
    ['not a url code=abc', 'not a url code=abc'],
  ])('%s → %s', (input, expected) => {
    expect(redactUrl(input)).toBe(expected);
  });

  it.each([
    ['https://mcp.example.com', 'https://mcp.example.com'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['https://mcp.example.com?token=abc', 'https://mcp.example.com?token=%5Bredacted%5D'],
    ['https://u:pw@mcp.example.com#x', 'https://u:redacted@mcp.example.com#x'],
    ['https://mcp.example.com/', 'https://mcp.example.com/'],
    ['HTTPS://MCP.example.com:443', 'https://mcp.example.com'],
  ])('keeps %s without the `/` URL parsing adds to an empty path → %s', (input, expected) => {
    expect(redactUrl(input)).toBe(expected);
  });
});

describe('redactSecrets', () => {
  it('removes every occurrence of each secret', () => {
    expect(redactSecrets('a s3cret b s3cret', ['s3cret'])).toBe('a [redacted] b [redacted]');
  });
});

describe('redactJson', () => {
  it('keeps a server-sent `__proto__` key as data, never as the prototype', async () => {
    const { redactJson } = await import('../../../src/lint/transport/redact.js');
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "client_secret": "s3cret", "client_id": "c"}') as Record<string, unknown>;
    const out = redactJson(hostile);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect((out as { polluted?: boolean }).polluted).toBeUndefined();
    expect(out.client_secret).toBe('[redacted]');
  });
});
