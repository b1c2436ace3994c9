import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Clause } from '../clause/clause.entity.js';
import { Metric } from '../metric/metric.entity.js';
import { ScheduleItem } from '../schedule/schedule-item.entity.js';
import { Task } from '../task/task.entity.js';
import { Node } from '../graphql/node.js';
import { AnswerSize } from '../graphql/answer-size.js';

export enum Comparator {
  EQ = 'EQ',
  GTE = 'GTE',
  GT = 'GT',
  LTE = 'LTE',
  LT = 'LT',
}

registerEnumType(Comparator, {
  name: 'Comparator',
  description: 'How a target compares its subject with its value.',
  valuesConfig: {
    EQ: { description: '= : reach the value (达到).' },
    GTE: { description: '≥ : at least (以上, 不少于, 不低于).' },
    GT: { description: '> : more than (超过, 高于).' },
    LTE: { description: '≤ : at most (以内, 不超过, 不高于).' },
    LT: { description: '< : less than (低于, 少于).' },
  },
});

export enum Period {
  YEAR = 'YEAR',
  Q1 = 'Q1',
  Q2 = 'Q2',
  Q3 = 'Q3',
  Q4 = 'Q4',
}

registerEnumType(Period, {
  name: 'Period',
  description: 'The time a target is set for.',
  valuesConfig: {
    YEAR: { description: 'The whole plan year (全年).' },
    Q1: { description: 'First quarter (一季度).' },
    Q2: { description: 'Second quarter (二季度).' },
    Q3: { description: 'Third quarter (三季度).' },
    Q4: { description: 'Fourth quarter (四季度).' },
  },
});

/**
 * A numeric target read from a clause (period YEAR) or from a schedule row's quarterly target
 * (Q1–Q4), e.g. 市场监管环节食品安全监督抽检量 = 6 批次/千人. Id: `<clause or row id>-i<ordinal>`.
 */
@ObjectType({ description: 'A numeric target (指标), e.g. 市场监管环节食品安全监督抽检量 = 6 批次/千人.', implements: Node })
@Entity()
export class Indicator {
  @PrimaryColumn('text')
  id: string;

  @Index()
  @Column('text')
  taskId: string;

  @ManyToOne(() => Task, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: Relation<Task>;

  @Index()
  @Column('text', { nullable: true })
  clauseId: string | null;

  @ManyToOne(() => Clause, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'clause_id' })
  clause?: Relation<Clause> | null;

  @Index()
  @Column('text', { nullable: true })
  scheduleItemId: string | null;

  @ManyToOne(() => ScheduleItem, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'schedule_item_id' })
  scheduleItem?: Relation<ScheduleItem> | null;

  /** The canonical metric it measures (seeds/reference/metrics.json), set by the alignment run; see metric/. */
  @Index()
  @Column('text', { nullable: true })
  metricKey: string | null;

  // A metric leaving the reference list unmaps its indicators; the next alignment run maps them again.
  @ManyToOne(() => Metric, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'metric_key' })
  metric?: Relation<Metric>;

  @Field(() => Int, { description: 'Position within its clause or schedule row, 1-based.' })
  @Column('integer')
  ordinal: number;

  @Field(() => String, { description: 'What is measured (指标名称), e.g. "市场监管环节食品安全监督抽检量".' })
  @Column('text')
  subject: string;

  @Field(() => Comparator, { description: 'How the subject compares with the value.' })
  @Column('varchar', { length: 8 })
  comparator: Comparator;

  @Field(() => Float, { description: 'The target value, e.g. 6 or 97.' })
  @Column('double precision')
  value: number;

  @Field(() => String, { description: 'Unit (单位), e.g. "批次/千人", "%", "家".' })
  @Column('text')
  unit: string;

  @Field(() => Period, { description: 'The year, or the quarter of a schedule row.' })
  @Column('varchar', { length: 4 })
  period: Period;

  @Field(() => Boolean, { description: 'True when quarterly targets accumulate through the year (2 → 4 → 6 批次/千人).' })
  @Column('boolean', { default: false })
  cumulative: boolean;

  @Field(() => String, { nullable: true, description: 'The wording that qualifies the target (达到, 稳定在, 以上, 不少于, 力争…).' })
  @Column('text', { nullable: true })
  qualifier: string | null;

  @AnswerSize({ bytes: 512 })
  @Field(() => String, { description: 'The phrase the target was read from.' })
  @Column('text')
  sourceText: string;

  @Field(() => Int, { description: "Start of the source span (UTF-16 offset into the plan's sourceText)." })
  @Column('integer')
  spanStart: number;

  @Field(() => Int, { description: 'End of the source span, exclusive.' })
  @Column('integer')
  spanEnd: number;
}
