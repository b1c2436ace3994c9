import { phraseIndex, sharedPhrases, type PhraseIndex } from './phrases.js';
import { normalize, stripResponsibility } from './text.js';
import { cosine, type SparseVector, Vectorizer } from './vectorizer.js';

/** How a link between two tasks was made. */
export type AlignmentMethod = 'RULE' | 'SIMILARITY' | 'MANUAL';

/** What the engine reads of a task. */
export interface AlignableTask {
  id: string;
  planId: string;
  jurisdictionCode: string;
  title: string | null;
  text: string;
  /** Theme keys of the task (from the classifier or a reviewer). */
  themes: string[];
  /** `stripResponsibility(text)`, when the caller has it already. */
  clean?: string;
}

/** A directed link: `otherTaskId` is equivalent to `taskId`. The engine emits both directions. */
export interface TaskLink {
  taskId: string;
  otherTaskId: string;
  score: number;
  /** Shared distinctive phrases, most telling first. */
  evidence: string[];
  method: AlignmentMethod;
}

export interface AlignmentThresholds {
  /** A pair scoring at least this is equivalent. */
  accept: number;
  /**
   * A pair scoring at least this is equivalent when it is the best match of one of its tasks
   * among the other plan's tasks; below it, never.
   */
  candidate: number;
}

export interface AlignmentOptions {
  thresholds?: AlignmentThresholds;
  /**
   * Tasks are compared only within a group (e.g. one year of one province); tasks of the same
   * jurisdiction are never compared. Default: one group.
   */
  groupOf?: (task: AlignableTask) => string;
  /**
   * Whether tasks of two jurisdictions of a group are compared at all (default: all are). A
   * province holds ~100 jurisdictions and every one has its campus task: linking all of them with
   * all would store ~100² links per theme, so the service passes the neighbourhood planners compare
   * (see alignment.service.ts).
   */
  comparable?: (jurisdictionCode: string, otherJurisdictionCode: string) => boolean;
}

/** Chosen on Tongzhou vs Xuzhou 2021, in the middle of wide gaps (docs/alignment.md). */
export const DEFAULT_THRESHOLDS: AlignmentThresholds = { accept: 0.5, candidate: 0.2 };
/** An n-gram in more tasks than this is too common to block on (it would make posting lists long). */
const RARE_DOCUMENT_FREQUENCY = 32;
/** Rare trigrams two tasks must share to become candidates without a common theme. */
const MIN_SHARED_RARE = 3;
/** Weights of the score's parts: text similarity, theme agreement, distinctive shared phrases. */
const WEIGHT_SIMILARITY = 0.6;
const WEIGHT_THEME = 0.25;
const WEIGHT_PHRASES = 0.15;
/** Shared phrase characters (beyond the first three of each phrase) that count as full phrase evidence. */
const PHRASE_SATURATION = 40;
/** A task keeps at most this many equivalents in any one other plan (ties at the cut stay). */
const MAX_PER_PLAN = 3;
/** At most this many phrases are kept as evidence. */
const MAX_EVIDENCE = 6;

interface Prepared {
  task: AlignableTask;
  clean: string;
  vector: SparseVector;
  phrases: PhraseIndex;
  /** The task's heading, normalised, for the same-heading rule ('' when it has none). */
  heading: string;
}

/** Headings longer than this are content, not a heading. */
const MAX_HEADING_LENGTH = 30;

/**
 * The heading (强化党政同责), or the first sentence when the task has no separate heading but is
 * short (严厉打击来源不明冷链食品走私入境。): plans differ in whether they print one.
 */
