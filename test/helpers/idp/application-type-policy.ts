import type { IncomingMessage } from 'node:http';

/** An OpenID client type (SEP-837 `application_type`). */
export type ApplicationType = 'web' | 'native';

/** The part of oidc-provider's Koa context the policy reads and answers with. */
export interface RegistrationContext {
  method: string;
  path: string;
  req: IncomingMessage & { body?: Buffer };
  is(type: string): string | false | null;
  status: number;
  body: unknown;
}

/** A Koa middleware for oidc-provider's `provider.use`. */
export type RegistrationMiddleware = (ctx: RegistrationContext, next: () => Promise<void>) => Promise<void>;

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseObject(raw: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(raw.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function refusal(body: Record<string, unknown>, allowed: readonly ApplicationType[]): string | undefined {
  const type = body.application_type;
  if (type === undefined) return `application_type is required (one of ${allowed.join(', ')})`;
  if (!allowed.includes(type as ApplicationType)) return `application_type ${JSON.stringify(type)} is not allowed; register as ${allowed.join(' or ')}`;
  const uris = Array.isArray(body.redirect_uris) ? body.redirect_uris : [];
  if (type === 'web' && uris.some((u) => typeof u !== 'string' || !u.startsWith('https:'))) {
    return 'redirect_uris of application_type "web" clients must use https';
  }
  return undefined;
}

/**
 * Enforces `application_type` at the registration endpoint (`POST /reg`) as a strict OpenID IdP does:
 * a registration must name one of `allowed`, and a `web` client may register only https redirect URIs.
 * A refusal is `400 invalid_client_metadata`; anything else goes on to oidc-provider's own endpoint.
 */
export function applicationTypePolicy(allowed: readonly ApplicationType[]): RegistrationMiddleware {
  return async (ctx, next) => {
    if (ctx.method !== 'POST' || ctx.path !== '/reg' || !ctx.is('application/json')) return next();
    const raw = await readBody(ctx.req);
    // Once the stream is consumed, oidc-provider parses `req.body` instead, so the real endpoint
    // still validates and registers what passes here.
    ctx.req.body = raw;
    const body = parseObject(raw);
    const reason = body && refusal(body, allowed);
    if (reason) {
      ctx.status = 400;
      ctx.body = { error: 'invalid_client_metadata', error_description: reason };
    } else {
      await next();
    }
  };
}
