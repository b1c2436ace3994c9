import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Plan } from '../plan/plan.entity.js';
import { Task } from '../task/task.entity.js';
import { Node } from '../graphql/node.js';
import { AnswerSize } from '../graphql/answer-size.js';

/** A row of a plan's quarterly schedule table (推进表). Id: `<plan id>-r<ordinal>`. */
@ObjectType({ description: "A row of a plan's quarterly schedule table (推进表) with its Q1–Q4 targets.", implements: Node })
@Entity()
@Index(['planId', 'ordinal'], { unique: true })
export class ScheduleItem {
  @PrimaryColumn('text')
  id: string;

  @Column('text')
  planId: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Relation<Plan>;

  @Index()
  @Column('text')
  taskId: string;

  @ManyToOne(() => Task, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: Relation<Task>;

  @Field(() => Int, { description: 'The row number (序号) printed in the table.' })
  @Column('integer')
  ordinal: number;

  @Field(() => String, { nullable: true, description: "The 重点工作 column: the main-text task's heading, when printed." })
  @Column('text', { nullable: true })
  workTitle: string | null;

  @AnswerSize({ bytes: 1_024 })
  @Field(() => String, { description: 'What is to be done (具体内容).' })
  @Column('text')
  content: string;

  @Field(() => String, { nullable: true, description: 'First-quarter target (一季度目标) as printed; null when empty.' })
  @Column('text', { nullable: true })
  q1: string | null;

  @Field(() => String, { nullable: true, description: 'Second-quarter target (二季度目标) as printed.' })
  @Column('text', { nullable: true })
  q2: string | null;

  @Field(() => String, { nullable: true, description: 'Third-quarter target (三季度目标) as printed.' })
  @Column('text', { nullable: true })
  q3: string | null;

  @Field(() => String, { nullable: true, description: 'Fourth-quarter target (四季度目标) as printed.' })
  @Column('text', { nullable: true })
  q4: string | null;

  @Field(() => Int, { description: "Start of the source span (UTF-16 offset into the plan's sourceText)." })
  @Column('integer')
  spanStart: number;

  @Field(() => Int, { description: 'End of the source span, exclusive.' })
  @Column('integer')
  spanEnd: number;
}
