/**
 * Chinese-aware text features for comparing tasks. Chinese has no spaces between words, so a task
 * is described by the character bigrams and trigrams of its runs of Chinese characters (a phrase
 * like 明厨亮灶 yields 明厨, 厨亮, 亮灶, 明厨亮, 厨亮灶), plus whole Latin/digit tokens (2021).
 * N-grams never span punctuation, so 食品。安全 does not produce 品安.
 */
import { isResponsibility, scanBrackets } from '../importer/responsibility.js';

/**
 * Drops the responsibility brackets (〔区市场监管局负责〕, （市市场监管局牵头，…按职责分工负责）)
 * from a task's text: agency names say who does the work, not what it is, and would make every
 * task of one plan look alike. Which brackets those are is the importer's rule, not a second one.
 */
export function stripResponsibility(text: string): string {
  // The importer's scan reads repaired text, where half-width ( ) are already （ ）.
  const repaired = text.replace(/\(/g, '（').replace(/\)/g, '）');
  let out = '';
  let from = 0;
  for (const { open, close } of scanBrackets(repaired).brackets) {
    if (!isResponsibility(repaired.slice(open + 1, close))) continue;
    out += `${text.slice(from, open)}。`;
    from = close + 1;
  }
  return out + text.slice(from);
}

/** Full-width Latin letters, digits and signs become half-width; conversion markup goes. */
export function normalize(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0))
    .replace(/\*\*|\[bookmark:[^\]]*\]/g, '')
    .replace(/\s+/g, '')
    .toLowerCase();
}

const CJK = /[\u3400-\u9fff]/;

/** Runs of Chinese characters and Latin/digit tokens, in order; punctuation separates runs. */
export function segments(text: string): string[] {
  return normalize(text).match(/[\u3400-\u9fff]+|[a-z0-9]+/g) ?? [];
}

/** Character bigrams and trigrams of the Chinese runs, whole tokens for Latin/digit runs. */
export function ngrams(text: string): string[] {
  const grams: string[] = [];
  for (const run of segments(text)) {
    if (!CJK.test(run[0])) {
      grams.push(run);
      continue;
    }
    if (run.length === 1) grams.push(run);
    for (let n = 2; n <= 3; n++) {
      for (let i = 0; i + n <= run.length; i++) grams.push(run.slice(i, i + n));
    }
  }
  return grams;
}

/** The Chinese runs only, for finding shared phrases. */
export function chineseRuns(text: string): string[] {
  return segments(text).filter((run) => CJK.test(run[0]));
}
