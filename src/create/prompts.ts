import * as clack from '@clack/prompts';
import type { Prompter } from './answers.js';

/** Thrown when the user cancels a prompt (Ctrl-C, Escape): the program exits 130. */
export class Cancelled extends Error {
  override name = 'Cancelled';
}

function answer<T>(value: T | symbol): Exclude<T, symbol> {
  if (clack.isCancel(value)) throw new Cancelled('cancelled');
  return value as Exclude<T, symbol>;
}

/** The interactive prompter, on @clack/prompts; loaded only when a terminal can answer. */
export const clackPrompter: Prompter & { intro(title: string): void; outro(message: string): void } = {
  intro: (title) => clack.intro(title),
  outro: (message) => clack.outro(message),
  async text(message, initial, validate) {
    // The default shows as a placeholder and is taken on Enter; typing replaces it.
    const value = answer(await clack.text({ message, placeholder: initial, defaultValue: initial, validate: validate ? (v) => validate(v || initial) : undefined }));
    return value || initial;
  },
  async select(message, options, initial) {
    return answer(await clack.select({ message, options: options as never, initialValue: initial as never })) as never;
  },
  async confirm(message, initial) {
    return answer(await clack.confirm({ message, initialValue: initial }));
  },
};
