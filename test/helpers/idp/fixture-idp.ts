import type http from 'node:http';
import { startFixtureIdp, type Authorize, type FixtureServer } from '../fixture-server.js';
import { lintJson } from '../run.js';
import { CLAUDE_AI, CLAUDE_COM } from './test-idp.js';

/** A sign-in page as an IdP shows it to a request it lets through. */
export const SIGN_IN = '<!DOCTYPE html><title>Sign in</title><form method="post"><input name="username"><input type="password" name="password"></form>';

export const signIn = (res: http.ServerResponse) => res.writeHead(200, { 'content-type': 'text/html' }).end(SIGN_IN);

/** Whether an authorization request names one of hosted Claude's two callbacks. */
export const hosted = (url: URL) => [CLAUDE_AI, CLAUDE_COM].includes(url.searchParams.get('redirect_uri') ?? '');

/** How a fixture answers one authorization request. */
export type Answer = (res: http.ServerResponse) => void;

/**
 * An IdP that answers authorization requests with `before`, behind a limiter that answers `after`
 * from the `allowed`+1-th one on (other paths: the sign-in page).
 */
export function behindLimiter(allowed: number, before: Answer, after: Answer): Authorize {
  let left = allowed;
  return (_req, res, url) => {
    if (url.pathname !== '/authorize') return signIn(res);
    left -= 1;
    return left >= 0 ? before(res) : after(res);
  };
}

/**
 * Lints fixture IdPs, one per scenario, with `--client-id c` unless `args` say otherwise; `close`
 * (for `afterEach`) stops the last one.
 */
export function fixtureIdpLinter() {
  let server: FixtureServer | undefined;
  return {
    async lint(authorize: Authorize, extra: Record<string, unknown> = {}, args: string[] = ['--client-id', 'c']) {
      server = await startFixtureIdp(authorize, extra);
      return lintJson(['--issuer', server.url, ...args]);
    },
    async close() {
      await server?.close();
      server = undefined;
    },
  };
}
