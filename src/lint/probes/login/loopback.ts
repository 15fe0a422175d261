import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { callbackUri } from '../../judgement/callbacks.js';
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

const listen = (server: http.Server, port: number, host: string) =>
  new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
    server.once('error', resolve).listen(port, host, () => resolve(undefined));
  });

const closeAll = (servers: http.Server[]) =>
  Promise.all(
    servers.map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  ).then(() => undefined);

/**
 * An ephemeral port of 127.0.0.1 that is also this process's on ::1 (a browser may resolve
 * `localhost` to either): a port another process holds on ::1 is given up for another, so no
 * other program can receive the callback. Without IPv6 on the machine, 127.0.0.1 alone.
 */
async function listenOnBoth(handler: http.RequestListener): Promise<http.Server[]> {
  for (let attempt = 0; ; attempt++) {
    const v4 = http.createServer(handler);
    const failed = await listen(v4, 0, '127.0.0.1');
    if (failed) throw failed;
    const { port } = v4.address() as AddressInfo;
    const v6 = http.createServer(handler);
    const v6Failed = await listen(v6, port, '::1');
    if (!v6Failed) return [v4, v6];
    if (v6Failed.code !== 'EADDRINUSE') return [v4];
    await closeAll([v4]);
    if (attempt >= 10) throw new Error('no port is free on both 127.0.0.1 and ::1 for the loopback callback');
  }
}

const escapeHtml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(ok: boolean, text: string): string {
  const title = ok ? 'Signed in' : 'Sign-in failed';
  return `<!DOCTYPE html><html lang="en"><meta charset="utf-8"><title>connector-lint: ${title}</title><body style="font-family:system-ui,sans-serif;max-width:40em;margin:4em auto"><h1>${title}</h1><p>${escapeHtml(text)}</p><p>You can close this tab and go back to the terminal.</p></body></html>`;
}

/**
 * Listens on an ephemeral loopback port (see `listenOnBoth`). The response to the callback waits for
 * {@link LoopbackListener.answer}, so the page tells how the code exchange went.
 */
export async function startLoopback(): Promise<LoopbackListener> {
  let pending: http.ServerResponse | undefined;
  let arrived: ((url: URL) => void) | undefined;
  let redirectUri = '';
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const target = req.url ?? '/';
    const query = target.indexOf('?');
    const path = query === -1 ? target : target.slice(0, query);
    if (path !== LOOPBACK_CALLBACK_PATH || !arrived || req.method !== 'GET') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    pending = res;
    const deliver = arrived;
    arrived = undefined;
    // The redirect URI itself with the query the browser brought: the token request sends it back exactly.
    deliver(new URL(`${redirectUri}${query === -1 ? '' : target.slice(query)}`));
  };
  const servers = await listenOnBoth(handler);
  const { port } = servers[0]?.address() as AddressInfo;
  redirectUri = callbackUri('loopback-localhost', port);
  return {
    redirectUri,
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
    close: () => closeAll(servers),
  };
}
