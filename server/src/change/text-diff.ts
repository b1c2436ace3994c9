import { diffWords } from 'diff';
import { DiffPartKind, type DiffPart } from './change.types.js';

/**
 * Chinese has no spaces, so a plain character diff cuts words apart (校[-园][+学校食堂]) and numbers
 * too (9[-7][+8]%). ICU's dictionary-based word segmenter gives the diff word boundaries to cut at,
 * while every character still belongs to exactly one piece.
 */
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** The difference from `before` to `after`, as pieces that read back as either text. */
export function diffText(before: string, after: string): DiffPart[] {
  const parts: DiffPart[] = [];
  for (const change of diffWords(before, after, { intlSegmenter: segmenter })) {
    const kind = change.added ? DiffPartKind.INSERT : change.removed ? DiffPartKind.DELETE : DiffPartKind.EQUAL;
    const last = parts.at(-1);
    if (last && last.kind === kind) last.text += change.value;
    else parts.push({ kind, text: change.value });
  }
  return parts;
}
