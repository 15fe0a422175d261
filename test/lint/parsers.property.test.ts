import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authorizationServerMetadataUrls, protectedResourceMetadataUrls } from '../../src/lint/protocol/well-known.js';
import { bearerOf, parseChallenges, type Challenge } from '../../src/lint/protocol/www-authenticate.js';

const tchar = fc.constantFrom(...'!#$%&\'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'.split(''));
const token = fc.array(tchar, { minLength: 1, maxLength: 12 }).map((cs) => cs.join(''));
const scheme = fc.array(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'.split('')), { minLength: 1, maxLength: 10 }).map((cs) => cs.join(''));
// Quoted-string content: any printable ASCII, with `"` and `\` escaped on the wire.
const quotedContent = fc.string({ unit: fc.constantFrom(...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i))), maxLength: 30 });
const param = fc.record({ name: scheme, value: fc.oneof(token.map((v) => ({ v, quoted: false })), quotedContent.map((v) => ({ v, quoted: true }))) });
const challenge = fc.record({ scheme, params: fc.uniqueArray(param, { selector: (p) => p.name, maxLength: 4 }) });

function serialize(challenges: { scheme: string; params: { name: string; value: { v: string; quoted: boolean } }[] }[]): string {
  return challenges
    .map((c) => {
      const params = c.params.map((p) => `${p.name}=${p.value.quoted ? `"${p.value.v.replace(/(["\\])/g, '\\$1')}"` : p.value.v}`);
      return params.length > 0 ? `${c.scheme} ${params.join(', ')}` : c.scheme;
    })
    .join(', ');
}

describe('parseChallenges (RFC 9110 §11.6.1), property-based', () => {
  it('reads back any list of challenges with token or quoted-string params, escapes included', () => {
    fc.assert(
      fc.property(fc.array(challenge, { minLength: 1, maxLength: 3 }), (challenges) => {
        const expected: Challenge[] = challenges.map((c) => ({
          scheme: c.scheme,
          params: Object.fromEntries(c.params.map((p) => [p.name.toLowerCase(), p.value.v])),
        }));
        expect(parseChallenges(serialize(challenges))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('reads a token68 challenge', () => {
    fc.assert(
      fc.property(scheme, fc.stringMatching(/^[A-Za-z0-9\-._~+/]{1,20}={0,2}$/), (s, t) => {
        expect(parseChallenges(`${s} ${t}`)).toEqual([{ scheme: s, params: {}, token68: t }]);
      }),
    );
  });

  it('finds the Bearer challenge among any number of challenges of any scheme, in any letter case', () => {
    const other = challenge.filter((c) => c.scheme !== 'bearer');
    const spelling = fc.constantFrom('Bearer', 'bearer', 'BEARER', 'bEaReR');
    fc.assert(
      fc.property(fc.array(other, { maxLength: 3 }), spelling, challenge.map((c) => c.params), fc.array(other, { maxLength: 3 }), (before, scheme, params, after) => {
        // Several header lines reach the parser joined with `, `, which is how `serialize` joins challenges.
        const header = serialize([...before, { scheme, params }, ...after]);
        expect(bearerOf(parseChallenges(header))).toEqual({ scheme: 'bearer', params: Object.fromEntries(params.map((p) => [p.name, p.value.v])) });
      }),
      { numRuns: 300 },
    );
  });

  it('never throws, whatever the header', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (header) => {
      const result = parseChallenges(header);
      expect(result === undefined || Array.isArray(result)).toBe(true);
    }), { numRuns: 500 });
  });
});

const segment = fc.stringMatching(/^[a-z0-9-]{1,8}$/);

describe('well-known URL builders, property-based', () => {
  it('authorization-server metadata: 2 URLs without a path, 3 with one, each on the issuer origin, path kept in order', () => {
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 3 }), fc.boolean(), (segments, slash) => {
        const path = segments.length > 0 ? `/${segments.join('/')}${slash ? '/' : ''}` : slash ? '/' : '';
        const issuer = new URL(`https://idp.example.com${path}`);
        const urls = authorizationServerMetadataUrls(issuer).map((c) => c.url);
        const clean = segments.length > 0 ? `/${segments.join('/')}` : '';
        if (segments.length === 0) {
          expect(urls).toEqual(['https://idp.example.com/.well-known/oauth-authorization-server', 'https://idp.example.com/.well-known/openid-configuration']);
        } else {
          expect(urls).toEqual([
            `https://idp.example.com/.well-known/oauth-authorization-server${clean}`,
            `https://idp.example.com/.well-known/openid-configuration${clean}`,
            `https://idp.example.com${clean}/.well-known/openid-configuration`,
          ]);
        }
      }),
    );
  });

  it('protected-resource metadata: path-suffixed (query kept) then root, or only the root for a bare origin', () => {
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 3 }), fc.boolean(), fc.option(segment, { nil: undefined }), (segments, slash, q) => {
        const path = segments.length > 0 ? `/${segments.join('/')}${slash ? '/' : ''}` : '';
        const query = q ? `?tenant=${q}` : '';
        const urls = protectedResourceMetadataUrls(new URL(`https://mcp.example.com${path}${query}`)).map((c) => c.url);
        const root = 'https://mcp.example.com/.well-known/oauth-protected-resource';
        if (segments.length === 0) expect(urls).toEqual([`${root}${query}`]);
        else expect(urls).toEqual([`${root}/${segments.join('/')}${query}`, root]);
      }),
    );
  });
});
