import { spawn } from 'node:child_process';

/**
 * The command that opens a URL: `BROWSER` when set (run with the URL appended as its last
 * argument), else the platform's opener.
 */
export function browserCommand(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform, url: string): [string, string[]] {
  if (env.BROWSER) return [env.BROWSER, [url]];
  if (platform === 'darwin') return ['open', [url]];
  // `start` is a cmd built-in; its first quoted argument is a window title.
  if (platform === 'win32') return ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]];
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
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore', env: { ...process.env, ...env } as NodeJS.ProcessEnv });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // A BROWSER that cannot be spawned at all: the printed URL is the way in.
  }
}
