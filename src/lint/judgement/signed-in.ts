import type { RuleContext } from './define.js';
import type { LoginFacts, TokenFacts } from '../types.js';

/** Audiences as a message lists them, each in backticks. */
export const audienceList = (audience: readonly string[]): string => audience.map((a) => `\`${a}\``).join(', ');

/** The token of a completed `--login` sign-in; otherwise the rule is skipped, saying why. */
export function signedInToken(login: LoginFacts, ctx: RuleContext): TokenFacts | undefined {
  if (login.outcome.status === 'completed' && login.token) return login.token;
  ctx.skip('no token: the sign-in did not complete (see `login-completed`)');
  return undefined;
}
