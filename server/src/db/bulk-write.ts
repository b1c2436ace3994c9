import type { EntityManager } from 'typeorm';

/** Where the statements run: a transaction's manager, or the data source for a statement of its own. */
type Queryable = Pick<EntityManager, 'query'>;

/** A row as the write statements take it: column name → value. */
export type Row = Record<string, unknown>;

/** Column name → PostgreSQL type, as jsonb_to_recordset needs them. */
export type Columns = Record<string, string>;

/** `INSERT … SELECT FROM jsonb_to_recordset($1)`: one statement and one parameter whatever the row count. */
function insertSql(table: string, columns: Columns): string {
  const names = Object.keys(columns);
  const record = names.map((name) => `${name} ${columns[name]}`).join(', ');
  return `INSERT INTO ${table} (${names.join(', ')}) SELECT ${names.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${record})`;
}

export async function insert(manager: Queryable, table: string, columns: Columns, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  await manager.query(insertSql(table, columns), [JSON.stringify(rows)]);
}

/**
 * Inserts rows, or updates those whose key exists; rows that would not change are left alone (no
 * new row version, no WAL). Returns how many rows were inserted or updated, so a caller can tell
 * whether readers' caches must be invalidated.
 */
export async function upsert(
  manager: Queryable,
  table: string,
  columns: Columns,
  rows: Row[],
  options: { key?: string; extraSet?: string } = {},
): Promise<number> {
  if (rows.length === 0) return 0;
  const key = options.key ?? 'id';
  const updated = Object.keys(columns).filter((name) => name !== key);
  const set = [...updated.map((name) => `${name} = EXCLUDED.${name}`), ...(options.extraSet ? [options.extraSet] : [])];
  // Counted in the statement: RETURNING alone would send back one row per written row.
  const [{ count }]: { count: number }[] = await manager.query(
    `WITH written AS (
       ${insertSql(table, columns)}
       ON CONFLICT (${key}) DO UPDATE SET ${set.join(', ')}
       WHERE (${updated.map((name) => `${table}.${name}`).join(', ')}) IS DISTINCT FROM (${updated.map((name) => `EXCLUDED.${name}`).join(', ')})
       RETURNING 1
     )
     SELECT count(*)::int AS count FROM written`,
    [JSON.stringify(rows)],
  );
  return count;
}
