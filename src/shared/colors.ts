import kleur from 'kleur';
import type { OutputStream } from './io.js';

/** Colour only for a terminal, with `NO_COLOR` and `FORCE_COLOR` taking precedence (no-color.org). */
export function shouldColor(stream: Pick<OutputStream, 'isTTY'>, env: Record<string, string | undefined>): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

export type Colors = typeof kleur;

export function colorsFor(stream: Pick<OutputStream, 'isTTY'>, env: Record<string, string | undefined>): Colors {
  kleur.enabled = shouldColor(stream, env);
  return kleur;
}
