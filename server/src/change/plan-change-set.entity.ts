import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Plan } from '../plan/plan.entity.js';
import type { DiffPart, TaskChangeKind } from './change.types.js';

/** A clause of a task change whose text changed, by clause ids (null on the side that lacks it). */
export interface StoredClauseChange {
  before: string | null;
  after: string | null;
  diff: DiffPart[];
}

/** A task change as the matching and the clause diffs leave it, tasks by id. */
export interface StoredTaskChange {
  kind: TaskChangeKind;
  before: string[];
  after: string[];
  score: number | null;
  reworded: boolean;
  clauses: StoredClauseChange[];
}

/**
 * What a change set computes from the tasks and clauses of two plans alone — the tasks matched
 * across the years, which matches are reworded, their clause diffs — stored for a jurisdiction's
 * consecutive plans when they are aligned (change-set.ts), since most of a change set's CPU goes
 * there. `fingerprint` is that of everything the computation read (changeSetFingerprint): a change
 * set uses the row only while the plans' tasks, themes and clauses still give the same one, and
 * computes afresh otherwise (a theme set by an editor, a re-import not yet aligned).
 */
@Entity()
export class PlanChangeSet {
  @PrimaryColumn('text')
  fromPlanId: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'from_plan_id' })
  fromPlan?: Relation<Plan>;

  @Index()
  @PrimaryColumn('text')
  toPlanId: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'to_plan_id' })
  toPlan?: Relation<Plan>;

  @Column('text')
  fingerprint: string;

  /** The later plan's order, each dropped task after the task that preceded it (as `PlanChanges.tasks`). */
  @Column('jsonb')
  tasks: StoredTaskChange[];
}
