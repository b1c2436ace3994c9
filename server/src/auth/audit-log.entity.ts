import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One change made through the API: who (the token), when, what (mutation, arguments), and the data before and after. */
@Entity()
export class AuditLog {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Index()
  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;

  /** The token used; kept as a plain number so the log outlives a deleted token. */
  @Column('integer')
  tokenId: number;

  @Column('text')
  actor: string;

  @Column('text')
  mutation: string;

  @Column('jsonb')
  args: object;

  @Column('jsonb', { nullable: true })
  before: object | null;

  @Column('jsonb', { nullable: true })
  after: object | null;
}
