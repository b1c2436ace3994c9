import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Plan } from '../plan/plan.entity.js';
import { Node } from '../graphql/node.js';
import { AnswerSize } from '../graphql/answer-size.js';

/** A numbered part of a plan (一、二、…) that groups its tasks. Id: `<plan id>-s<ordinal>`. */
@ObjectType({
  description:
    'A numbered part of a plan (一、二、…) grouping its tasks. A plan without parts has one section whose label and title are empty.',
  implements: Node,
})
@Entity()
@Index(['planId', 'ordinal'], { unique: true })
export class Section {
  @PrimaryColumn('text')
  id: string;

  @Column('text')
  planId: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Relation<Plan>;

  @Field(() => Int, { description: 'Position in the plan, 1-based (一 is 1).' })
  @Column('integer')
  ordinal: number;

  @Field(() => String, { description: 'The numeral as printed, e.g. "一"; "" for the one unnamed section of a plan without parts.' })
  @Column('text')
  label: string;

  @Field(() => String, { description: 'Section title, e.g. "压实食品安全属地和主体责任".' })
  @Column('text')
  title: string;

  @AnswerSize({ bytes: 2_048 })
  @Field(() => String, {
    nullable: true,
    description: "The section's own preamble: its text between the heading and its first group or task.",
  })
  @Column('text', { nullable: true })
  preamble: string | null;

  @Field(() => Int, { description: "Start of the source span (UTF-16 offset into the plan's sourceText)." })
  @Column('integer')
  spanStart: number;

  @Field(() => Int, { description: 'End of the source span, exclusive.' })
  @Column('integer')
  spanEnd: number;
}
