import { format } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Upstream } from '../src/upstream.js';
import { connect, ERAS, freePort, resultText, type TestClient } from './harness.js';
import type { RatesAnswer } from './rates-api.js';
import { startConnector, TEST_TIMEOUT_MS, UPSTREAM_KEY } from './start.js';

let connector: Awaited<ReturnType<typeof startConnector>>;
// Everything the server logs, as the console would print it, to prove the key never reaches a log line.
const logged: string[] = [];
beforeAll(async () => {
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(format(...args)));
  }
  connector = await startConnector();
});
afterAll(async () => {
  await connector.stop();
  vi.restoreAllMocks();
});
afterEach(() => {
  connector.rates.answer = 'rates';
});

/** A valid call of each tool. */
const TOOL_CALLS = [
  ['get_exchange_rate', { currency: 'EUR' }],
  ['convert_currency', { amount: 1, from: 'EUR', to: 'GBP' }],
] as const;

/** Calls a tool and checks that neither its result nor anything logged so far shows the key. */
async function call(client: TestClient, name: string, args: Readonly<Record<string, unknown>>): Promise<{ text: string; isError: boolean }> {
  const result = await client.callTool({ name, arguments: args });
  expect(JSON.stringify(result)).not.toContain(UPSTREAM_KEY);
  expect(logged.join('\n')).not.toContain(UPSTREAM_KEY);
  return { text: resultText(result), isError: result.isError === true };
}

describe.each(ERAS)('on the %s era', (era) => {
  let client: TestClient;
  beforeAll(async () => {
    client = await connect(era, connector.url);
  });
  afterAll(() => client.close());

  it('get_exchange_rate answers from the rates API', async () => {
    expect(await call(client, 'get_exchange_rate', { currency: 'eur' })).toEqual({ text: '1 USD = 0.92 EUR (rates of 2026-07-28)', isError: false });
  });

  it('convert_currency converts between two currencies, neither of them the dollar', async () => {
    expect(await call(client, 'convert_currency', { amount: 100, from: 'EUR', to: 'GBP' })).toEqual({ text: '100 EUR = 85.87 GBP (rates of 2026-07-28)', isError: false });
  });

  it('an unknown currency is a tool error that lists the known ones', async () => {
    const result = await call(client, 'convert_currency', { amount: 1, from: 'USD', to: 'XXX' });
    expect(result).toEqual({ text: 'Unknown currency "XXX". Known: CHF, EUR, GBP, JPY, USD.', isError: true });
  });

  it.each<[RatesAnswer, string]>([
    [401, 'The rates service refused the API key (401): check UPSTREAM_API_KEY.'],
    [403, 'The rates service refused the API key (403): check UPSTREAM_API_KEY.'],
    [429, 'The rates service is rate-limiting this connector (429): try again in 30 s'],
    [500, 'The rates service failed (500): try again later.'],
    ['slow', `The rates service did not answer within ${TEST_TIMEOUT_MS / 1000} s: try again later.`],
    ['redirect', 'The rates service redirected (302) instead of answering'],
    ['not-json', 'The rates service answered without a rates table'],
  ])('an upstream answering %s is a tool error saying what to do, also logged', async (answer, message) => {
    connector.rates.answer = answer;
    for (const [name, args] of TOOL_CALLS) {
      expect(await call(client, name, args)).toEqual({ text: expect.stringContaining(message), isError: true });
    }
    expect(logged.at(-1)).toContain(message);
  });
});

describe('the upstream key', () => {
  it('reaches the rates API in the apikey header only, never in the URL', async () => {
    connector.rates.requests = [];
    const client = await connect('legacy', connector.url);
    await call(client, 'get_exchange_rate', { currency: 'EUR' });
    await client.close();
    expect(connector.rates.requests).toEqual([{ target: '/exchangerates_data/latest?base=USD', apikey: UPSTREAM_KEY }]);
  });

  it('is not carried to another address by a redirect: the redirect is not followed', async () => {
    connector.rates.requests = [];
    connector.rates.answer = 'redirect';
    const client = await connect('legacy', connector.url);
    await call(client, 'get_exchange_rate', { currency: 'EUR' });
    await client.close();
    expect(connector.rates.requests.map((r) => r.target)).toEqual(['/exchangerates_data/latest?base=USD']);
  });

  it('is in no error when the rates API cannot be reached, which names the cause and UPSTREAM_URL', async () => {
    const error = await new Upstream({ url: `http://127.0.0.1:${await freePort()}`, apiKey: UPSTREAM_KEY }).latest().catch((e: unknown) => e);
    expect(String(error)).toMatch(/Cannot reach the rates service \(ECONNREFUSED\): check UPSTREAM_URL/);
    expect(String(error)).not.toContain(UPSTREAM_KEY);
  });
});

describe('startup', () => {
  it('refuses to start without UPSTREAM_API_KEY, saying what to do', () => {
    for (const apiKey of ['', 'replace-me']) expect(() => new Upstream({ url: 'https://rates.example', apiKey })).toThrow(/UPSTREAM_API_KEY is not set/);
  });

  it('refuses a key an HTTP header cannot carry, without quoting it', () => {
    expect(() => new Upstream({ url: 'https://rates.example', apiKey: 'pasted key\n' })).toThrow(
      /^UPSTREAM_API_KEY has characters an HTTP header cannot carry \(spaces, line breaks, non-ASCII\): copy it again\.$/,
    );
  });

  it('refuses to send the key over plain http to another machine', () => {
    expect(() => new Upstream({ url: 'http://rates.example', apiKey: UPSTREAM_KEY })).toThrow(/UPSTREAM_URL must be an https URL/);
    expect(() => new Upstream({ url: 'not a url', apiKey: UPSTREAM_KEY })).toThrow(/UPSTREAM_URL is not a URL/);
  });
});
