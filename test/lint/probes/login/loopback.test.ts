import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { startLoopback } from '../../../../src/lint/probes/login/loopback.js';

/** Whether anything accepts a TCP connection on 127.0.0.1:port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

describe('the loopback listener of --login', () => {
  it('takes Claude Code\'s redirect URI shape, hands over the callback query and answers the browser with a page', async () => {
    const listener = await startLoopback();
    try {
      expect(listener.redirectUri).toBe(`http://localhost:${listener.port}/callback`);
      const waiting = listener.callback(5_000);
      const page = fetch(`http://127.0.0.1:${listener.port}/callback?code=c&state=s`);
      const outcome = await waiting;
      expect(outcome.kind).toBe('callback');
      if (outcome.kind !== 'callback') return;
      // The URL keeps the port: the token request sends the redirect URI back exactly.
      expect(`${outcome.url.origin}${outcome.url.pathname}`).toBe(listener.redirectUri);
      expect(outcome.url.searchParams.get('code')).toBe('c');
      listener.answer(false, 'Denied <script>');
      const res = await page;
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain('Sign-in failed');
      expect(html).toContain('Denied &#60;script&#62;');
    } finally {
      await listener.close();
    }
  });

  it('answers other paths 404 and keeps waiting', async () => {
    const listener = await startLoopback();
    try {
      const waiting = listener.callback(5_000);
      expect((await fetch(`http://127.0.0.1:${listener.port}/favicon.ico`)).status).toBe(404);
      const page = fetch(`http://127.0.0.1:${listener.port}/callback?error=access_denied`);
      expect((await waiting).kind).toBe('callback');
      listener.answer(true, 'ok');
      expect((await page).status).toBe(200);
    } finally {
      await listener.close();
    }
  });

  it('ends on the timeout and on an abort, and leaves nothing listening once closed', async () => {
    const listener = await startLoopback();
    expect(await listening(listener.port)).toBe(true);
    expect(await listener.callback(50)).toEqual({ kind: 'timeout' });
    const abort = new AbortController();
    const waiting = listener.callback(5_000, abort.signal);
    abort.abort();
    expect(await waiting).toEqual({ kind: 'aborted' });
    await listener.close();
    expect(await listening(listener.port)).toBe(false);
  });
});
