import * as commander from 'commander';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { program as createProgram } from '../../src/create/cli.js';
import { program as lintProgram } from '../../src/lint/cli.js';
import type { Command } from '../../src/shared/command.js';
import type { Io } from '../../src/shared/io.js';

/** What parsing `argv` gave: the options and operands, or the error; and what was written. */
async function outcome(parse: (io: Io) => Promise<{ opts: object; args: string[] }>): Promise<unknown> {
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env: {}, cwd: '/' };
  try {
    return { ...(await parse(io)), stdout, stderr };
  } catch (error) {
    const { code, exitCode, message } = error as commander.CommanderError;
    return { code, exitCode, message, stdout, stderr };
  }
}

const ours = (program: (io: Io) => Command, argv: string[]) =>
  outcome(async (io) => {
    const cmd = await program(io).parseAsync(argv, { from: 'user' });
    return { opts: cmd.opts(), args: cmd.args };
  });

const commanders = (program: (io: Io) => Command, argv: string[]) =>
  outcome(async (io) => {
    const cmd = await program(io).commander(commander).parseAsync(argv, { from: 'user' });
    return { opts: cmd.opts(), args: cmd.args };
  });

// Words each program takes, well-formed or not: every flag, values its checks accept and refuse,
// the forms only commander parses (`-yt`, `--`, a value that looks like a flag), and mistakes.
const common = ['--help', '-h', '-V', '--version', '--', '-', '--bogus', '-z', '--help=1', 'app', 'x y', '-1', '--name=', ''];
const PROGRAMS = {
  'create-connector': {
    program: createProgram,
    words: [...common, '-t', '--template', 'oauth', 'public', 'nope', '--template=shared', '-toauth', '--name', 'my-app', '--description', 'a "quoted" one', '--idp', 'auth0', '--idp=okta',
      '--issuer', 'https://auth.example.com/', '--pm', 'pnpm', '--pm=yarn', '--install', '--no-install', '--git', '--no-git', '--overwrite', '--dry-run', '-y', '--yes', '-yt', '--yes=true', '--tempalte'],
  },
  'connector-lint': {
    program: lintProgram,
    words: [...common, 'https://mcp.example.com/mcp', '--auth', 'oauth', 'bad', '--config', 'c.json', '--issuer', '--metadata', 'm.json', '--client-id', 'abc', '--register', '--no-register', '--cimd-client-id',
      '--scope', 'openid', '--resource', '--format', 'json', '--format=sarif', 'xml', '--timeout', '5', '0.001', 'soon', '--rule', 'a=off', '--max-warnings', '3', '-2', '--strict', '--verbose', '--output', 'r.txt', '--list-rules'],
  },
};

describe.each(Object.entries(PROGRAMS))('%s answers as commander does', (_, { program, words }) => {
  it('for any arguments made of its words: options, operands, messages, output', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...words), { maxLength: 7 }), async (argv) => {
        expect(await ours(program, argv), argv.join(' ')).toEqual(await commanders(program, argv));
      }),
      { numRuns: 400 },
    );
  });

  it.each([20, 40, 60, 80, 100, 120, 200])('in its help at %i columns', (width) => {
    const io: Io = { stdout: { write: () => true }, stderr: { write: () => true }, env: {}, cwd: '/' };
    const real = program(io).commander(commander).configureOutput({ getOutHelpWidth: () => width });
    expect(program(io).helpInformation(width)).toBe(real.helpInformation());
  });
});
