import http from 'node:http';
import { sendJson } from '../src/http.js';
import { listen } from './harness.js';

/** How the stand-in rates API answers the next requests: the rates, or one way of failing. */
export type RatesAnswer = 'rates' | 401 | 403 | 429 | 500 | 'slow' | 'redirect' | 'not-json';

export interface RatesApi {
  /** What UPSTREAM_URL is set to: the API lives under a path, as APILayer's does. */
  url: string;
  answer: RatesAnswer;
  /** Every request received: its target (path and query) and the `apikey` header. */
  requests: { target: string; apikey?: string }[];
  stop(): Promise<void>;
}

const RATES = { base: 'USD', date: '2026-07-28', rates: { USD: 1, EUR: 0.92, GBP: 0.79, JPY: 151.3, CHF: 0.88 } };

/**
 * A rates API on 127.0.0.1 standing in for the real one: it answers `GET /exchangerates_data/latest?base=USD`
 * only to a request carrying `key` in the `apikey` header, as APILayer does, and fails on demand.
 */
export async function startRatesApi(key: string): Promise<RatesApi> {
  const api: RatesApi = { url: '', answer: 'rates', requests: [], stop: async () => undefined };
  const server = http.createServer((req, res) => {
    const apikey = req.headers.apikey as string | undefined;
    api.requests.push({ target: req.url ?? '', apikey });
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => sendJson(res, status, body, headers);
    if (apikey !== key) return json(401, { message: 'No API key found in request' });
    if (req.url !== '/exchangerates_data/latest?base=USD') return json(404, { message: 'no route' });
    switch (api.answer) {
      case 'rates':
        return json(200, { success: true, ...RATES });
      case 'slow':
        // Never answers: the connector's own timeout has to end the call (`stop` closes the socket).
        return;
      case 'redirect':
        return res.writeHead(302, { location: '/elsewhere/latest?base=USD' }).end();
      case 'not-json':
        return res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Maintenance</h1>');
      default:
        return json(api.answer, { message: 'failing on purpose' }, api.answer === 429 ? { 'retry-after': '30' } : {});
    }
  });
  const { url, stop } = await listen(server);
  api.url = `${url.origin}/exchangerates_data`;
  api.stop = stop;
  return api;
}
