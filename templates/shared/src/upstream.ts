const RATES: Record<string, number> = { USD: 1, EUR: 0.92, GBP: 0.79, JPY: 151.3, CHF: 0.88 };

/**
 * The upstream API this connector calls with one server-held credential. This example answers from
 * bundled rates so it runs offline; replace `fetchRate` with a real request that sends `apiKey` to the
 * upstream service. The key stays on the server: it is never returned to clients or logged.
 */
export class Upstream {
  readonly #apiKey: string;

  constructor(apiKey: string) {
    if (!apiKey || apiKey === 'replace-me') throw new Error('UPSTREAM_API_KEY is not set: copy .env.example to .env and set it (see README).');
    this.#apiKey = apiKey;
  }

  async fetchRate(currency: string): Promise<number | undefined> {
    return RATES[currency.toUpperCase()];
  }

  currencies(): string[] {
    return Object.keys(RATES);
  }
}
