import validateName from 'validate-npm-package-name';
import { parseHttpUrl } from '../lint/transport/url.js';
import type { IdpPreset } from './idps.js';

/** npm's own check of a package name for new packages; returns the problems, none when valid. */
export function packageNameProblems(name: string): string[] {
  const result = validateName(name);
  return [...(result.errors ?? []), ...(result.warnings ?? [])];
}

/** A valid package name close to what the user typed (`My App!` → `my-app`). */
export function suggestPackageName(input: string): string {
  const scoped = /^@([^/]+)\/(.+)$/.exec(input);
  const clean = (part: string) =>
    part
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9._~-]+/g, '-')
      .replace(/^[._-]+|[-]+$/g, '')
      .slice(0, 200) || 'connector';
  const suggestion = scoped ? `@${clean(scoped[1] as string)}/${clean(scoped[2] as string)}` : clean(input);
  // Reserved or blacklisted names (`node_modules`, `http`, `favicon.ico`) stay invalid once cleaned.
  return packageNameProblems(suggestion).length === 0 ? suggestion : `${suggestion.replace(/\./g, '-')}-connector`;
}

/**
 * Why an issuer URL cannot go into the project, or undefined when it can. The value lands verbatim
 * in `.env.example` and `connector.json`, files meant to be committed: no whitespace or control
 * characters, and no `user:password@`.
 */
export function issuerProblem(value: string): string | undefined {
  const url = parseHttpUrl(value);
  if (!url || /[\s\x00-\x1f\x7f]/.test(value)) return 'is not an http(s) URL';
  if (url.username || url.password) return 'must not contain credentials (`user:password@`): it is written to files you commit';
  return undefined;
}

/**
 * Why an issuer lacks its IdP preset's known form, in one line naming the form and, when the fix is
 * certain, the corrected value; undefined when it fits or the preset takes any issuer. `value` has
 * passed {@link issuerProblem}. For `--issuer` the line names the flag, at the prompt the answer.
 */
export function issuerShapeProblem(preset: IdpPreset, value: string, where: 'flag' | 'prompt'): string | undefined {
  const shape = preset.issuerShape;
  const mismatch = shape?.mismatch(value);
  if (!shape || !mismatch) return undefined;
  const subject = where === 'flag' ? `\`--issuer ${value}\`` : 'The issuer';
  const fix = mismatch.fix === undefined ? '' : where === 'flag' ? `; use \`--issuer ${mismatch.fix}\`` : `; enter \`${mismatch.fix}\``;
  return `${subject} ${mismatch.clause}: ${preset.label} issuers are ${shape.form}${fix}`;
}
