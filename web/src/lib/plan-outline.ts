/**
 * A section's tasks under its groups ((一)(二)…), in document order: the API lists a section's
 * groups and its tasks (each naming its group) apart, the page shows them as the document does.
 * Tasks before the first group, or between groups, form a block without a group; a group with no
 * task of its own still gets its heading, in its place.
 */
export interface OutlineGroup {
  id: string;
  ordinal: number;
}

export interface OutlineTask {
  id: string;
  group: { id: string } | null;
}

export interface OutlineBlock<G extends OutlineGroup, T extends OutlineTask> {
  group: G | null;
  tasks: T[];
}

export function sectionOutline<G extends OutlineGroup, T extends OutlineTask>(
  groups: readonly G[],
  tasks: readonly T[],
): OutlineBlock<G, T>[] {
  const pending = [...groups].sort((a, b) => a.ordinal - b.ordinal);
  const byId = new Map(groups.map((group) => [group.id, group]));
  const blocks: OutlineBlock<G, T>[] = [];
  const take = (group: G) => pending.splice(pending.indexOf(group), 1);

  for (const task of tasks) {
    const group = task.group ? (byId.get(task.group.id) ?? null) : null;
    const last = blocks.at(-1);
    if (last && last.group === group) {
      last.tasks.push(task);
      continue;
    }
    if (group && pending.includes(group)) {
      // Groups printed before this one without tasks of their own keep their place.
      while (pending[0] && pending[0] !== group) blocks.push({ group: pending.shift()!, tasks: [] });
      take(group);
    }
    blocks.push({ group, tasks: [task] });
  }
  for (const group of pending) blocks.push({ group, tasks: [] });
  return blocks;
}
