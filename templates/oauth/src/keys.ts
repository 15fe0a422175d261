import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { fetchJson, FetchJsonError } from './fetch-json.js';

type KeySet = ReturnType<typeof createLocalJWKSet>;

/** The issuer's keys cannot be had right now: not the token's fault, so 503 with Retry-After, never 401. */
export class KeysUnavailable extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super("the authorization server's signing keys cannot be fetched right now");
  }
}

export interface IssuerKeysOptions {
  /** How long one JWKS request may take. */
  timeoutMs?: number;
  /**
   * The least time between two JWKS requests, whatever tokens arrive: tokens naming made-up keys
   * cannot make this server hammer the issuer, and a failing issuer is asked again only after it.
   */
  cooldownMs?: number;
  /** How old the keys may get before they are fetched again, in the background (rotation, revocation). */
  maxAgeMs?: number;
}

/**
 * The issuer's JSON Web Key Set, fetched when first needed and kept. Hand-written rather than jose's
 * `createRemoteJWKSet`, which refuses every token once its cache is older than `cacheMaxAge` and
 * a refresh fails, and whose 5xx and non-JSON errors look like a bad token's: here keys already
 * fetched keep verifying through an outage, and any failure to get keys is a `KeysUnavailable`.
 */
export class IssuerKeys {
  readonly #jwksUri: string;
  readonly #timeoutMs: number;
  readonly #cooldownMs: number;
  readonly #maxAgeMs: number;
  #keys?: KeySet;
  #fetchedAt = 0;
  #triedAt = Number.NEGATIVE_INFINITY;
  #lastFailed = false;
  #fetching?: Promise<void>;

  constructor(jwksUri: string, { timeoutMs = 5_000, cooldownMs = 30_000, maxAgeMs = 10 * 60_000 }: IssuerKeysOptions = {}) {
    this.#jwksUri = jwksUri;
    this.#timeoutMs = timeoutMs;
    this.#cooldownMs = cooldownMs;
    this.#maxAgeMs = maxAgeMs;
  }

  /** The key a token names, for jose's `jwtVerify`. */
  readonly getKey: JWTVerifyGetKey = async (header, token) => {
    if (this.#keys && Date.now() - this.#fetchedAt > this.#maxAgeMs && !this.#fetching && !this.#coolingDown()) {
      // Stale keys still verify while fresh ones are fetched; a failure is logged and retried later.
      void this.#fetch();
    }
    const keys = this.#keys ?? (await this.#update());
    try {
      return await keys(header, token);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey)) throw error;
    }
    // A key this server has not seen: the issuer may have rotated it in, or the token made it up.
    return (await this.#update())(header, token);
  };

  /** Fetches the keys again unless that was tried within the cooldown; the keys to use after. */
  async #update(): Promise<KeySet> {
    if (this.#fetching) await this.#fetching;
    else if (!this.#coolingDown()) await this.#fetch();
    // Fetched moments ago: what it holds is what the issuer publishes. Failed moments ago: no answer yet.
    if (this.#lastFailed || !this.#keys) throw new KeysUnavailable(this.#retryAfterSeconds());
    return this.#keys;
  }

  #fetch(): Promise<void> {
    this.#triedAt = Date.now();
    this.#fetching = this.#load().finally(() => (this.#fetching = undefined));
    return this.#fetching;
  }

  async #load(): Promise<void> {
    try {
      this.#keys = createLocalJWKSet((await fetchJson(this.#jwksUri, { timeoutMs: this.#timeoutMs, followRedirects: false })) as JSONWebKeySet);
      this.#fetchedAt = Date.now();
      this.#lastFailed = false;
    } catch (error) {
      this.#lastFailed = true;
      const reason = error instanceof FetchJsonError ? error.reason : (error as Error).message;
      console.error(`Cannot get the authorization server's keys from ${this.#jwksUri} (${reason}); keys fetched before still verify, tokens needing others get 503.`);
    }
  }

  #coolingDown(): boolean {
    return Date.now() - this.#triedAt < this.#cooldownMs;
  }

  #retryAfterSeconds(): number {
    return Math.max(1, Math.ceil((this.#triedAt + this.#cooldownMs - Date.now()) / 1000));
  }
}
