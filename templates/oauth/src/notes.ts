import type { User } from './tokens.js';

/** One user's notes, numbered from 1: ids say nothing about anyone else's. */
interface Notebook {
  nextId: number;
  notes: Map<number, string>;
}

/**
 * Notes kept per signed-in user, in memory (use your database). The key is the issuer and the
 * subject together: `sub` is unique only within its issuer, and a store that outlives a change of
 * OAUTH_ISSUER (a new tenant, a migration) must not hand one user's notes to another's `sub`.
 */
export class NotesStore {
  readonly #byUser = new Map<string, Notebook>();

  #notebook(user: User): Notebook {
    const key = JSON.stringify([user.issuer, user.subject]);
    let notebook = this.#byUser.get(key);
    if (!notebook) this.#byUser.set(key, (notebook = { nextId: 1, notes: new Map() }));
    return notebook;
  }

  list(user: User): [number, string][] {
    return [...this.#notebook(user).notes];
  }

  add(user: User, note: string): number {
    const notebook = this.#notebook(user);
    const id = notebook.nextId++;
    notebook.notes.set(id, note);
    return id;
  }

  delete(user: User, id: number): boolean {
    return this.#notebook(user).notes.delete(id);
  }
}
