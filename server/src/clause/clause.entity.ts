import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Task } from '../task/task.entity.js';
import { Node } from '../graphql/node.js';
import { AnswerSize } from '../graphql/answer-size.js';

/**
 * A run of a task's text closed by its responsibility bracket (〔区市场监管局负责〕).
 * Id: `<task id>-c<ordinal>`.
 */
@ObjectType({ description: "A run of a task's text closed by a responsibility bracket naming who does it (责任分工).", implements: Node })
@Entity()
@Index(['taskId', 'ordinal'], { unique: true })
export class Clause {
  @PrimaryColumn('text')
  id: string;

  @Column('text')
  taskId: string;

  @ManyToOne(() => Task, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: Relation<Task>;

  @Field(() => Int, { description: 'Position within the task, 1-based.' })
  @Column('integer')
  ordinal: number;

  @AnswerSize({ bytes: 1_024 })
  @Field(() => String, { description: 'The clause text, without its bracket.' })
  @Column('text')
  text: string;

  @Field(() => String, {
    description: 'The inside of the responsibility bracket as printed, e.g. "区市场监管局牵头，区公安局按职责分工负责".',
  })
  @Column('text')
  responsibility: string;

  @Field(() => Int, { description: "Start of the source span (UTF-16 offset into the plan's sourceText)." })
  @Column('integer')
  spanStart: number;

  @Field(() => Int, { description: 'End of the source span, exclusive.' })
  @Column('integer')
  spanEnd: number;

  /** 完成时限 as printed; null when none is stated. Exposed as `deadline` by the resolver. */
  @Column('text', { nullable: true })
  deadline: string | null;

  @Column('date', { nullable: true })
  deadlineDate: string | null;

  @Column('integer', { nullable: true })
  deadlineSpanStart: number | null;

  @Column('integer', { nullable: true })
  deadlineSpanEnd: number | null;
}
