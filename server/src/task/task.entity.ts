import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Plan } from '../plan/plan.entity.js';
import { Section } from '../section/section.entity.js';
import { Node } from '../graphql/node.js';

/** A numbered task of a plan (重点工作). Id: `<plan id>-t<ordinal>`. */
@ObjectType({ description: 'A numbered task of a plan (重点工作), e.g. "5. 实施校园食品安全守护行动".', implements: Node })
@Entity()
@Index(['planId', 'ordinal'], { unique: true })
// Trigram index (pg_trgm) for `tasks(filter: { text })`, created by hand in its migration: TypeORM cannot say `gin_trgm_ops`.
@Index('IDX_task_text_trgm', { synchronize: false })
export class Task {
  @PrimaryColumn('text')
  id: string;

  @Column('text')
  planId: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Relation<Plan>;

  @Index()
  @Column('text')
  sectionId: string;

  @ManyToOne(() => Section, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'section_id' })
  section?: Relation<Section>;

  @Field(() => Int, { description: 'The task number printed in the document.' })
  @Column('integer')
  ordinal: number;

  @Field(() => String, {
    nullable: true,
    description: 'The short heading sentence (e.g. "强化党政同责"); null when the task starts with its content.',
  })
  @Column('text', { nullable: true })
  title: string | null;

  @Field(() => String, { description: 'The full text of the task, repaired of conversion damage, brackets included.' })
  @Column('text')
  text: string;

  @Field(() => Int, { description: "Start of the source span (UTF-16 offset into the plan's sourceText)." })
  @Column('integer')
  spanStart: number;

  @Field(() => Int, { description: 'End of the source span, exclusive.' })
  @Column('integer')
  spanEnd: number;
}
