import { lastAtOrBefore } from './search';
import type { Position } from './types';

const LF = 10;

/**
 * The offsets at which a text's lines start, kept up to date through edits: an edit re-reads only the lines it
 * touched and moves the rest, so placing problems on lines after a keystroke costs what the keystroke changed, not
 * a scan of the file. Lines end at `\r\n`, `\n` or a lone `\r`, as in VS Code (and `LineIndex`).
 */
export class LineStarts {
  private starts: number[];

  constructor(text: string) {
    this.starts = [0, ...breaksIn(text, 0, text.length, 0)];
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The 0-based line holding an offset. */
  lineAt(offset: number): number {
    const { starts } = this;
    return Math.max(0, lastAtOrBefore(starts.length, i => starts[i], offset));
  }

  positionAt(offset: number): Position {
    const line = this.lineAt(offset);
    return { line, character: offset - this.starts[line] };
  }

  /**
   * Follows an edit: `length` characters at `offset` of the old text were replaced, giving `text` (the new text,
   * whole or in chunks) with `inserted` characters there.
   */
  edit(offset: number, length: number, inserted: number, text: Pick<string, 'slice' | 'length'>): void {
    const { starts } = this;
    const delta = inserted - length;
    // From the start of the line before the edit (an edit at a line's start can join a `\r` before it to a `\n`)…
    const keep = Math.max(0, this.lineAt(offset) - 1) + 1;
    const from = starts[keep - 1];
    // …to the first line start the edit cannot have moved: both characters before it lie after the edit.
    let next = keep;
    while (next < starts.length && starts[next] <= offset + length + 1) next++;
    const kept = next < starts.length;
    const limit = kept ? starts[next] + delta : text.length;
    // The kept line start at `limit` is found again by the scan: it stays in the kept tail.
    // One character past the limit: a `\r` before it may pair with a `\n` after it.
    const window = text.slice(from, limit + 1);
    const all = breaksIn(window, 0, limit - from, from);
    const found = kept ? all.filter(s => s < limit) : all;
    if (found.length > 1_000) {
      // A large paste: one new array rather than a splice of many arguments.
      const rebuilt = starts.slice(0, keep).concat(found);
      for (let i = next; i < starts.length; i++) rebuilt.push(starts[i] + delta);
      this.starts = rebuilt;
      return;
    }
    starts.splice(keep, next - keep, ...found);
    if (delta !== 0) for (let i = keep + found.length; i < starts.length; i++) starts[i] += delta;
  }
}

/**
 * Offsets (plus `base`) just after each line break in text[from, to) (a `\r\n` ending at `to` included). Jumps from
 * break to break with `indexOf`, which V8 runs far faster than a loop over every character.
 */
export function breaksIn(text: string, from: number, to: number, base: number): number[] {
  const out: number[] = [];
  let lf = text.indexOf('\n', from);
  let cr = text.indexOf('\r', from);
  let i = from;
  while (i < to) {
    if (lf >= 0 && lf < i) lf = text.indexOf('\n', i);
    if (cr >= 0 && cr < i) cr = text.indexOf('\r', i);
    const next = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
    if (next < 0 || next >= to) break;
    const end = next === cr && text.charCodeAt(cr + 1) === LF ? cr + 2 : next + 1;
    out.push(end + base);
    i = end;
  }
  return out;
}
