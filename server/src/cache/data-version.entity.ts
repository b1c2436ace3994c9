import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row whose `version` every write to what the API reads moves on, in the writing transaction:
 * cached responses are keyed by it, so a committed change is never answered from the cache, on any
 * server instance (they share the database). It starts at a random value (see the migration), so
 * databases that share one Redis never share cache keys.
 */
@Entity()
export class DataVersion {
  @PrimaryColumn('smallint')
  id: number;

  /** bigint, read as a string by `pg`. */
  @Column('bigint', { default: 0 })
  version: string;
}
