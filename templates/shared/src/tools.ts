import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod';
import type { Upstream } from './upstream.js';

function text(value: string, isError = false) {
  return { content: [{ type: 'text' as const, text: value }], ...(isError ? { isError: true } : {}) };
}

/** The connector's tools, answered through the upstream API with the server's own credential. */
export function createMcpServer(name: string, version: string, upstream: Upstream): McpServer {
  const server = new McpServer({ name, version });

  server.registerTool(
    'get_exchange_rate',
    {
      title: 'Get exchange rate',
      description: 'Units of a currency per US dollar, from the upstream rates API.',
      inputSchema: { currency: z.string().length(3).describe('ISO 4217 code, e.g. "EUR"') },
      annotations: { title: 'Get exchange rate', readOnlyHint: true, openWorldHint: true },
    },
    async ({ currency }) => {
      const rate = await upstream.fetchRate(currency);
      return rate === undefined
        ? text(`Unknown currency "${currency}". Known: ${upstream.currencies().join(', ')}.`, true)
        : text(`1 USD = ${rate} ${currency.toUpperCase()}`);
    },
  );

  server.registerTool(
    'convert_currency',
    {
      title: 'Convert currency',
      description: 'Converts an amount between two currencies at the upstream rates.',
      inputSchema: {
        amount: z.number().describe('Amount to convert'),
        from: z.string().length(3).describe('ISO 4217 code to convert from'),
        to: z.string().length(3).describe('ISO 4217 code to convert to'),
      },
      annotations: { title: 'Convert currency', readOnlyHint: true, openWorldHint: true },
    },
    async ({ amount, from, to }) => {
      const [a, b] = await Promise.all([upstream.fetchRate(from), upstream.fetchRate(to)]);
      if (a === undefined || b === undefined) return text(`Unknown currency. Known: ${upstream.currencies().join(', ')}.`, true);
      return text(`${amount} ${from.toUpperCase()} = ${((amount / a) * b).toFixed(2)} ${to.toUpperCase()}`);
    },
  );

  return server;
}
