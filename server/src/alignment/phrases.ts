import { chineseRuns } from './text.js';

/** Shared phrases shorter than this are too common to say anything (食品安全 is four). */
export const MIN_PHRASE_LENGTH = 4;

/** A text's Chinese runs and their trigrams, computed once per task rather than once per pair. */
export interface PhraseIndex {
  runs: string[];
  trigrams: Set<string>;
  /** The runs joined by a separator no phrase contains, for checking a phrase really occurs. */
  joined: string;
}

export function phraseIndex(text: string): PhraseIndex {
  const runs = chineseRuns(text);
  const trigrams = new Set<string>();
  for (const run of runs) for (let i = 0; i + 3 <= run.length; i++) trigrams.add(run.slice(i, i + 3));
  return { runs, trigrams, joined: runs.join('|') };
}

/**
 * The maximal runs of Chinese characters two texts share, longest first, each at least
 * MIN_PHRASE_LENGTH long: the evidence a reader checks (明厨亮灶+互联网, 三无食品…). Found by
 * marking the positions of `a` whose trigram occurs in `b` and joining overlapping marks, which is
 * linear in the texts' length.
 */
export function sharedPhrases(a: string | PhraseIndex, b: string | PhraseIndex): string[] {
  const first = typeof a === 'string' ? phraseIndex(a) : a;
  const second = typeof b === 'string' ? phraseIndex(b) : b;
  const phrases = new Set<string>();
  for (const run of first.runs) {
    let start = -1;
    let end = -1;
    for (let i = 0; i + 3 <= run.length; i++) {
      if (!second.trigrams.has(run.slice(i, i + 3))) continue;
      if (start >= 0 && i <= end - 2) {
        end = i + 3;
        continue;
      }
      if (start >= 0 && end - start >= MIN_PHRASE_LENGTH) phrases.add(run.slice(start, end));
      start = i;
      end = i + 3;
    }
    if (start >= 0 && end - start >= MIN_PHRASE_LENGTH) phrases.add(run.slice(start, end));
  }
  // Overlapping trigrams of `b` need not come from one place in it: keep what `b` really holds.
  return removeContained([...phrases].filter((phrase) => second.joined.includes(phrase)).sort((x, y) => y.length - x.length));
}

/** Drops a phrase that is part of a longer one already kept. */
function removeContained(sortedLongestFirst: string[]): string[] {
  const kept: string[] = [];
  for (const phrase of sortedLongestFirst) if (!kept.some((longer) => longer.includes(phrase))) kept.push(phrase);
  return kept;
}
