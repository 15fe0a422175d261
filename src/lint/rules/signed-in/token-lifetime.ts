import { defineRule } from '../../judgement/define.js';
import { signedInToken } from '../../judgement/signed-in.js';

const human = (seconds: number) => (seconds >= 3600 && seconds % 3600 === 0 ? `${seconds / 3600} h` : seconds >= 60 ? `${Math.round(seconds / 60)} min` : `${seconds} s`);

export default defineRule({
  id: 'token-lifetime',
  meta: {
    description: 'How long the access token lives, as the IdP issued it',
    subject: 'idp',
    severity: 'info',
    spec: ['RFC 6749 §5.1 (`expires_in`)', 'RFC 9068 §2.2 (`exp`, `iat`)'],
    fix: 'Nothing is wrong: this says how often Claude will refresh. Very short tokens without a refresh token mean frequent sign-ins; very long ones stay usable long after a user is removed.',
  },
  requires: ['login'],
  check({ login }, ctx) {
    const token = signedInToken(login, ctx);
    if (!token) return;
    const seconds = token.expiresIn ?? token.lifetimeSeconds;
    ctx.report({
      message:
        seconds === undefined
          ? 'The token response gave no `expires_in` and the token no `exp`: Claude learns it has expired from a 401.'
          : `The access token lives ${human(seconds)} (${token.expiresIn !== undefined ? '`expires_in`' : '`exp` − `iat`'}: ${seconds} s)${token.refreshToken ? ', with a refresh token' : ', without a refresh token'}.`,
      data: seconds === undefined ? {} : { seconds },
      evidence: login.exchangeIds,
    });
  },
});
