import type { Span } from './parsed-plan.js';

/**
 * A string that remembers, for every character, where it came from in the source text.
 *
 * The parser repairs conversion damage (markup, spaces, half-width punctuation, lines broken at
 * page breaks) before it reads a plan, but every extracted value must still point at the original
 * characters. Repairs here only delete characters or swap one character for another, so each
 * remaining character keeps the source index it was read from.
 */
export class MappedText {
  private constructor(
    readonly text: string,
    /** Source index of each character of `text`. */
    private readonly origins: readonly number[],
    /** Source index just past the text, used for spans of empty slices. */
    private readonly endOrigin: number,
  ) {}

  /** The source range [start, end) as it stands. */
  static fromSource(source: string, start = 0, end = source.length): MappedText {
    const origins: number[] = [];
    for (let i = start; i < end; i++) origins.push(i);
    return new MappedText(source.slice(start, end), origins, end);
  }

  static empty(at: number): MappedText {
    return new MappedText('', [], at);
  }

  /** Joins pieces in order (lines of a paragraph broken at a page break). */
  static concat(pieces: readonly MappedText[]): MappedText {
    if (pieces.length === 0) return MappedText.empty(0);
    const origins = pieces.flatMap((piece) => piece.origins);
    return new MappedText(pieces.map((piece) => piece.text).join(''), origins, pieces[pieces.length - 1].endOrigin);
  }

  get length(): number {
    return this.text.length;
  }

  /** Source index of the character at `index` (or just past the end). */
  originAt(index: number): number {
    return index < this.origins.length ? this.origins[index] : this.endOrigin;
  }

  slice(start: number, end = this.text.length): MappedText {
    const from = Math.max(0, Math.min(start, this.text.length));
    const to = Math.max(from, Math.min(end, this.text.length));
    return new MappedText(
      this.text.slice(from, to),
      this.origins.slice(from, to),
      to < this.origins.length ? this.origins[to] : this.endOrigin,
    );
  }

  /** The source span covered by [start, end) of this text: from its first to its last character. */
  spanOf(start = 0, end = this.text.length): Span {
    if (end <= start) {
      const at = this.originAt(start);
      return { start: at, end: at };
    }
    return { start: this.origins[start], end: this.origins[end - 1] + 1 };
  }

  /** Drops every character inside a match of `pattern` (which must be global). */
  remove(pattern: RegExp): MappedText {
    const keep = new Array<boolean>(this.text.length).fill(true);
    for (const match of this.text.matchAll(pattern)) {
      for (let i = match.index; i < match.index + match[0].length; i++) keep[i] = false;
    }
    return this.filter((_, index) => keep[index]);
  }

  /** Keeps the characters for which `predicate` holds. */
  filter(predicate: (char: string, index: number) => boolean): MappedText {
    let text = '';
    const origins: number[] = [];
    for (let i = 0; i < this.text.length; i++) {
      if (predicate(this.text[i], i)) {
        text += this.text[i];
        origins.push(this.origins[i]);
      }
    }
    return new MappedText(text, origins, this.endOrigin);
  }

  /** Replaces characters one for one (the mapping must return exactly one UTF-16 unit). */
  mapChars(mapping: (char: string, index: number, text: string) => string): MappedText {
    let text = '';
    for (let i = 0; i < this.text.length; i++) text += mapping(this.text[i], i, this.text);
    return new MappedText(text, this.origins, this.endOrigin);
  }

  trim(): MappedText {
    const start = this.text.length - this.text.trimStart().length;
    const end = this.text.trimEnd().length;
    return this.slice(start, Math.max(start, end));
  }

  /** Trims the given characters from both ends. */
  strip(chars: string): MappedText {
    let start = 0;
    let end = this.text.length;
    while (start < end && chars.includes(this.text[start])) start++;
    while (end > start && chars.includes(this.text[end - 1])) end--;
    return this.slice(start, end);
  }

  /** Splits at every match of `separator` (global), dropping the separators. */
  split(separator: RegExp): MappedText[] {
    const pieces: MappedText[] = [];
    let from = 0;
    for (const match of this.text.matchAll(separator)) {
      pieces.push(this.slice(from, match.index));
      from = match.index + match[0].length;
    }
    pieces.push(this.slice(from));
    return pieces;
  }
}