function headingOf(title: string | null, clean: string): string {
  const heading = title ?? clean.split('。')[0];
  const normalized = normalize(heading).replace(/[“”"「」‘’]/g, '');
  return normalized.length <= MAX_HEADING_LENGTH ? normalized : '';
}

/**
 * Links equivalent tasks across plans (see AlignmentThresholds for the decision): candidates are blocked (tasks sharing a theme, or sharing
 * rare character trigrams through an inverted index), so the work grows with the number of tasks
 * in a group times the size of their theme blocks, never with all pairs of the whole corpus. Each
 * candidate is scored in [0, 1] from the TF-IDF cosine of character n-grams, theme agreement and
 * shared distinctive phrases; identical task headings are linked by rule.
 */
export function alignTasks(tasks: AlignableTask[], options: AlignmentOptions = {}): TaskLink[] {
  const { accept, candidate } = options.thresholds ?? DEFAULT_THRESHOLDS;
  const groupOf = options.groupOf ?? (() => '');
  const comparable = options.comparable ?? (() => true);
  const links: TaskLink[] = [];
  for (const group of groupBy(tasks, groupOf).values()) {
    const prepared = prepare(group);
    const planOf = new Map(group.map((task) => [task.id, task.planId]));
    const scored = candidatePairs(prepared, comparable)
      .map(([a, b]) => scorePair(a, b))
      .filter((link) => link.score >= candidate);
    const directed = scored.flatMap((link) => [link, reverse(link)]);
    // The best score of each task against each other plan.
    const best = new Map<string, number>();
    for (const link of directed) {
      const key = `${link.taskId}>${planOf.get(link.otherTaskId)}`;
      best.set(key, Math.max(best.get(key) ?? 0, link.score));
    }
    const isBest = (link: TaskLink) => best.get(`${link.taskId}>${planOf.get(link.otherTaskId)}`) === link.score;
    // Only each task's few best matches in each other plan are kept: a task is rarely the same work
    // as more than a couple of another plan's tasks, and the cap bounds what is stored per task.
    const ranked = new Map<string, number[]>();
    for (const link of directed) {
      const key = `${link.taskId}>${planOf.get(link.otherTaskId)}`;
      const scores = ranked.get(key);
      if (scores) scores.push(link.score);
      else ranked.set(key, [link.score]);
    }
    const floor = new Map<string, number>();
    for (const [key, scores] of ranked) floor.set(key, scores.sort((x, y) => y - x)[Math.min(scores.length, MAX_PER_PLAN) - 1]);
    const isTop = (link: TaskLink) => link.score >= floor.get(`${link.taskId}>${planOf.get(link.otherTaskId)}`)!;
    for (const link of scored) {
      const back = reverse(link);
      if ((link.score >= accept || isBest(link) || isBest(back)) && (isTop(link) || isTop(back))) links.push(link, back);
    }
  }
  return links;
}

/**
 * Scores every task of one plan against every task of another, whatever the score: for a
 * jurisdiction's consecutive plans (change/), whose tasks the caller matches one to one, split or
 * merged. Same score as `alignTasks` (TF-IDF fitted on both plans, theme agreement, shared phrases,
 * the same-heading rule); no blocking, since two plans hold only a few hundred pairs. Pairs that
 * cannot reach `atLeast` whatever phrases they share are left out before their phrases are sought
 * (the costly part of a score): a caller that ignores links below a threshold loses nothing.
 */
export function scoreAcross(before: AlignableTask[], after: AlignableTask[], atLeast = 0): TaskLink[] {
  const prepared = prepare([...before, ...after]);
  const earlier = prepared.slice(0, before.length);
  const later = prepared.slice(before.length);
  return earlier.flatMap((a) => later.flatMap((b) => (couldReach(a, b, atLeast) ? [scorePair(a, b)] : [])));
}

/** Whether a pair could score `atLeast` with full phrase evidence (the same-heading rule scores 0.9). */
function couldReach(a: Prepared, b: Prepared, atLeast: number): boolean {
  if (atLeast <= 0 || (a.heading.length >= 4 && a.heading === b.heading)) return true;
  const bound = WEIGHT_SIMILARITY * cosine(a.vector, b.vector) + WEIGHT_THEME * themeAgreement(a.task, b.task) + WEIGHT_PHRASES;
  return bound >= atLeast - 1e-6;
}

/**
 * Containment, not Jaccard: a broad task (T17: smart supervision and industry innovation) fully
 * agrees with a narrow one that has one of its themes.
 */
function themeAgreement(a: AlignableTask, b: AlignableTask): number {
  const themesA = new Set(a.themes);
  const common = b.themes.filter((theme) => themesA.has(theme)).length;
  const smaller = Math.min(a.themes.length, b.themes.length);
  return smaller ? common / smaller : 0;
}

/** Scores the given pairs whatever their score (for reviewed pairs, which stay linked). */
export function scorePairs(tasks: AlignableTask[], pairs: Array<[string, string]>): TaskLink[] {
  const prepared = new Map(prepare(tasks).map((item) => [item.task.id, item]));
  return pairs.flatMap(([a, b]) => {
    const first = prepared.get(a);
    const second = prepared.get(b);
    return first && second ? [scorePair(first, second)] : [];
  });
}

function prepare(tasks: AlignableTask[]): Prepared[] {
  const vectorizer = new Vectorizer();
  const cleaned = tasks.map((task) => task.clean ?? stripResponsibility(task.text));
  for (const text of cleaned) vectorizer.add(text);
  return tasks.map((task, index) => {
    let phrases: PhraseIndex | undefined;
    return {
      task,
      clean: cleaned[index],
      vector: vectorizer.vector(cleaned[index]),
      // Indexed when a pair first needs it: scoreAcross leaves out pairs that cannot reach its threshold.
      get phrases() {
        return (phrases ??= phraseIndex(cleaned[index]));
      },
      heading: headingOf(task.title, cleaned[index]),
    };
  });
}

function candidatePairs(prepared: Prepared[], comparable: NonNullable<AlignmentOptions['comparable']>): Array<[Prepared, Prepared]> {
  const seen = new Set<number>();
  const pairs: Array<[Prepared, Prepared]> = [];
  // Jurisdiction pairs are few (a group's plans), task pairs many: decide each jurisdiction pair once.
  const decided = new Map<string, boolean>();
  const add = (i: number, j: number) => {
    const a = prepared[i].task.jurisdictionCode;
    const b = prepared[j].task.jurisdictionCode;
    if (a === b) return;
    const jurisdictions = a < b ? `${a}:${b}` : `${b}:${a}`;
    let allowed = decided.get(jurisdictions);
    if (allowed === undefined) decided.set(jurisdictions, (allowed = comparable(a, b)));
    if (!allowed) return;
    const key = i < j ? i * prepared.length + j : j * prepared.length + i;
    if (seen.has(key)) return;
    seen.add(key);
    pairs.push(i < j ? [prepared[i], prepared[j]] : [prepared[j], prepared[i]]);
  };

  const byTheme = new Map<string, number[]>();
  prepared.forEach((item, index) => {
    for (const theme of item.task.themes) {
      const members = byTheme.get(theme);
      if (members) members.push(index);
      else byTheme.set(theme, [index]);
    }
  });
  for (const members of byTheme.values()) {
    for (let x = 0; x < members.length; x++) for (let y = x + 1; y < members.length; y++) add(members[x], members[y]);
  }

  const postings = new Map<string, number[]>();
  prepared.forEach((item, index) => {
    for (const gram of item.vector.keys()) {
      if ([...gram].length !== 3) continue;
      const list = postings.get(gram);
      if (!list) postings.set(gram, [index]);
      else if (list.length <= RARE_DOCUMENT_FREQUENCY) list.push(index);
    }
  });
  const shared = new Map<number, number>();
  for (const list of postings.values()) {
    if (list.length < 2 || list.length > RARE_DOCUMENT_FREQUENCY) continue;
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const key = list[x] * prepared.length + list[y];
        const count = (shared.get(key) ?? 0) + 1;
        shared.set(key, count);
        if (count === MIN_SHARED_RARE) add(list[x], list[y]);
      }
    }
  }
  return pairs;
}

function scorePair(a: Prepared, b: Prepared): TaskLink {
  const similarity = cosine(a.vector, b.vector);
  const themes = themeAgreement(a.task, b.task);
  const phrases = sharedPhrases(a.phrases, b.phrases);
  const phraseEvidence = Math.min(1, phrases.reduce((sum, phrase) => sum + phrase.length - 3, 0) / PHRASE_SATURATION);
  const combined = WEIGHT_SIMILARITY * similarity + WEIGHT_THEME * themes + WEIGHT_PHRASES * phraseEvidence;
  const sameHeading = a.heading.length >= 4 && a.heading === b.heading;
  return {
    taskId: a.task.id,
    otherTaskId: b.task.id,
    score: round(sameHeading ? Math.max(combined, 0.9) : combined),
    evidence: phrases.slice(0, MAX_EVIDENCE),
    method: sameHeading ? 'RULE' : 'SIMILARITY',
  };
}

function reverse(link: TaskLink): TaskLink {
  return { ...link, taskId: link.otherTaskId, otherTaskId: link.taskId };
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
