import { describe, expect, it } from 'vitest';
import { bearerOf, parseChallenges, type Challenge } from '../../../src/lint/protocol/www-authenticate.js';

const PRM = 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp';
const c = (scheme: string, params: Record<string, string> = {}, token68?: string): Challenge => ({ scheme, params, ...(token68 ? { token68 } : {}) });

describe('parseChallenges: one challenge', () => {
  it.each<[string, string, Challenge[]]>([
    ['a bare scheme', 'Bearer', [c('bearer')]],
    ['the MCP SDK challenge', `Bearer resource_metadata="${PRM}", scope="mcp:tools"`, [c('bearer', { resource_metadata: PRM, scope: 'mcp:tools' })]],
    ['an invalid_token answer', 'Bearer error="invalid_token", error_description="The access token expired"', [c('bearer', { error: 'invalid_token', error_description: 'The access token expired' })]],
    ['scheme and parameter names lower-cased, values kept', 'BEARER Realm="Example", ERROR=Invalid_Token', [c('bearer', { realm: 'Example', error: 'Invalid_Token' })]],
    ['token parameter values', 'Bearer error=invalid_token, max_age=60', [c('bearer', { error: 'invalid_token', max_age: '60' })]],
    ['whitespace around `=` (BWS)', 'Bearer realm = "x" ,  scope\t=\t"a b"', [c('bearer', { realm: 'x', scope: 'a b' })]],
    ['an unquoted URL, as the MCP SDK accepts', `Bearer resource_metadata=${PRM}`, [c('bearer', { resource_metadata: PRM })]],
    ['an unquoted URL with a query', 'Bearer resource_metadata=https://a.example/prm?x=1&y=2', [c('bearer', { resource_metadata: 'https://a.example/prm?x=1&y=2' })]],
    ['a quoted value holding `,` and `=`', 'Bearer scope="a,b=c", realm="r"', [c('bearer', { scope: 'a,b=c', realm: 'r' })]],
    ['an empty quoted value', 'Bearer scope=""', [c('bearer', { scope: '' })]],
    ['surrounding whitespace', '  Bearer realm="x"  ', [c('bearer', { realm: 'x' })]],
  ])('%s', (_name, header, expected) => {
    expect(parseChallenges(header)).toEqual(expected);
  });

  it.each<[string, string, string]>([
    ['an escaped quote', String.raw`Bearer error_description="say \"hi\""`, 'say "hi"'],
    ['an escaped backslash', String.raw`Bearer error_description="a\\b"`, 'a\\b'],
    ['an escaped ordinary character', String.raw`Bearer error_description="\a\b"`, 'ab'],
    ['an escaped comma', String.raw`Bearer error_description="x\,y", scope="s"`, 'x,y'],
  ])('unescapes %s in a quoted string', (_name, header, expected) => {
    expect(parseChallenges(header)?.[0]?.params.error_description).toBe(expected);
  });
});

describe('parseChallenges: several challenges', () => {
  it('reads the RFC 9110 §11.6.1 example', () => {
    const header = String.raw`Newauth realm="apps", type=1, title="Login to \"apps\"", Basic realm="simple"`;
    expect(parseChallenges(header)).toEqual([c('newauth', { realm: 'apps', type: '1', title: 'Login to "apps"' }), c('basic', { realm: 'simple' })]);
  });

  it.each<[string, string, Challenge[]]>([
    ['Basic before Bearer', `Basic realm="api", Bearer resource_metadata="${PRM}"`, [c('basic', { realm: 'api' }), c('bearer', { resource_metadata: PRM })]],
    ['two bare schemes', 'Bearer, Basic', [c('bearer'), c('basic')]],
    ['empty list elements', ', Bearer realm="x" ,, Basic ,', [c('bearer', { realm: 'x' }), c('basic')]],
    ['a scheme after an unquoted value', 'Bearer error=invalid_token, DPoP algs="ES256"', [c('bearer', { error: 'invalid_token' }), c('dpop', { algs: 'ES256' })]],
    [
      'DPoP before Bearer (RFC 9449 beside RFC 6750)',
      `DPoP algs="ES256", Bearer resource_metadata="${PRM}", scope="mcp:tools"`,
      [c('dpop', { algs: 'ES256' }), c('bearer', { resource_metadata: PRM, scope: 'mcp:tools' })],
    ],
    [
      'two header lines, joined with `, ` as HTTP joins them',
      ['DPoP algs="ES256 PS256", error="invalid_token"', `Bearer error="invalid_token", resource_metadata=${PRM}`].join(', '),
      [c('dpop', { algs: 'ES256 PS256', error: 'invalid_token' }), c('bearer', { error: 'invalid_token', resource_metadata: PRM })],
    ],
  ])('%s', (_name, header, expected) => {
    expect(parseChallenges(header)).toEqual(expected);
  });
});

