/**
 * Cuts a text into pieces by the spans extracted from it, so the original document can be shown
 * with what was read from it shaded. Spans are UTF-16 offsets (as JavaScript strings index), as
 * the API gives them; they may nest (an indicator inside a clause inside a task).
 */
export interface Span<K extends string = string> {
  start: number;
  end: number;
  kind: K;
  /** Lets the reader jump to a span (e.g. the task a button points at). */
  id?: string;
}

export interface SpanPiece<K extends string = string> {
  text: string;
  start: number;
  kinds: K[];
  /** Ids of the spans that start at this piece. */
  anchors: string[];
}

export function cutBySpans<K extends string>(text: string, spans: readonly Span<K>[]): SpanPiece<K>[] {
  const valid = spans.filter((s) => s.start >= 0 && s.end <= text.length && s.start < s.end);
  const bounds = new Set<number>([0, text.length]);
  for (const span of valid) {
    bounds.add(span.start);
    bounds.add(span.end);
  }
  const points = [...bounds].sort((a, b) => a - b);
  const pieces: SpanPiece<K>[] = [];
  for (let i = 0; i < points.length - 1; i += 1) {
    const start = points[i]!;
    const end = points[i + 1]!;
    const covering = valid.filter((s) => s.start <= start && s.end >= end);
    pieces.push({
      text: text.slice(start, end),
      start,
      kinds: [...new Set(covering.map((s) => s.kind))],
      anchors: covering.filter((s) => s.start === start && s.id).map((s) => s.id!),
    });
  }
  return pieces;
}

/**
 * Where phrases sit inside a text, as spans: used to highlight a clause's indicators in the
 * clause text, where the API's offsets point into the whole document rather than the clause.
 */
export function findPhrases<K extends string>(text: string, phrases: readonly { phrase: string; kind: K; id?: string }[]): Span<K>[] {
  const found: Span<K>[] = [];
  for (const { phrase, kind, id } of phrases) {
    if (!phrase) continue;
    const start = text.indexOf(phrase);
    if (start >= 0) found.push({ start, end: start + phrase.length, kind, id });
  }
  return found;
}
