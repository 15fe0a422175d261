import { McpServer } from '@modelcontextprotocol/server';
import * as z from 'zod';
import type { NotesStore } from './notes.js';
import { text, TOOLS_CACHE } from './results.js';
import type { User } from './tokens.js';

/**
 * The connector's tools for one request by one signed-in user. The user comes from the verified
 * token, never from tool arguments, so no one can name another user's notes.
 */
export function createMcpServer(name: string, version: string, store: NotesStore, user: User): McpServer {
  const server = new McpServer({ name, version }, { cacheHints: TOOLS_CACHE });

  server.registerTool(
    'list_notes',
    {
      title: 'List my notes',
      description: "Lists the signed-in user's notes.",
      annotations: { title: 'List my notes', readOnlyHint: true, openWorldHint: false },
    },
    async () => text(store.list(user).map(([id, note]) => `${id}: ${note}`).join('\n') || '(no notes yet)'),
  );

  server.registerTool(
    'add_note',
    {
      title: 'Add a note',
      description: 'Saves a note for the signed-in user.',
      inputSchema: z.object({ note: z.string().min(1).max(2000).describe('The text to save') }),
      annotations: { title: 'Add a note', readOnlyHint: false, destructiveHint: false, openWorldHint: false },
    },
    async ({ note }) => text(`Saved note ${store.add(user, note)}.`),
  );

  server.registerTool(
    'delete_note',
    {
      title: 'Delete a note',
      description: "Deletes one of the signed-in user's notes by id.",
      inputSchema: z.object({ id: z.number().int().describe('The note id, from list_notes') }),
      annotations: { title: 'Delete a note', readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    },
    async ({ id }) => (store.delete(user, id) ? text(`Deleted note ${id}.`) : text(`You have no note ${id}.`, true)),
  );

  return server;
}
