import { spawn } from 'node:child_process';
import { SECRET_ENV } from '../../transport/redact.js';

/**
 * The command that opens a URL: `BROWSER` when set (run with the URL appended as its last
 * argument), else the platform's opener.
 */
export function browserCommand(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform, url: string): [string, string[]] {
  if (env.BROWSER) return [env.BROWSER, [url]];
  if (platform === 'darwin') return ['open', [url]];
  // `start` is a cmd built-in; its first quoted argument is a window title. Passed verbatim: Node
  // would otherwise escape the quotes.
  if (platform === 'win32') return ['cmd', ['/c', 'start', '""', `"${url}"`]];
  return ['xdg-open', [url]];
}

/**
 * Opens the user's browser at `url` and returns at once: whether the command waits for the browser
 * or not, the lint never waits for it, and a command that is missing or fails changes nothing (the
 * URL is printed for the person to open). The child is detached, so it outlives no part of the lint
 * it should not, and holds nothing open.
 */
export function openBrowser(url: string, env: Readonly<Record<string, string | undefined>>): void {
  const [command, args] = browserCommand(env, process.platform, url);
  // The browser, and whatever it starts, never gets the run's secrets.
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const name of SECRET_ENV) delete childEnv[name];
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore', env: childEnv, windowsHide: true, windowsVerbatimArguments: process.platform === 'win32' });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // A BROWSER that cannot be spawned at all: the printed URL is the way in.
  }
}
