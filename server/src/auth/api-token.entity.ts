import { registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What a token may do. An admin may do everything an editor may. */
export enum Role {
  EDITOR = 'EDITOR',
  ADMIN = 'ADMIN',
}

registerEnumType(Role, {
  name: 'Role',
  description: 'What an API token may do.',
  valuesConfig: {
    EDITOR: { description: 'Upload plans, review alignments, set task themes, read the audit log.' },
    ADMIN: { description: 'Everything an editor may.' },
  },
});

/**
 * An API token for changes (mutations). Only the SHA-256 of the token is stored; the token itself
 * is printed once when created. `prefix` (the start of the token, not secret enough to use on its
 * own) finds the row, and the hashes are then compared in constant time.
 */
@Entity()
export class ApiToken {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Column('text')
  name: string;

  @Column('varchar', { length: 8 })
  role: Role;

  @Index()
  @Column('varchar', { length: 16 })
  prefix: string;

  @Column('char', { length: 64 })
  sha256: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;
}
