import { normalize, stripResponsibility } from './text.js';
import { cosine, Vectorizer } from './vectorizer.js';

/** A theme of the canonical taxonomy (seeds/reference/themes.json), as the classifier needs it. */
export interface ThemeDefinition {
  key: string;
  name: string;
  description: string;
  keywords: string[];
}

/** What the classifier reads of a task. */
export interface ClassifiableTask {
  id: string;
  title: string | null;
  text: string;
}

export interface ThemeAssignment {
  taskId: string;
  themeKey: string;
  /** Confidence in [0, 1]. */
  score: number;
  /** The theme that fits best; every task has exactly one. */
  primary: boolean;
  /** Theme keywords found in the task. */
  keywords: string[];
}

/** A secondary theme needs this many keyword points (a 3+ character keyword is 1, a 2-character one ½). */
const SECONDARY_MIN_KEYWORD_POINTS = 2;
/** …and at least this share of the primary theme's evidence. */
const SECONDARY_MIN_SHARE = 0.5;
/** A keyword in the task's heading says more than one in its body. */
const TITLE_BONUS = 1;

interface ThemeEvidence {
  theme: ThemeDefinition;
  points: number;
  similarity: number;
  keywords: string[];
}

/**
 * Classifies tasks into themes by two signals: keyword rules (each theme's Chinese keywords found
 * in the task, heading hits counting double) and the character n-gram similarity between the task
 * and the theme's name, description and keywords. Every task gets its best theme; it gets more when
 * another theme has strong keyword evidence of its own (T17 促进食品产业提升 is both smart supervision
 * and industry innovation).
 */
export function classifyTasks(tasks: ClassifiableTask[], themes: ThemeDefinition[]): ThemeAssignment[] {
  const vectorizer = new Vectorizer();
  const themeTexts = themes.map((theme) => `${theme.name}。${theme.description}。${theme.keywords.join('。')}`);
  const taskTexts = tasks.map((task) => stripResponsibility(task.text));
  for (const text of [...themeTexts, ...taskTexts]) vectorizer.add(text);
  const themeVectors = themeTexts.map((text) => vectorizer.vector(text));

  const assignments: ThemeAssignment[] = [];
  tasks.forEach((task, index) => {
    const body = normalize(taskTexts[index]);
    const title = normalize(task.title ?? '');
    const vector = vectorizer.vector(taskTexts[index]);
    const evidence: ThemeEvidence[] = themes.map((theme, themeIndex) => {
      let points = 0;
      const found: string[] = [];
      for (const keyword of theme.keywords) {
        const normalized = normalize(keyword);
        if (!body.includes(normalized)) continue;
        found.push(keyword);
        points += (normalized.length >= 3 ? 1 : 0.5) + (title.includes(normalized) ? TITLE_BONUS : 0);
      }
      return { theme, points, similarity: cosine(vector, themeVectors[themeIndex]), keywords: found };
    });
    const strength = (item: ThemeEvidence) => item.points + 4 * item.similarity;
    evidence.sort((a, b) => strength(b) - strength(a));
    const best = evidence[0];
    const bestStrength = strength(best);
    for (const item of evidence) {
      const primary = item === best;
      if (!primary && (item.points < SECONDARY_MIN_KEYWORD_POINTS || strength(item) < SECONDARY_MIN_SHARE * bestStrength)) continue;
      assignments.push({
        taskId: task.id,
        themeKey: item.theme.key,
        score: round(Math.min(1, strength(item) / Math.max(bestStrength, 4))),
        primary,
        keywords: item.keywords,
      });
    }
  });
  return assignments;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
