import { breaksIn } from './line-starts';
import { lastAtOrBefore } from './search';
import type { Position } from './types';

const LF = 10;
const CR = 13;

/** Converts between offsets and line/character positions; lines end at `\r\n`, `\n` or a lone `\r`, as in VS Code. */
export class LineIndex {
  /** Offset at which each line starts; ascending, so positions are found by binary search. */
  private readonly starts: number[];

  constructor(private readonly text: string) {
    this.starts = [0, ...breaksIn(text, 0, text.length, 0)];
  }

  /** Number of lines; a text ending with a line break has an empty last line, as VS Code counts. */
  get lineCount(): number {
    return this.starts.length;
  }

  /** The position of an offset, which is clamped to the text. */
  positionAt(offset: number): Position {
    const at = Math.max(0, Math.min(Math.floor(offset), this.text.length));
    const line = Math.max(0, lastAtOrBefore(this.starts.length, i => this.starts[i], at));
    return { line, character: at - this.starts[line] };
  }

  /** The offset of a position; the line is clamped to the text and the character to the line (before its break). */
  offsetAt(position: Position): number {
    const line = Math.max(0, Math.min(Math.floor(position.line), this.starts.length - 1));
    const start = this.starts[line];
    let end = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    if (end > start && this.text.charCodeAt(end - 1) === LF) end--;
    if (end > start && this.text.charCodeAt(end - 1) === CR) end--;
    return start + Math.max(0, Math.min(Math.floor(position.character), end - start));
  }
}
