import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Agency } from '../agency/agency.entity.js';
import { Clause } from '../clause/clause.entity.js';
import { ScheduleItem } from '../schedule/schedule-item.entity.js';

/** The part an agency plays in a clause or a schedule row. */
export enum AssignmentRole {
  LEAD = 'LEAD',
  RESPONSIBLE = 'RESPONSIBLE',
  SHARED = 'SHARED',
  SUPPORT = 'SUPPORT',
}

registerEnumType(AssignmentRole, {
  name: 'AssignmentRole',
  description: 'The part an agency plays (职责).',
  valuesConfig: {
    LEAD: { description: 'Leads the work (牵头).' },
    RESPONSIBLE: { description: 'Is responsible for it (负责).' },
    SHARED: { description: 'Shares it according to its duties (按职责分工负责, 分工负责).' },
    SUPPORT: { description: 'Supports the lead (配合, 协作).' },
  },
});

/** One agency named, with its role, in a clause's bracket or a schedule row's unit columns. */
@ObjectType({ description: 'An agency named with its role in a clause or a schedule row.' })
@Entity()
@Check(`(clause_id IS NULL) <> (schedule_item_id IS NULL)`)
export class Assignment {
  @PrimaryGeneratedColumn('increment')
  id: number;

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

  @Index()
  @Column('integer')
  agencyId: number;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id' })
  agency?: Relation<Agency>;

  @Field(() => AssignmentRole, { description: 'The part the agency plays (职责).' })
  @Column('varchar', { length: 16 })
  role: AssignmentRole;

  @Field(() => Int, { description: 'Position in the bracket or unit column, 1-based.' })
  @Column('integer')
  ordinal: number;

  @Field(() => String, { description: "The name as printed in this document (may be an alias of the agency's canonical name)." })
  @Column('text')
  printedName: string;

  @Field(() => Int, { description: "Start of the source span (UTF-16 offset into the plan's sourceText)." })
  @Column('integer')
  spanStart: number;

  @Field(() => Int, { description: 'End of the source span, exclusive.' })
  @Column('integer')
  spanEnd: number;
}