describe('bearerOf', () => {
  it.each<[string, string, Challenge | undefined]>([
    ['Bearer alone', `Bearer resource_metadata="${PRM}"`, c('bearer', { resource_metadata: PRM })],
    ['Bearer after DPoP', `DPoP algs="ES256", Bearer resource_metadata="${PRM}"`, c('bearer', { resource_metadata: PRM })],
    ['Bearer after Basic and a token68 challenge', 'Basic realm="a", Negotiate abc==, BEARER scope="s"', c('bearer', { scope: 's' })],
    ['the first of two Bearer challenges', 'Bearer realm="a", Bearer realm="b"', c('bearer', { realm: 'a' })],
    ['no Bearer challenge', 'DPoP algs="ES256", Basic realm="a"', undefined],
    ['no challenge at all', '', undefined],
  ])('%s', (_name, header, expected) => {
    expect(bearerOf(parseChallenges(header))).toEqual(expected);
  });

  it('finds nothing in a header that does not parse, or no header', () => {
    expect(bearerOf(null)).toBeUndefined();
    expect(bearerOf(undefined)).toBeUndefined();
  });
});

describe('parseChallenges: token68', () => {
  it.each<[string, string, Challenge[]]>([
    ['Negotiate with padding', 'Negotiate YIIB9wYGKwYBBQUCoIIB6zCCAeeg==', [c('negotiate', {}, 'YIIB9wYGKwYBBQUCoIIB6zCCAeeg==')]],
    ['a token68 with one `=`', 'Basic abc=', [c('basic', {}, 'abc=')]],
    ['a token68 with `-._~+/`', 'Custom a-b.c_d~e+f/g', [c('custom', {}, 'a-b.c_d~e+f/g')]],
    ['a token68, then another challenge', 'Negotiate abc==, Bearer realm="x"', [c('negotiate', {}, 'abc=='), c('bearer', { realm: 'x' })]],
  ])('%s', (_name, header, expected) => {
    expect(parseChallenges(header)).toEqual(expected);
  });

  it('reads `name=value` after a scheme as a parameter, not as a token68', () => {
    expect(parseChallenges('Bearer realm=x')).toEqual([c('bearer', { realm: 'x' })]);
  });

  it('reads a lone `name=` after a scheme as a token68, as the grammar allows', () => {
    expect(parseChallenges('Bearer realm=')).toEqual([c('bearer', {}, 'realm=')]);
  });
});

describe('parseChallenges: empty input', () => {
  it.each(['', '   ', ','])('%j → no challenges', (header) => {
    expect(parseChallenges(header)).toEqual([]);
  });
});

describe('parseChallenges: garbage → undefined', () => {
  it.each([
    ['two parameters without a comma', 'Bearer a=b c=d'],
    ['an unterminated quoted string', 'Bearer realm="unterminated'],
    ['an unterminated quote ending in an escape', 'Bearer realm="abc\\"'],
    ['text after a quoted value', 'Bearer realm="x"extra'],
    ['a word after a quoted value', 'Bearer realm="x" extra'],
    ['a parameter without a value', 'Bearer realm="x", scope='],
    ['a parameter without a scheme', 'realm="x"'],
    ['a quoted string first', '"Bearer"'],
    ['a character outside token and token68', 'Bearer @'],
    ['a scheme glued to a quote', 'Bearer"x"'],
    ['a quote inside an unquoted value', 'Bearer realm=a"b"'],
  ])('%s: %j', (_name, header) => {
    expect(parseChallenges(header)).toBeUndefined();
  });
});

describe('parseChallenges: token68 with single padding before another challenge', () => {
  it('reads `abc=` as a token68, not as an auth-param', () => {
    expect(parseChallenges('Negotiate abc=, Bearer realm="x"')).toEqual([
      { scheme: 'negotiate', params: {}, token68: 'abc=' },
      { scheme: 'bearer', params: { realm: 'x' } },
    ]);
  });
});
