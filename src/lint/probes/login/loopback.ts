import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOOPBACK_CALLBACK_PATH } from '../../judgement/claude.js';

/** What the browser brought back to the loopback redirect URI: its query, or why nothing came. */
export type CallbackOutcome = { kind: 'callback'; url: URL } | { kind: 'timeout' } | { kind: 'aborted' };

/** The RFC 8252 listener Claude Code opens for one sign-in. */
export interface LoopbackListener {
  /** `http://localhost:<port>/callback`, as Claude Code registers and sends it. */
  redirectUri: string;
  port: number;
  /** The first request to the callback path; other paths get 404 and are ignored. */
  callback(timeoutMs: number, signal?: AbortSignal): Promise<CallbackOutcome>;
  /** Shows the person in the browser how the sign-in ended; `ok` picks the wording. */
  answer(ok: boolean, text: string): void;
  /** Stops listening and drops every connection: nothing is left on the port. */
  close(): Promise<void>;
}

const escapeHtml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(ok: boolean, text: string): string {
  const title = ok ? 'Signed in' : 'Sign-in failed';
  return `<!DOCTYPE html><html lang="en"><meta charset="utf-8"><title>connector-lint: ${title}</title><body style="font-family:system-ui,sans-serif;max-width:40em;margin:4em auto"><h1>${title}</h1><p>${escapeHtml(text)}</p><p>You can close this tab and go back to the terminal.</p></body></html>`;
}

/**
 * Listens on an ephemeral port of 127.0.0.1 (and the same port of ::1 where it is free, since a
 * browser may resolve `localhost` to either). The response to the callback waits for
 * {@link LoopbackListener.answer}, so the page tells how the code exchange went.
 */
export async function startLoopback(): Promise<LoopbackListener> {
  let pending: http.ServerResponse | undefined;
  let arrived: ((url: URL) => void) | undefined;
  let base = 'http://localhost';
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    // Resolved against the redirect URI itself: the token request must send it back exactly.
    const url = new URL(req.url ?? '/', base);
    if (url.pathname !== LOOPBACK_CALLBACK_PATH || !arrived || req.method !== 'GET') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    pending = res;
    const deliver = arrived;
    arrived = undefined;
    deliver(url);
  };
  const v4 = http.createServer(handler);
  await new Promise<void>((resolve, reject) => v4.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = v4.address() as AddressInfo;
  base = `http://localhost:${port}`;
  const v6 = http.createServer(handler);
  const servers = [v4];
  await new Promise<void>((resolve) => {
    v6.once('error', () => resolve()).listen(port, '::1', () => {
      servers.push(v6);
      resolve();
    });
  });
  return {
    redirectUri: `http://localhost:${port}${LOOPBACK_CALLBACK_PATH}`,
    port,
    callback(timeoutMs, signal) {
      return new Promise<CallbackOutcome>((resolve) => {
        const finish = (outcome: CallbackOutcome) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          arrived = undefined;
          resolve(outcome);
        };
        const onAbort = () => finish({ kind: 'aborted' });
        const timer = setTimeout(() => finish({ kind: 'timeout' }), timeoutMs);
        if (signal?.aborted) return finish({ kind: 'aborted' });
        signal?.addEventListener('abort', onAbort, { once: true });
        arrived = (url) => finish({ kind: 'callback', url });
      });
    },
    answer(ok, text) {
      pending?.writeHead(ok ? 200 : 400, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page(ok, text));
      pending = undefined;
    },
    close: () =>
      Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.closeAllConnections();
              server.close(() => resolve());
            }),
        ),
      ).then(() => undefined),
  };
}
