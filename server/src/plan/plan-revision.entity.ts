import { Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Node } from '../graphql/node.js';
import { Plan, SourceFormat } from './plan.entity.js';

/**
 * A document a plan held before a newer revision replaced it, kept whole so nothing an import
 * replaces is lost. Id: `<plan id>-v<number>`.
 */
@ObjectType({ description: 'A revision of a plan that a later import replaced, kept with its source text.', implements: Node })
@Entity()
@Index(['planId', 'number'], { unique: true })
export class PlanRevision {
  /**
   * Listing revisions reads no text: a plan re-imported often holds many, each tens of kilobytes,
   * and few queries ask for them; `PlanRevision.sourceText` loads one when asked.
   */
  static readonly readOnDemand = ['sourceText'];

  @PrimaryColumn('text')
  id: string;

  @Column('text')
  planId: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Relation<Plan>;

  @Field(() => Int, { description: 'The revision number, 1 for the first document the plan held.' })
  @Column('integer')
  number: number;

  @Field(() => String, { description: "The replaced document's plan title." })
  @Column('text')
  title: string;

  @Field(() => String, { nullable: true, description: "The replaced document's 发文字号, or null." })
  @Column('text', { nullable: true })
  documentNumber: string | null;

  /** Served by `PlanRevision.sourceText` (plan.resolver.ts), read only when asked for. */
  @Column('text')
  sourceText: string;

  @Field(() => SourceFormat, { description: 'The form the replaced document was imported from.' })
  @Column('varchar', { length: 16 })
  sourceFormat: SourceFormat;

  @Field(() => String, { description: "SHA-256 of the replaced file's bytes, hex." })
  @Column('char', { length: 64 })
  sourceSha256: string;

  @Field(() => String, { description: 'File name the replaced revision was imported from.' })
  @Column('text')
  sourceFileName: string;

  /** The replaced file itself, for DOCX and HTML (as `Plan.sourceBytes`). */
  @Column('bytea', { nullable: true, select: false })
  sourceBytes: Buffer | null;

  @Field(() => GraphQLISODateTime, { description: 'When the replaced revision had been imported.' })
  @Column('timestamptz')
  importedAt: Date;

  @Field(() => GraphQLISODateTime, { description: 'When a newer import replaced it.' })
  @Column('timestamptz')
  replacedAt: Date;

  @Field(() => String, { description: 'Who replaced it: the editor token\'s name, or "cli" for `pnpm run import`.' })
  @Column('text')
  replacedBy: string;

  @Field(() => String, {
    description: 'Why it was replaced: "revision" (same 发文字号 or title) or "replace" (a different document, replaced on request).',
  })
  @Column('text')
  reason: string;
}
