import type { HttpClient } from '../../transport/http.js';

/**
 * Which HTTP client the sign-in's requests go through. The run's own, which Ctrl-C ends at once, so
 * that no new token is requested after an interrupt; but undoing what the sign-in created at the
 * IdP (revoking its tokens, deleting its registered client) must still go out after Ctrl-C, through
 * a client no abort ends.
 */
export class Route {
  private undoing = false;
  private unbound?: HttpClient;

  constructor(
    private readonly http: HttpClient,
    private readonly signal?: AbortSignal,
  ) {}

  /** The client for the next request. */
  via(): HttpClient {
    if (!this.undoing || !this.signal?.aborted) return this.http;
    this.unbound ??= this.http.unbound();
    return this.unbound;
  }

  /** From now on, requests undo: they go out even after Ctrl-C. */
  undo(): void {
    this.undoing = true;
  }

  async close(): Promise<void> {
    await this.unbound?.close();
  }
}
