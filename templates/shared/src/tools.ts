import { McpServer, type CallToolResult } from '@modelcontextprotocol/server';
import * as z from 'zod';
import { text, TOOLS_CACHE } from './results.js';
import { UpstreamError, type Rates, type Upstream } from './upstream.js';

const currency = (what: string) => z.string().length(3).describe(`ISO 4217 code ${what}, e.g. "EUR"`);

/** The connector's tools, answered through the upstream API with the server's own credential. */
export function createMcpServer(name: string, version: string, upstream: Upstream): McpServer {
  const server = new McpServer({ name, version }, { cacheHints: TOOLS_CACHE });

  server.registerTool(
    'get_exchange_rate',
    {
      title: 'Get exchange rate',
      description: 'Units of a currency per US dollar, from the upstream rates API.',
      inputSchema: z.object({ currency: currency('of the currency') }),
      annotations: { title: 'Get exchange rate', readOnlyHint: true, openWorldHint: true },
    },
    ({ currency }) =>
      withRates(upstream, (table) => {
        const rate = perUsd(table, currency);
        return rate === undefined ? unknownCurrency(table, currency) : text(`1 USD = ${rate} ${currency.toUpperCase()} (rates of ${table.date})`);
      }),
  );

  server.registerTool(
    'convert_currency',
    {
      title: 'Convert currency',
      description: 'Converts an amount between two currencies at the upstream rates.',
      inputSchema: z.object({ amount: z.number().describe('Amount to convert'), from: currency('to convert from'), to: currency('to convert to') }),
      annotations: { title: 'Convert currency', readOnlyHint: true, openWorldHint: true },
    },
    ({ amount, from, to }) =>
      withRates(upstream, (table) => {
        const [a, b] = [perUsd(table, from), perUsd(table, to)];
        if (a === undefined) return unknownCurrency(table, from);
        if (b === undefined) return unknownCurrency(table, to);
        return text(`${amount} ${from.toUpperCase()} = ${((amount / a) * b).toFixed(2)} ${to.toUpperCase()} (rates of ${table.date})`);
      }),
  );

  return server;
}

/**
 * Answers from the latest rates. An upstream failure becomes a tool error Claude can relay
 * (`isError`), and a log line for whoever runs the server; neither can contain the key.
 */
async function withRates(upstream: Upstream, answer: (rates: Rates) => CallToolResult): Promise<CallToolResult> {
  let rates: Rates;
  try {
    rates = await upstream.latest();
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    console.error(`upstream: ${error.message}`);
    return text(error.message, true);
  }
  return answer(rates);
}

/** Units of `code` per US dollar, whatever base the upstream answered in. */
function perUsd({ rates }: Rates, code: string): number | undefined {
  const rate = rates[code.toUpperCase()];
  const usd = rates.USD;
  return rate === undefined || usd === undefined ? undefined : rate / usd;
}

function unknownCurrency({ rates }: Rates, code: string): CallToolResult {
  return text(`Unknown currency "${code}". Known: ${Object.keys(rates).sort().join(', ')}.`, true);
}
