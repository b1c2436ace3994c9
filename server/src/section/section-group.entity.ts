import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Node } from '../graphql/node.js';
import { Plan } from '../plan/plan.entity.js';
import { Section } from './section.entity.js';
import { AnswerSize } from '../graphql/answer-size.js';

/**
 * An outline level between a section and its tasks: （一）强化源头治理 grouping tasks 1. 2. ….
 * Id: `<section id>-g<ordinal>`.
 */
@ObjectType({ description: 'A heading inside a section that groups its tasks, e.g. "（一）强化源头治理".', implements: Node })
@Entity()
@Index(['sectionId', 'ordinal'], { unique: true })
export class SectionGroup {
  @PrimaryColumn('text')
  id: string;

  @Index()
  @Column('text')
  planId: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Relation<Plan>;

  @Column('text')
  sectionId: string;

  @ManyToOne(() => Section, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'section_id' })
  section?: Relation<Section>;

  @Field(() => Int, { description: 'Position within the section, 1-based.' })
  @Column('integer')
  ordinal: number;

  @Field(() => String, { description: 'The label as printed, e.g. "（一）".' })
  @Column('text')
  label: string;

  @Field(() => String, { description: 'The heading, e.g. "强化源头治理".' })
  @Column('text')
  title: string;

  @AnswerSize({ bytes: 2_048 })
  @Field(() => String, { nullable: true, description: 'The text between the heading and its first task, or null.' })
  @Column('text', { nullable: true })
  preamble: string | null;

  @Field(() => Int, { description: "Start of the source span (UTF-16 offset into the plan's sourceText)." })
  @Column('integer')
  spanStart: number;

  @Field(() => Int, { description: 'End of the source span, exclusive.' })
  @Column('integer')
  spanEnd: number;
}
