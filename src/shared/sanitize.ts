// C0/C1 controls (ESC starts every ANSI/OSC sequence), DEL, and bidi overrides that can reorder
// what a terminal shows.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Makes a server-supplied string safe to print: control characters become visible `\xNN` escapes
 * and overly long values are shortened, so nothing a server sends can drive the user's terminal.
 */
export function sanitize(value: string, max = 200): string {
  const clean = value.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code > 0xff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\x${code.toString(16).padStart(2, '0')}`;
  });
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}
