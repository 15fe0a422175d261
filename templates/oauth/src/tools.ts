import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod';

function text(value: string, isError = false) {
  return { content: [{ type: 'text' as const, text: value }], ...(isError ? { isError: true } : {}) };
}

/** Notes kept per signed-in user (in memory; use your database). One user never sees another's. */
export class NotesStore {
  readonly #byUser = new Map<string, Map<number, string>>();
  #nextId = 1;

  of(user: string): Map<number, string> {
    let notes = this.#byUser.get(user);
    if (!notes) this.#byUser.set(user, (notes = new Map()));
    return notes;
  }

  add(user: string, note: string): number {
    const id = this.#nextId++;
    this.of(user).set(id, note);
    return id;
  }
}

/** The signed-in user: the `sub` of the verified access token. */
function userOf(authInfo: AuthInfo | undefined): string {
  const sub = authInfo?.extra?.sub;
  if (typeof sub !== 'string' || !sub) throw new Error('No signed-in user: the HTTP layer must verify the token first.');
  return sub;
}

/** The connector's tools; each reads the user from the verified token (`extra.authInfo`). */
export function createMcpServer(name: string, version: string, store: NotesStore): McpServer {
  const server = new McpServer({ name, version });

  server.registerTool(
    'list_notes',
    {
      title: 'List my notes',
      description: "Lists the signed-in user's notes.",
      annotations: { title: 'List my notes', readOnlyHint: true, openWorldHint: false },
    },
    async (extra) => {
      const notes = [...store.of(userOf(extra.authInfo))];
      return text(notes.map(([id, note]) => `${id}: ${note}`).join('\n') || '(no notes yet)');
    },
  );

  server.registerTool(
    'add_note',
    {
      title: 'Add a note',
      description: 'Saves a note for the signed-in user.',
      inputSchema: { note: z.string().min(1).max(2000).describe('The text to save') },
      annotations: { title: 'Add a note', readOnlyHint: false, destructiveHint: false, openWorldHint: false },
    },
    async ({ note }, extra) => text(`Saved note ${store.add(userOf(extra.authInfo), note)}.`),
  );

  server.registerTool(
    'delete_note',
    {
      title: 'Delete a note',
      description: "Deletes one of the signed-in user's notes by id.",
      inputSchema: { id: z.number().int().describe('The note id, from list_notes') },
      annotations: { title: 'Delete a note', readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    },
    async ({ id }, extra) => (store.of(userOf(extra.authInfo)).delete(id) ? text(`Deleted note ${id}.`) : text(`You have no note ${id}.`, true)),
  );

  return server;
}
