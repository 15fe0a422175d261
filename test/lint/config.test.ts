import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonSyntaxProblem, readConnectorConfig } from '../../src/lint/config.js';
import { lint } from '../helpers/run.js';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function configFile(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'connector-json-'));
  dirs.push(dir);
  const path = join(dir, 'connector.json');
  await writeFile(path, text);
  return path;
}

/** Lints with a connector.json holding `text`; returns the first stderr line after the exit-2 checks. */
async function refused(text: string): Promise<string> {
  const result = await lint(['--config', await configFile(text)]);
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).not.toMatch(/\n\s+at /);
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(2);
  return lines[0] as string;
}

describe('a broken connector.json names the line and column', () => {
  // The positions are computed by connector-lint, not read from JSON.parse, whose wording differs
  // between Node versions: these hold on Node 20, 22 and 24 alike.
  it.each([
    ['a trailing comma', '{\n  "name": "demo",\n  "url": "https://mcp.example.com/mcp",\n}\n', 'unexpected `,` at line 3, column 39 (a trailing comma? JSON allows none)'],
    ['a trailing comma in an array', '{\n  "url": "https://mcp.example.com/mcp",\n  "lint": { "rules": {}, "x": [1, 2,] }\n}', 'unexpected `,` at line 3, column 36 (a trailing comma? JSON allows none)'],
    ['a trailing comma, CRLF line endings', '{\r\n  "url": "https://mcp.example.com/mcp",\r\n}\r\n', 'unexpected `,` at line 2, column 39 (a trailing comma? JSON allows none)'],
    ['a // comment', '{\n  // the production server\n  "url": "https://mcp.example.com/mcp"\n}\n', 'unexpected `/` at line 2, column 3 (a comment? JSON allows none)'],
    ['a /* */ comment', '{\n  "url": /* prod */ "https://mcp.example.com/mcp"\n}\n', 'unexpected `/` at line 2, column 10 (a comment? JSON allows none)'],
    ['a missing closing quote', '{\n  "url": "https://mcp.example.com/mcp,\n  "auth": "oauth"\n}\n', 'unexpected end of line at line 2, column 39 (a missing closing `"`?)'],
    ['a missing opening quote', '{\n  "url": https://mcp.example.com/mcp"\n}\n', 'unexpected `h` at line 2, column 10; expected a value (a string without its opening `"`?)'],
    ['a missing comma', '{\n  "url": "https://mcp.example.com/mcp"\n  "auth": "oauth"\n}\n', 'unexpected `"` at line 3, column 3; expected `,` or `}` (a missing `,` before it?)'],
    ['single quotes', "{\n  'url': 'https://mcp.example.com/mcp'\n}\n", "unexpected `'` at line 2, column 3 (JSON strings take double quotes)"],
    ['an unquoted key', '{\n  url: "https://mcp.example.com/mcp"\n}\n', 'unexpected `u` at line 2, column 3; expected a property name in double quotes'],
    ['a Windows path', '{ "url": "https://mcp.example.com/mcp", "name": "C:\\demo" }', 'unexpected `\\` at line 1, column 52 (a backslash in a string is written `\\\\`)'],
    ['no closing brace', '{\n  "url": "https://mcp.example.com/mcp"\n', 'unexpected end of file at line 3, column 1; expected `,` or `}` (a missing `}` or `]`?)'],
    ['an empty file', '', 'unexpected end of file at line 1, column 1; expected a JSON object (the file is empty)'],
    ['non-ASCII before the error', '{ "name": "Café ☕", }', 'unexpected `,` at line 1, column 19 (a trailing comma? JSON allows none)'],
  ])('%s', async (_, text, problem) => {
    expect(await refused(text)).toMatch(new RegExp(`^connector-lint: \`[^\`]*connector\\.json\` is not valid JSON: ${escape(problem)}$`));
  });

  it('accepts a UTF-8 byte order mark at the start, as editors on Windows write it', async () => {
    const path = await configFile('\uFEFF{\n  "url": "https://mcp.example.com/mcp",\n  "auth": "oauth"\n}\n');
    const { config, configFile: read } = await readConnectorConfig(path, process.cwd());
    expect(config).toEqual({ url: 'https://mcp.example.com/mcp', auth: 'oauth' });
    expect(read.text.startsWith('{')).toBe(true);
  });

  it('still says which line is wrong after a byte order mark', async () => {
    expect(await refused('\uFEFF{\n  "url": "https://mcp.example.com/mcp",\n}\n')).toContain('at line 2, column 39 (a trailing comma?');
  });
});

