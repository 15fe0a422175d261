import { defineRule } from '../../judgement/define.js';

export default defineRule({
  id: 'auth-mode-consistent',
  meta: {
    description: 'The declared authentication (`--auth`, connector.json `auth`) matches what the server does',
    subject: 'config',
    severity: 'error',
    spec: ['Claude docs: Authentication for connectors'],
    fix: 'Make connector.json `auth` (or `--auth`) say what the server does: `oauth` when it answers 401 and signs users in, `none` or `shared` when it serves everyone without credentials.',
  },
  requires: ['mcpServer'],
  check({ mcpServer: mcp }, ctx) {
    const declared = ctx.target.auth?.declared;
    const observed = mcp.observedMode;
    if (mcp.initialize.failure) return;
    if (!declared) {
      ctx.report({
        severity: 'info',
        message: observed === 'unknown' ? 'No `auth` declared, and the server\'s answers do not show its mode.' : `No \`auth\` declared; inferred ${observed === 'none' ? '`none` (or `shared`)' : `\`${observed}\``} from the server's answers.`,
        data: { inferred: observed },
      });
      return;
    }
    const evidence = [mcp.initialize.exchangeId];
    if (declared === 'oauth' && observed === 'none') {
      ctx.report({
        message: 'Declared `oauth`, but the server answered `initialize` without credentials: anyone can use it, and Claude will never sign users in.',
        data: { declared, observed },
        evidence,
      });
    } else if (declared !== 'oauth' && observed === 'oauth') {
      ctx.report({
        message: `Declared \`${declared}\`, but the server answered 401: Claude will start an OAuth sign-in.`,
        data: { declared, observed },
        evidence,
      });
    }
  },
});
