import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { AssignmentRole } from '../assignment/assignment.entity.js';
import { Clause } from '../clause/clause.entity.js';
import { Indicator } from '../indicator/indicator.entity.js';
import { Plan } from '../plan/plan.entity.js';
import { Task } from '../task/task.entity.js';
import { AnswerSize } from '../graphql/answer-size.js';

/** What became of a task from one plan of a jurisdiction to a later one. */
export enum TaskChangeKind {
  KEPT = 'KEPT',
  ADDED = 'ADDED',
  DROPPED = 'DROPPED',
  SPLIT = 'SPLIT',
  MERGED = 'MERGED',
}

registerEnumType(TaskChangeKind, {
  name: 'TaskChangeKind',
  description: 'What became of a task from one plan to the later one (任务变化).',
  valuesConfig: {
    KEPT: { description: 'The same work in both plans (保留), one task each; its wording or targets may have changed.' },
    ADDED: { description: 'Only in the later plan (新增).' },
    DROPPED: { description: 'Only in the earlier plan (删除).' },
    SPLIT: { description: 'One task of the earlier plan became several of the later one (拆分).' },
    MERGED: { description: 'Several tasks of the earlier plan became one of the later one (合并).' },
  },
});

/** What became of a target between two versions of a task. */
export enum TargetChangeKind {
  RAISED = 'RAISED',
  LOWERED = 'LOWERED',
  UNCHANGED = 'UNCHANGED',
  ADDED = 'ADDED',
  DROPPED = 'DROPPED',
}

registerEnumType(TargetChangeKind, {
  name: 'TargetChangeKind',
  description: 'What became of a target (指标变化); whether higher is stricter is `TargetChange.stricter`.',
  valuesConfig: {
    RAISED: { description: 'A higher value than before (提高).' },
    LOWERED: { description: 'A lower value than before (降低).' },
    UNCHANGED: { description: 'The same value (不变).' },
    ADDED: { description: 'A target the earlier version did not set (新增).' },
    DROPPED: { description: 'A target the later version no longer sets (删除).' },
  },
});

/** A piece of a text diff. */
export enum DiffPartKind {
  EQUAL = 'EQUAL',
  INSERT = 'INSERT',
  DELETE = 'DELETE',
}

registerEnumType(DiffPartKind, {
  name: 'DiffPartKind',
  description: 'Whether a piece of a diff is in both texts, only the later or only the earlier.',
  valuesConfig: {
    EQUAL: { description: 'In both texts.' },
    INSERT: { description: 'Only in the later text.' },
    DELETE: { description: 'Only in the earlier text.' },
  },
});

/** Whether an agency gained or lost a role in a task. */
export enum AgencyChangeKind {
  GAINED = 'GAINED',
  LOST = 'LOST',
}

registerEnumType(AgencyChangeKind, {
  name: 'AgencyChangeKind',
  description: 'Whether an agency gained or lost a role in a task.',
  valuesConfig: {
    GAINED: { description: 'Named in this role by the later version only.' },
    LOST: { description: 'Named in this role by the earlier version only.' },
  },
});

@ObjectType({ description: 'A piece of a text diff: a run of characters in both texts, or only in one.' })
export class DiffPart {
  @Field(() => DiffPartKind, { description: 'In both texts, inserted by the later one or deleted from the earlier one.' })
  kind: DiffPartKind;

  @Field(() => String, { description: 'The characters.' })
  text: string;
}

@ObjectType({ description: 'A clause whose text changed between two versions of a task, with the difference.' })
export class ClauseChange {
  @Field(() => Clause, { nullable: true, description: 'The clause in the earlier plan; null for a clause the later one added.' })
  before: Clause | null;

  @Field(() => Clause, { nullable: true, description: 'The clause in the later plan; null for a clause it dropped.' })
  after: Clause | null;

  @Field(() => [DiffPart], {
    description: 'From the earlier text to the later, character by character, cut at word boundaries so words and numbers stay whole.',
  })
  diff: DiffPart[];
}

@ObjectType({ description: "An agency that gained or lost a role in a task (by the clauses' responsibility brackets)." })
export class AgencyChange {
  @Field(() => AgencyChangeKind, { description: 'Gained or lost.' })
  kind: AgencyChangeKind;

  /** Resolved through the agency loader. */
  agencyId: number;

  @Field(() => AssignmentRole, { description: 'The role (职责) gained or lost; a change of role is one lost and one gained.' })
  role: AssignmentRole;
}

@ObjectType({ description: 'A target (指标) of a task compared with the earlier version of the task.' })
export class TargetChange {
  @Field(() => TargetChangeKind, { description: 'Raised, lowered, unchanged, added or dropped.' })
  kind: TargetChangeKind;

  @Field(() => Indicator, { nullable: true, description: 'The target in the earlier plan; null when added.' })
  before: Indicator | null;

  @Field(() => Indicator, { nullable: true, description: 'The target in the later plan; null when dropped.' })
  after: Indicator | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'True when the later target asks more (more 批次/千人, a higher 合格率, a lower 发生率), false when it asks the same or less; null for an added or dropped target, or when nothing says which way is stricter.',
  })
  stricter: boolean | null;

  @Field(() => Float, { nullable: true, description: "The difference, later minus earlier, in the metric's unit; null unless both exist." })
  delta: number | null;
}

@ObjectType({ description: 'A task of the earlier plan and what it became in the later one (or a task the later plan added).' })
export class TaskChange {
  @Field(() => TaskChangeKind, { description: 'Kept, added, dropped, split or merged.' })
  kind: TaskChangeKind;

  @Field(() => [Task], { description: 'The task(s) in the earlier plan: none when added, several when merged.' })
  before: Task[];

  @Field(() => [Task], { description: 'The task(s) in the later plan: none when dropped, several when split.' })
  after: Task[];

  @Field(() => Float, { nullable: true, description: 'How alike the versions are (the alignment score, 0–1); null when added or dropped.' })
  score: number | null;

  @Field(() => Boolean, {
    description:
      'True when the wording changed (措辞变化), responsibility brackets and numbers aside: a moved target is a target change, a new agency an agency change.',
  })
  reworded: boolean;

  @Field(() => [ClauseChange], {
    description: 'The clauses whose text changed (numbers included), in the order of the later plan; clauses it dropped last.',
  })
  clauses: ClauseChange[];

  @Field(() => [AgencyChange], { description: 'Agencies that gained or lost a role; empty when added or dropped.' })
  agencies: AgencyChange[];

  @Field(() => [TargetChange], {
    description: "Every target of the task compared with the earlier version, in the later version's order; dropped targets last.",
  })
  targets: TargetChange[];
}

@ObjectType({ description: "What changed from one plan of a jurisdiction to another (e.g. last year's to this year's)." })
export class PlanChanges {
  @Field(() => Plan, { description: 'The earlier plan.' })
  from: Plan;

  @Field(() => Plan, { description: 'The later plan.' })
  to: Plan;

  @AnswerSize({ items: 30 })
  @Field(() => [TaskChange], {
    description: "Every task of both plans, once: in the later plan's order, each dropped task after the task that preceded it.",
  })
  tasks: TaskChange[];
}
