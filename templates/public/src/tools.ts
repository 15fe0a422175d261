import { McpServer } from '@modelcontextprotocol/server';
import * as z from 'zod';
import { PARKS } from './data.js';
import { text, TOOLS_CACHE } from './results.js';

/** The connector's tools. Every tool has a title and says whether it only reads or changes data. */
export function createMcpServer(name: string, version: string): McpServer {
  const server = new McpServer({ name, version }, { cacheHints: TOOLS_CACHE });

  server.registerTool(
    'search_parks',
    {
      title: 'Search national parks',
      description: 'Finds national parks (bundled public data) whose name, state or highlights match a query.',
      inputSchema: z.object({ query: z.string().min(1).describe('Words to look for, e.g. "geyser" or "Utah"') }),
      annotations: { title: 'Search national parks', readOnlyHint: true, openWorldHint: false },
    },
    async ({ query }) => {
      const q = query.toLowerCase();
      const hits = PARKS.filter((p) => `${p.name} ${p.state} ${p.highlights.join(' ')}`.toLowerCase().includes(q));
      return hits.length > 0 ? text(hits.map((p) => `${p.id}: ${p.name} (${p.state})`).join('\n')) : text(`No park matches "${query}".`);
    },
  );

  server.registerTool(
    'get_park',
    {
      title: 'Get park details',
      description: 'Details of one national park by its id (from search_parks).',
      inputSchema: z.object({ id: z.string().describe('Park id, e.g. "yell"') }),
      annotations: { title: 'Get park details', readOnlyHint: true, openWorldHint: false },
    },
    async ({ id }) => {
      const park = PARKS.find((p) => p.id === id);
      if (!park) return text(`No park with id "${id}". Use search_parks to find ids.`, true);
      return text(`${park.name} (${park.state}), established ${park.established}. Highlights: ${park.highlights.join(', ')}.`);
    },
  );

  return server;
}
