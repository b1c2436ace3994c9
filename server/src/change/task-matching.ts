import { DEFAULT_THRESHOLDS, scoreAcross, type AlignableTask, type TaskLink } from '../alignment/engine.js';
import { normalize, stripResponsibility } from '../alignment/text.js';
import { TaskChangeKind } from './change.types.js';

/** Tasks of the two plans that are the same work, or one side's task alone. */
export interface TaskMatch {
  kind: TaskChangeKind;
  before: string[];
  after: string[];
  /** The best score among the links of the match; null for an added or dropped task. */
  score: number | null;
}

export interface MatchThresholds {
  /** A pair that is each task's best match is the same work from this score on (the alignment's `candidate`). */
  kept: number;
  /**
   * A further task joins a match (a split piece or a merged part) only when its best match is that
   * task and they score at least this (the alignment's `accept`): a new task in the same theme
   * scores 0.25–0.4 against an old one, a piece cut out of it 0.5 and more.
   */
  piece: number;
}

export const DEFAULT_MATCH_THRESHOLDS: MatchThresholds = { kept: DEFAULT_THRESHOLDS.candidate, piece: DEFAULT_THRESHOLDS.accept };

/**
 * A task's wording with what is not wording set aside: responsibility brackets (agency changes are
 * reported apart), full-width forms, whitespace, and every number (a moved target, 昆仑2021 → 昆仑2022).
 */
export function wordingKey(text: string, clean = stripResponsibility(text)): string {
  return normalize(clean)
    .replace(/\d+(?:\.\d+)?/g, '#')
    .replace(/。+/g, '。');
}

/**
 * Matches the tasks of a jurisdiction's earlier plan with those of its later one, with the
 * alignment engine's score (scoreAcross):
 * 0. a task worded the same in both plans (wordingKey) is kept at once, with score 1: most tasks
 *    of a plan carry over, and only the rest need scoring against each other;
 * 1. pairs that are each other's best match (score ≥ kept) are the same work: a task the later
 *    plan keeps is never reported as dropped and re-added, however much its wording changed;
 * 2. a task left out whose best match is already matched joins that match when they score ≥ piece,
 *    best scores first, as long as the match keeps one task on one side: one old task and several
 *    new ones is a split, several old and one new a merge;
 * 3. what is left is dropped (earlier plan) or added (later plan).
 * The result follows the later plan's order, each dropped task after the task that preceded it.
 */
