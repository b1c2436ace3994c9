import type { DataSource, EntityManager } from 'typeorm';

/**
 * Moves the data version on. Call it in the transaction that writes, as its last statement: the row
 * lock is then held only until the commit, and readers see the new version exactly when they can
 * see the new data.
 */
export async function bumpDataVersion(manager: EntityManager): Promise<void> {
  await manager.query(`UPDATE data_version SET version = version + 1 WHERE id = 1`);
}

/** The current data version (one indexed single-row read). */
export async function readDataVersion(dataSource: DataSource): Promise<string> {
  const rows: { version: string }[] = await dataSource.query(`SELECT version FROM data_version WHERE id = 1`);
  return rows[0]?.version ?? '0';
}
