import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Plan } from '../plan/plan.entity.js';
import { SectionGroup } from '../section/section-group.entity.js';
import { Section } from '../section/section.entity.js';
import { Node } from '../graphql/node.js';
import { AnswerSize } from '../graphql/answer-size.js';

/** A numbered task of a plan (重点工作). Id: `<plan id>-t<ordinal>`. */
@ObjectType({ description: 'A numbered task of a plan (重点工作), e.g. "5. 实施校园食品安全守护行动".', implements: Node })
@Entity()
@Index(['planId', 'ordinal'], { unique: true })
// Search index for `tasks(filter: { text })`: the character pairs of the title and text with the
// year and clause roles as tags, an expression created by hand in migration TaskSearchKeys; what
// imports add to it is moved in after each (flushSearchIndex, search-index.ts).
@Index('IDX_task_search_keys', { synchronize: false })
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

  /** The group (（一）…) inside the section that the task sits in, when the section has groups. */
  @Index()
  @Column('text', { nullable: true })
  groupId: string | null;

  @ManyToOne(() => SectionGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: Relation<SectionGroup> | null;

  @Field(() => Int, {
    description:
      'Position of the task in the document, 1…n, unique in the plan (equal to the printed number where a plan numbers its tasks through the document).',
  })
  @Column('integer')
  ordinal: number;

  /**
   * The plan's year, copied onto the task (it never changes for a plan id) so that a text search
   * filters by year in the task's own search index, without a join to `plan`.
   */
  @Column('integer')
  year: number;

  /**
   * The roles in which the task's clauses name agencies (not its schedule rows'), each once, in
   * `AssignmentRole` order: `tasks(filter: { role })` reads it instead of probing assignments per
   * task. Written with the task by the importer (`taskRow`), like the assignments it sums up.
   */
  @Column('text', { array: true, default: () => "'{}'" })
  clauseRoles: string[];

  @Field(() => String, {
    description:
      'The number as printed, without its closing punctuation: "3" for "3.", "（二）" for a national plan\'s tasks; "" when none is printed.',
  })
  @Column('text', { default: '' })
  label: string;

  @Field(() => [String], {
    description:
      'The printed labels of the outline items above the task, outermost first, e.g. ["二", "（三）"] for task 3 under 二、…（三）….',
  })
  @Column('text', { array: true, default: () => "'{}'" })
  path: string[];

  @Field(() => String, {
    description:
      'The number a reader cites: the task\'s label alone where the plan numbers its tasks through the document ("5"), with the labels above it where the plan restarts its numbering ("二（三）3").',
  })
  @Column('text', { default: '' })
  fullLabel: string;

  @Field(() => String, {
    nullable: true,
    description: 'The short heading sentence (e.g. "强化党政同责"); null when the task starts with its content.',
  })
  @Column('text', { nullable: true })
  title: string | null;

  @AnswerSize({ bytes: 2_048 })
  @Field(() => String, { description: 'The full text of the task, repaired of conversion damage, brackets included.' })
  @Column('text')
  text: string;

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

  /** The text search that found this task (`tasks(filter: { text })`), for `matches`; not a column. */
  search?: { text: string; folded: boolean };
}