export function matchTasks(
  before: AlignableTask[],
  after: AlignableTask[],
  thresholds: MatchThresholds = DEFAULT_MATCH_THRESHOLDS,
  keyOf: (task: AlignableTask) => string = (task) => wordingKey(task.text),
): TaskMatch[] {
  const { same, restBefore, restAfter } = sameWording(before, after, keyOf);
  // Links below `kept` decide nothing: neither a kept pair nor a piece (which needs `piece` ≥ `kept`).
  const links = scoreAcross(restBefore, restAfter, Math.min(thresholds.kept, thresholds.piece));
  const bestOfBefore = bestBy(links, (link) => link.taskId);
  const bestOfAfter = bestBy(links, (link) => link.otherTaskId);

  // Union of matched tasks; ids of the two plans never collide (`<plan id>-t<n>`).
  const groupOf = new Map<string, Group>();
  const join = (link: TaskLink) => {
    const left = groupOf.get(link.taskId);
    const right = groupOf.get(link.otherTaskId);
    if (left && right) return false;
    const group = left ?? right ?? { before: new Set<string>(), after: new Set<string>(), score: 0 };
    group.before.add(link.taskId);
    group.after.add(link.otherTaskId);
    group.score = Math.max(group.score, link.score);
    groupOf.set(link.taskId, group);
    groupOf.set(link.otherTaskId, group);
    return true;
  };

  for (const link of same) join(link);
  for (const link of links) {
    if (link.score < thresholds.kept) continue;
    if (bestOfBefore.get(link.taskId) === link && bestOfAfter.get(link.otherTaskId) === link) join(link);
  }
  const pieces = links
    .filter((link) => link.score >= thresholds.piece)
    .filter((link) => {
      const freeBefore = !groupOf.has(link.taskId);
      const freeAfter = !groupOf.has(link.otherTaskId);
      // A split piece: a new task left out whose best match is an old task already matched, and
      // the reverse for a merge. The group must stay one-to-many.
      if (freeAfter && !freeBefore) return bestOfAfter.get(link.otherTaskId) === link && groupOf.get(link.taskId)!.before.size === 1;
      if (freeBefore && !freeAfter) return bestOfBefore.get(link.taskId) === link && groupOf.get(link.otherTaskId)!.after.size === 1;
      return false;
    })
    .sort((a, b) => b.score - a.score);
  for (const link of pieces) {
    const group = groupOf.get(link.taskId) ?? groupOf.get(link.otherTaskId)!;
    const stillOneSided = groupOf.has(link.taskId) ? group.before.size === 1 : group.after.size === 1;
    if (stillOneSided) join(link);
  }

  const order = new Map([...before, ...after].map((task, index) => [task.id, index]));
  const byOrder = (a: string, b: string) => order.get(a)! - order.get(b)!;
  const matches: TaskMatch[] = [];
  const emitted = new Set<Group>();
  const pending = new Map<string, TaskMatch[]>();
  // Dropped tasks go after the last matched task that preceded them in the earlier plan.
  let anchor = '';
  for (const task of before) {
    if (groupOf.has(task.id)) anchor = task.id;
    else pending.set(anchor, [...(pending.get(anchor) ?? []), { kind: TaskChangeKind.DROPPED, before: [task.id], after: [], score: null }]);
  }
  matches.push(...(pending.get('') ?? []));
  for (const task of after) {
    const group = groupOf.get(task.id);
    if (!group) {
      matches.push({ kind: TaskChangeKind.ADDED, before: [], after: [task.id], score: null });
      continue;
    }
    if (emitted.has(group)) continue;
    emitted.add(group);
    const kind = group.after.size > 1 ? TaskChangeKind.SPLIT : group.before.size > 1 ? TaskChangeKind.MERGED : TaskChangeKind.KEPT;
    const beforeIds = [...group.before].sort(byOrder);
    matches.push({ kind, before: beforeIds, after: [...group.after].sort(byOrder), score: group.score });
    for (const id of beforeIds) matches.push(...(pending.get(id) ?? []));
  }
  return matches;
}

/** Pairs of tasks worded the same (first with first where a plan repeats a wording), and the tasks left. */
function sameWording(before: AlignableTask[], after: AlignableTask[], keyOf: (task: AlignableTask) => string) {
  const waiting = new Map<string, AlignableTask[]>();
  for (const task of after) {
    const key = keyOf(task);
    waiting.set(key, [...(waiting.get(key) ?? []), task]);
  }
  const same: TaskLink[] = [];
  const paired = new Set<string>();
  for (const task of before) {
    const partner = waiting.get(keyOf(task))?.shift();
    if (!partner) continue;
    same.push({ taskId: task.id, otherTaskId: partner.id, score: 1, evidence: [], method: 'RULE' });
    paired.add(task.id).add(partner.id);
  }
  return {
    same,
    restBefore: before.filter((task) => !paired.has(task.id)),
    restAfter: after.filter((task) => !paired.has(task.id)),
  };
}

interface Group {
  before: Set<string>;
  after: Set<string>;
  score: number;
}

/** Each task's best link (the first of equal scores, in the order scoreAcross gives). */
function bestBy(links: TaskLink[], keyOf: (link: TaskLink) => string): Map<string, TaskLink> {
  const best = new Map<string, TaskLink>();
  for (const link of links) {
    const current = best.get(keyOf(link));
    if (!current || link.score > current.score) best.set(keyOf(link), link);
  }
  return best;
}
