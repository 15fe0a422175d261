/** Loads `.env` when there is one (Node's own loader); the environment wins over the file. */
export function loadDotEnv(): void {
  try {
    process.loadEnvFile('.env');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Settings from the environment, with a clear message for each one that is wrong. */
export function port(env: NodeJS.ProcessEnv): number {
  const value = Number(env.PORT ?? 3000);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}".`);
  return value;
}

/** The interface to listen on: HOST, by default loopback only. */
export function host(env: NodeJS.ProcessEnv): string {
  return env.HOST ?? '127.0.0.1';
}

/** localhost names, plus the host of PUBLIC_URL (a tunnel or your domain) when it is set. */
export function allowedHosts(env: NodeJS.ProcessEnv): string[] {
  const hosts = ['localhost', '127.0.0.1', '::1'];
  if (env.PUBLIC_URL) hosts.push(new URL(env.PUBLIC_URL).hostname.replace(/^\[|\]$/g, '').toLowerCase());
  if (env.ALLOWED_HOSTS) hosts.push(...env.ALLOWED_HOSTS.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean));
  return hosts;
}

/** Whole origins browsers may call from: PUBLIC_URL's, plus ALLOWED_ORIGINS (comma-separated). */
export function allowedOrigins(env: NodeJS.ProcessEnv): string[] {
  const origins: string[] = [];
  if (env.PUBLIC_URL) origins.push(new URL(env.PUBLIC_URL).origin);
  if (env.ALLOWED_ORIGINS) origins.push(...env.ALLOWED_ORIGINS.split(',').map((o) => new URL(o.trim()).origin));
  return origins;
}
