/**
 * How messages quote what the file says. A cell or header can be megabytes long and hold terminal escape sequences;
 * a message shows a bounded, single-line, visible rendering of it, so no message grows with the input and neither
 * the Problems panel nor a terminal running the CLI interprets what a CSV file put there.
 */

/** The longest quoted value, in characters (longer ones end in `…`). */
export const MAX_QUOTED_LENGTH = 40;

// C0 and C1 controls (line breaks are handled first), DEL, and the bidirectional overrides that reorder what is shown.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const LINE_BREAKS = /\r\n|[\r\n]/g;

const escapeChar = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Control and bidi-override characters written as `\uXXXX`: text that is safe to show anywhere. */
export function visible(text: string): string {
  return text.replace(INVISIBLE, escapeChar);
}

/** `"value"` on one line, control characters escaped, cut to `max` characters. */
export function quoteValue(value: string, max: number = MAX_QUOTED_LENGTH): string {
  // Cut before escaping so the work is bounded by `max`, not by the value's length.
  const head = value.length > max ? value.slice(0, max + 2) : value;
  const shown = visible(head.replace(LINE_BREAKS, ' '));
  return shown.length > max || value.length > max ? `"${shown.slice(0, max - 3)}…"` : `"${shown}"`;
}

/** A value computed on first use: lets a message and its fixes share one costly computation. */
export function once<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}
