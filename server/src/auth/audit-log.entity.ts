import { Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One change made through the API: who (the token), when, what (mutation, arguments), and the data before and after. */
@ObjectType('AuditLogEntry', { description: 'One change made through the API (an upload, a review, task themes): who, when, what.' })
@Entity()
export class AuditLog {
  @Field(() => ID, { description: 'The entry, numbered in the order changes were made.' })
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Field(() => GraphQLISODateTime, { description: 'When the change was made.' })
  @Index()
  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;

  /** The token used; kept as a plain number so the log outlives a deleted token. */
  @Column('integer')
  tokenId: number;

  @Field(() => String, { description: 'The name of the API token that made the change.' })
  @Column('text')
  actor: string;

  @Field(() => String, { description: 'What was done: importPlan (an upload), reviewAlignment or setTaskThemes.' })
  @Column('text')
  mutation: string;

  /** The plans the change touched (their keys) (a review touches the two plans of its pair): what the log is filtered by. */
  @Column('text', { array: true, default: () => "'{}'" })
  planIds: string[];

  /** The arguments, the data before and after: served as JSON text by auth.resolver.ts. */
  @Column('jsonb')
  args: object;

  @Column('jsonb', { nullable: true })
  before: object | null;

  @Column('jsonb', { nullable: true })
  after: object | null;
}
