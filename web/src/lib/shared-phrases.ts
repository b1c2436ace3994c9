/**
 * Marks the wording a task shares with equivalent tasks of other plans. Chinese has no spaces, so
 * phrases are runs of characters: a run of at least `minLength` characters that also occurs in
 * another text counts as shared. Six characters keep out common words and agency names (风险监测,
 * 区农业农村局) that would mark half of every task. Plans copied from a common provincial template share long runs
 * (明厨亮灶+互联网, 校长（园长）负责制), which is what a planner wants to see at a glance.
 */
export interface TextSegment {
  text: string;
  shared: boolean;
}

export const MIN_SHARED_LENGTH = 6;

export function markSharedPhrases(text: string, others: readonly string[], minLength = MIN_SHARED_LENGTH): TextSegment[] {
  const segments: TextSegment[] = [];
  const push = (piece: string, shared: boolean) => {
    if (!piece) return;
    const last = segments.at(-1);
    if (last && last.shared === shared) last.text += piece;
    else segments.push({ text: piece, shared });
  };
  const occursElsewhere = (piece: string) => others.some((other) => other.includes(piece));

  let i = 0;
  while (i < text.length) {
    let length = 0;
    if (i + minLength <= text.length && occursElsewhere(text.slice(i, i + minLength))) {
      length = minLength;
      while (i + length < text.length && occursElsewhere(text.slice(i, i + length + 1))) length += 1;
    }
    if (length > 0 && !isPunctuationOnly(text.slice(i, i + length))) {
      push(text.slice(i, i + length), true);
      i += length;
    } else {
      push(text[i]!, false);
      i += 1;
    }
  }
  return segments;
}

/** The share of a text's characters that are shared wording, 0 to 1. */
export function sharedRatio(segments: readonly TextSegment[]): number {
  const total = segments.reduce((sum, s) => sum + s.text.length, 0);
  if (total === 0) return 0;
  return segments.reduce((sum, s) => sum + (s.shared ? s.text.length : 0), 0) / total;
}

function isPunctuationOnly(piece: string): boolean {
  return /^[\p{P}\p{S}\s\d]*$/u.test(piece);
}