describe('a connector.json value of the wrong kind names the key, what it holds, and where', () => {
  it.each([
    ['`register` as a string', '{\n  "url": "https://mcp.example.com/mcp",\n  "register": "yes"\n}\n', '`register` must be true or false, found the string `"yes"` at line 3, column 15'],
    ['`register` as a number', '{ "url": "https://mcp.example.com/mcp", "register": 1 }', '`register` must be true or false, found the number `1` at line 1, column 53'],
    ['`cimdClientId` as a number', '{\n  "url": "https://mcp.example.com/mcp",\n  "cimdClientId": 42\n}\n', '`cimdClientId` must be a string, found the number `42` at line 3, column 19'],
    ['`cimdClientId` as an object', '{\n  "cimdClientId": { "url": "https://app.example.com/client.json" }\n}\n', '`cimdClientId` must be a string, found an object at line 2, column 19'],
    ['`url` as null', '{\r\n  "url": null\r\n}\r\n', '`url` must be a string, found `null` at line 2, column 10'],
    ['`auth` out of its values', '{ "auth": "basic" }', '`auth` must be one of "none", "shared", "oauth", found the string `"basic"` at line 1, column 11'],
    ['`lint.strict` as a string', '{\n  "lint": {\n    "strict": "true"\n  }\n}\n', '`lint.strict` must be true or false, found the string `"true"` at line 3, column 15'],
    ['`lint.rules.<id>` as an array', '{ "lint": { "rules": { "pkce-s256-advertised": ["off"] } } }', '`lint.rules.pkce-s256-advertised` must be a string, found an array at line 1, column 48'],
    ['the last of a repeated key, as JSON.parse reads it', '{\n  "register": true,\n  "register": "no"\n}\n', '`register` must be true or false, found the string `"no"` at line 3, column 15'],
  ])('%s', async (_, text, problem) => {
    expect(await refused(text)).toMatch(new RegExp(`^connector-lint: \`[^\`]*connector\\.json\`: ${escape(problem)}$`));
  });
});

describe('connector.json `register` and `cimdClientId`', () => {
  it('reads them as written', async () => {
    const path = await configFile('{\n  "url": "https://mcp.example.com/mcp",\n  "register": true,\n  "cimdClientId": "https://app.example.com/oauth/client.json"\n}\n');
    const { config } = await readConnectorConfig(path, process.cwd());
    expect(config).toEqual({ url: 'https://mcp.example.com/mcp', register: true, cimdClientId: 'https://app.example.com/oauth/client.json' });
  });

  it('names both in the allowed keys of an unknown key', async () => {
    const result = await lint(['--config', await configFile('{ "regster": true }')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('hint: allowed keys: name, url, issuer, clientId, cimdClientId, auth, register, lint.');
  });
});

describe('connector.json `login`', () => {
  it('is refused with exit 2: a sign-in needs a person, CI uses CONNECTOR_ACCESS_TOKEN', async () => {
    const result = await lint(['--config', await configFile('{ "url": "https://mcp.example.com/mcp", "login": true }')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('`login` is not a connector.json key: signing in needs a person');
    expect(result.stderr).toContain('hint: pass `--login` on the command line; in CI, set CONNECTOR_ACCESS_TOKEN instead.');
  });
});

describe('a connector.json without a target', () => {
  it('says to add `url`, naming the file', async () => {
    const path = await configFile('{\n  "name": "demo",\n  "auth": "oauth"\n}\n');
    const result = await lint(['--config', path]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `connector-lint: \`${path}\` has no \`url\`\nhint: add "url": "https://your-server.example.com/mcp", or pass the MCP server URL. Run \`connector-lint --help\` for usage.\n`,
    );
  });
});

describe('jsonSyntaxProblem, property-based', () => {
  // Valid JSON with one character inserted or removed: mostly invalid, sometimes still valid.
  const significant = fc.constantFrom(...'{}[],:"\'\\/ \n\t0-.eEtfnu'.split(''));
  const edited = fc.tuple(fc.json({ maxDepth: 3 }), fc.nat(), significant, fc.boolean()).map(([json, at, ch, insert]) => {
    const i = json.length === 0 ? 0 : at % (json.length + 1);
    return insert ? json.slice(0, i) + ch + json.slice(i) : json.slice(0, i) + json.slice(i + 1);
  });

  it('finds a problem exactly when JSON.parse throws, at an offset inside the text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json({ maxDepth: 3 }), edited), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        const problem = jsonSyntaxProblem(text);
        expect(problem === undefined).toBe(valid);
        if (problem) expect(problem.offset).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 2000 },
    );
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
