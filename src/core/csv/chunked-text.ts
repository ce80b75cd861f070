import { lastAtOrBefore } from './search';

/** Chunks are split when an edit grows them past twice this, so an edit copies at most a few of these characters. */
const CHUNK_SIZE = 16 * 1024;

/**
 * A long text kept in chunks, as editors keep documents: an edit rewrites the chunk it falls in, not the whole text.
 * Hand-written because a JavaScript string cannot be edited in place: joining the parts around an edit makes a rope,
 * and the first read of a rope copies all of it (on a 100k-row file, 12 MB and ~50 ms per keystroke).
 */
export class ChunkedText {
  private chunks: string[] = [];
  /** Offset at which each chunk starts. */
  private starts: number[] = [];
  private size = 0;

  /** `chunk`: the chunks' size (tests make it small, so edits cross chunks). */
  constructor(
    text: string,
    private readonly chunk = CHUNK_SIZE,
  ) {
    for (let at = 0; at < text.length; at += chunk) {
      this.starts.push(at);
      this.chunks.push(text.slice(at, at + chunk));
    }
    this.size = text.length;
  }

  get length(): number {
    return this.size;
  }

  /** The text between two offsets (clamped to the text). */
  slice(start: number, end: number): string {
    start = Math.max(0, start);
    end = Math.min(this.size, end);
    if (start >= end) return '';
    let i = this.chunkAt(start);
    const from = start - this.starts[i];
    const first = this.chunks[i];
    if (end - this.starts[i] <= first.length) return first.slice(from, end - this.starts[i]);
    const parts = [first.slice(from)];
    for (i++; i < this.chunks.length && this.starts[i] < end; i++) parts.push(this.chunks[i].slice(0, end - this.starts[i]));
    return parts.join('');
  }

  toString(): string {
    return this.chunks.join('');
  }

  /** Replaces text[start, end) with `text`. */
  edit(start: number, end: number, text: string): void {
    if (this.chunks.length === 0) {
      this.chunks = [text];
      this.starts = [0];
      this.size = text.length;
      return;
    }
    const first = this.chunkAt(start);
    const last = this.chunkAt(Math.max(start, end - 1));
    const head = this.chunks[first].slice(0, start - this.starts[first]);
    const tail = this.chunks[last].slice(end - this.starts[last]);
    const merged = head + text + tail;
    const pieces: string[] = [];
    if (merged.length <= 2 * this.chunk) pieces.push(merged);
    else for (let at = 0; at < merged.length; at += this.chunk) pieces.push(merged.slice(at, at + this.chunk));
    this.chunks.splice(first, last - first + 1, ...pieces.filter(p => p.length > 0));
    if (this.chunks.length === 0) this.chunks.push('');
    this.size += text.length - (end - start);
    this.starts.length = this.chunks.length;
    let at = first > 0 ? this.starts[first - 1] + this.chunks[first - 1].length : 0;
    for (let i = Math.max(0, first); i < this.chunks.length; i++) {
      this.starts[i] = at;
      at += this.chunks[i].length;
    }
  }

  /** The chunk holding an offset (the last one for the text's end). */
  private chunkAt(offset: number): number {
    return Math.max(0, lastAtOrBefore(this.starts.length, i => this.starts[i], offset));
  }
}
