import { Field, GraphQLISODateTime, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity.js';
import { Node } from '../graphql/node.js';
import { AnswerSize } from '../graphql/answer-size.js';

/** The form a plan document was imported from. */
export enum SourceFormat {
  TEXT = 'TEXT',
  MARKDOWN = 'MARKDOWN',
  HTML = 'HTML',
  DOCX = 'DOCX',
}

registerEnumType(SourceFormat, {
  name: 'SourceFormat',
  description: 'The form a plan document was imported from.',
  valuesConfig: {
    TEXT: { description: 'Plain text (e.g. a .docx saved as text).' },
    MARKDOWN: { description: 'Markdown (e.g. a .docx converted to Markdown).' },
    HTML: { description: 'A saved government-portal HTML page.' },
    DOCX: { description: 'A Word document (.docx), the form plans are published in.' },
  },
});

/** Who said which jurisdiction and year a plan is for. */
export enum PlanAttribution {
  DOCUMENT = 'DOCUMENT',
  USER = 'USER',
}

registerEnumType(PlanAttribution, {
  name: 'PlanAttribution',
  description: 'Who said which jurisdiction and year a plan is for.',
  valuesConfig: {
    DOCUMENT: { description: 'Read from the document: its issuer, letterhead, 发文字号, title, 主送, 抄送 and body.' },
    USER: { description: 'Said by the person who imported it (`--jurisdiction` / `--year`, or the upload API), overriding the document.' },
  },
});

/**
 * One jurisdiction's food-safety key-work plan for one year (食品安全重点工作安排), with the
 * GB/T 9704-2012 elements of its covering notice. Its id is `<jurisdiction code>-<year>`, so a
 * revised document of the same plan keeps the ids of its parts.
 */
@ObjectType({ description: "A jurisdiction's food-safety key-work plan for one year (食品安全重点工作安排).", implements: Node })
@Entity()
@Index(['jurisdictionCode', 'year'], { unique: true })
export class Plan {
  /**
   * Columns API reads leave out (EntityReader): the source text is most of a plan's bytes (15–40 KB)
   * and few queries ask for it; `Plan.sourceText` loads it when one does.
   */
  static readonly readOnDemand = ['sourceText'];

  @PrimaryColumn('text')
  id: string;

  @Column('varchar', { length: 6 })
  jurisdictionCode: string;

  @ManyToOne(() => Jurisdiction, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'jurisdiction_code' })
  jurisdiction?: Relation<Jurisdiction>;

  @Field(() => Int, { description: 'The year the plan is for (年度), read from its title.' })
  @Column('integer')
  year: number;

  @Field(() => String, { description: 'The plan\'s title (标题), e.g. "2021年通州区食品安全重点工作安排", without a draft mark.' })
  @Column('text')
  title: string;

  @Field(() => Boolean, { description: 'True for a draft (征求意见稿, 送审稿, 草案), as its title or header says.' })
  @Column('boolean', { default: false })
  draft: boolean;

  @Field(() => PlanAttribution, { description: 'Whether the jurisdiction and year were read from the document or said by the importer.' })
  @Column('varchar', { length: 16, default: PlanAttribution.DOCUMENT })
  attribution: PlanAttribution;

  @Field(() => String, { nullable: true, description: 'Title of the covering notice (通知标题).' })
  @Column('text', { nullable: true })
  noticeTitle: string | null;

  @Field(() => String, { nullable: true, description: 'Issuer mark of the letterhead (发文机关标志), e.g. "徐州市食品安全委员会文件".' })
  @Column('text', { nullable: true })
  issuerMark: string | null;

  @Field(() => String, { nullable: true, description: 'Document number (发文字号), e.g. "通食安办〔2021〕2号".' })
  @Column('text', { nullable: true })
  documentNumber: string | null;

  @Field(() => String, { nullable: true, description: 'Issuing body as signed (发文机关署名).' })
  @Column('text', { nullable: true })
  issuer: string | null;

  @Field(() => String, { nullable: true, description: 'Date of writing (成文日期), ISO 8601, e.g. "2021-05-06".' })
  @Column('date', { nullable: true })
  issuedOn: string | null;

  @Field(() => String, { nullable: true, description: 'Disclosure attribute (公开属性), e.g. "主动公开".' })
  @Column('text', { nullable: true })
  disclosure: string | null;

  @Field(() => String, { nullable: true, description: 'Main recipients (主送机关), as printed.' })
  @Column('text', { nullable: true })
  addressees: string | null;

  @Field(() => String, { nullable: true, description: 'Copied to (抄送机关), as printed.' })
  @Column('text', { nullable: true })
  copyTo: string | null;

  @Field(() => String, { nullable: true, description: 'Printing body (印发机关).' })
  @Column('text', { nullable: true })
  printedBy: string | null;

  @Field(() => String, { nullable: true, description: 'Printing date (印发日期), ISO 8601.' })
  @Column('date', { nullable: true })
  printedOn: string | null;

  @Field(() => [String], { description: 'Titles of the attachments (附件说明).' })
  @Column('text', { array: true, default: () => "'{}'" })
  attachments: string[];

  @AnswerSize({ bytes: 2_048 })
  @Field(() => String, { nullable: true, description: 'The opening paragraph before the first section (导语).' })
  @Column('text', { nullable: true })
  preamble: string | null;

  @Field(() => String, { description: "The document's text exactly as imported; every span points into it." })
  @Column('text')
  sourceText: string;

  @Field(() => SourceFormat, { description: 'The form the document was imported from.' })
  @Column('varchar', { length: 16 })
  sourceFormat: SourceFormat;

  @Field(() => String, { description: "SHA-256 of the imported file's bytes, hex." })
  @Index()
  @Column('char', { length: 64 })
  sourceSha256: string;

  @Field(() => String, { description: 'File name the plan was imported from.' })
  @Column('text')
  sourceFileName: string;

  /** The imported file itself, for DOCX and HTML whose text rendition is `sourceText`. */
  @Column('bytea', { nullable: true, select: false })
  sourceBytes: Buffer | null;

  @Field(() => GraphQLISODateTime, { description: 'When this revision was imported.' })
  @CreateDateColumn({ type: 'timestamptz' })
  importedAt: Date;
}
