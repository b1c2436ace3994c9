import { Field, Float, GraphQLISODateTime, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Node } from '../graphql/node.js';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity.js';
import { Task } from '../task/task.entity.js';

export enum AlignmentMethod {
  RULE = 'RULE',
  SIMILARITY = 'SIMILARITY',
  MANUAL = 'MANUAL',
}

registerEnumType(AlignmentMethod, {
  name: 'AlignmentMethod',
  description: 'How a link between two tasks was made.',
  valuesConfig: {
    RULE: { description: 'The tasks have the same heading (实施校园食品安全守护行动 in both plans).' },
    SIMILARITY: { description: 'Their texts, themes and shared phrases are similar enough (see docs/alignment.md).' },
    MANUAL: { description: 'A reviewer confirmed a pair the engine did not score high enough.' },
  },
});

export enum AlignmentStatus {
  SUGGESTED = 'SUGGESTED',
  CONFIRMED = 'CONFIRMED',
  REJECTED = 'REJECTED',
}

registerEnumType(AlignmentStatus, {
  name: 'AlignmentStatus',
  description: 'Where a link stands in review.',
  valuesConfig: {
    SUGGESTED: { description: 'Made by the engine, not reviewed yet.' },
    CONFIRMED: { description: 'A reviewer says the tasks are the same work.' },
    REJECTED: { description: 'A reviewer says they are not; `equivalents` leaves it out.' },
  },
});

/**
 * A directed link from a task to an equivalent task of another plan; the engine writes both
 * directions. The id `<taskId>~<otherTaskId>` is the same on every alignment run, so a client's
 * reference (and a review) outlives re-alignment and re-import.
 */
@ObjectType({ description: 'A task of another plan that is the same work as this one (对应任务), with the evidence.', implements: Node })
@Entity()
@Index(['taskId', 'otherTaskId'], { unique: true })
// A task's links to given jurisdictions, with status and other task in the index (INCLUDE, which
// TypeORM cannot declare): created by hand in migration AlignmentByTaskAndJurisdiction.
@Index('IDX_task_alignment_task_jurisdiction', { synchronize: false })
export class TaskAlignment {
  @PrimaryColumn('text')
  id: string;

  @Column('text')
  taskId: string;

  @ManyToOne(() => Task, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  fromTask?: Relation<Task>;

  @Index()
  @Column('text')
  otherTaskId: string;

  @ManyToOne(() => Task, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'other_task_id' })
  otherTask?: Relation<Task>;

  /** The jurisdiction of the other task, so `equivalents(jurisdictionCode:)` filters in SQL. */
  @Index()
  @Column('varchar', { length: 6 })
  otherJurisdictionCode: string;

  @ManyToOne(() => Jurisdiction, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'other_jurisdiction_code' })
  otherJurisdiction?: Relation<Jurisdiction>;

  @Field(() => Float, { description: 'How sure the engine is, in [0, 1].' })
  @Column('double precision')
  score: number;

  @Field(() => [String], { description: 'The distinctive phrases both tasks contain, most telling first (明厨亮灶+互联网…).' })
  @Column('text', { array: true, default: () => "'{}'" })
  evidence: string[];

  @Field(() => AlignmentMethod, { description: 'How the link was made.' })
  @Column('varchar', { length: 12 })
  method: AlignmentMethod;

  @Field(() => AlignmentStatus, { description: 'Where the link stands in review.' })
  @Column('varchar', { length: 12 })
  status: AlignmentStatus;

  @Field(() => String, { nullable: true, description: "The reviewer's note." })
  @Column('text', { nullable: true })
  note: string | null;

  @Field(() => String, { nullable: true, description: 'Name of the API token that reviewed the link.' })
  @Column('text', { nullable: true })
  reviewedBy: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the link was reviewed.' })
  @Column('timestamptz', { nullable: true })
  reviewedAt: Date | null;
}

/**
 * A reviewer's decision on a pair of tasks, kept apart from the alignments and without foreign keys
 * to tasks: alignments are rewritten by every run and tasks by every import, and the decision must
 * outlive both. The pair is stored once, its smaller task id first.
 */
@Entity()
export class AlignmentReview {
  @PrimaryColumn('text')
  taskId: string;

  @PrimaryColumn('text')
  otherTaskId: string;

  @Column('varchar', { length: 12 })
  status: AlignmentStatus;

  @Column('text', { nullable: true })
  note: string | null;

  @Column('text')
  reviewedBy: string;

  @Column('timestamptz')
  reviewedAt: Date;
}
