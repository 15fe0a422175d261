/** One challenge of a `WWW-Authenticate` header (RFC 9110 §11.6.1). */
export interface Challenge {
  /** Lower-cased auth-scheme, e.g. `bearer`. */
  scheme: string;
  /** auth-params with lower-cased names. */
  params: Record<string, string>;
  token68?: string;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+/;
const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*/;

// No maintained npm package parses several challenges with quoted-string escapes (oauth4webapi has
// one, but does not export it), so this follows the RFC 9110 grammar directly:
//   challenge = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
//   auth-param = token BWS "=" BWS ( token / quoted-string )
/**
 * Parses a `WWW-Authenticate` value into its challenges. Returns `undefined` when the value does
 * not follow the grammar, so a caller can tell "no Bearer challenge" from "garbage".
 */
export function parseChallenges(header: string): Challenge[] | undefined {
  const challenges: Challenge[] = [];
  let rest = header.trim();
  let current: Challenge | undefined;
  const skipSpace = () => {
    rest = rest.replace(/^[ \t]+/, '');
  };
  while (rest.length > 0) {
    if (rest.startsWith(',')) {
      rest = rest.slice(1);
      skipSpace();
      continue;
    }
    const name = TOKEN.exec(rest)?.[0];
    if (!name) return undefined;
    const afterName = rest.slice(name.length);
    const param = /^[ \t]*=[ \t]*/.exec(afterName);
    if (current && param && !/^=*[ \t]*(,|$)/.test(afterName)) {
      rest = afterName.slice(param[0].length);
      let value: string;
      if (rest.startsWith('"')) {
        const quoted = /^"((?:[^"\\]|\\.)*)"/.exec(rest);
        if (!quoted) return undefined;
        value = (quoted[1] ?? '').replace(/\\(.)/g, '$1');
        rest = rest.slice(quoted[0].length);
      } else {
        // Leniently, as the MCP SDK's client does: servers send unquoted URLs, which are not tokens.
        const token = /^[^\s,"]+/.exec(rest)?.[0];
        if (!token) return undefined;
        value = token;
        rest = rest.slice(token.length);
      }
      current.params[name.toLowerCase()] = value;
      skipSpace();
      if (rest.length > 0 && !rest.startsWith(',')) return undefined;
      continue;
    }
    // A new challenge: the scheme, then optionally a token68 or the first auth-param.
    current = { scheme: name.toLowerCase(), params: {} };
    challenges.push(current);
    rest = afterName;
    if (/^[ \t]+/.test(rest)) {
      skipSpace();
      const token68 = TOKEN68.exec(rest)?.[0];
      // A token68 stands alone up to a comma; `name=value` is the first auth-param instead.
      if (token68 && /^[ \t]*(,|$)/.test(rest.slice(token68.length))) {
        current.token68 = token68;
        rest = rest.slice(token68.length);
        skipSpace();
      }
    } else if (rest.length > 0 && !rest.startsWith(',')) {
      return undefined;
    }
  }
  return challenges;
}

/**
 * The `Bearer` challenge, wherever it stands: RFC 9110 lets a header (or several header lines,
 * joined with `,`) carry any number of challenges of any scheme, e.g. `DPoP algs="ES256", Bearer …`.
 * Schemes are case-insensitive; {@link parseChallenges} lower-cases them.
 */
export function bearerOf(challenges: readonly Challenge[] | null | undefined): Challenge | undefined {
  return challenges?.find((challenge) => challenge.scheme === 'bearer');
}
