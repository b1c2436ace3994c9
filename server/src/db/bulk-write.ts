import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import type { DataSource, EntityManager } from 'typeorm';

/** Where the statements run: a transaction's manager, or the data source for a statement of its own. */
type Queryable = EntityManager | DataSource;

const dataSourceOf = (manager: Queryable): DataSource => ('getMetadata' in manager ? manager : manager.connection);

/** An entity class: the writer reads its table and columns from TypeORM's metadata. */
type EntityClass<E> = new () => E;

/**
 * The properties of an entity that are columns, as far as its type tells: the required ones that
 * are not methods. Relations and fields that are not columns (`Task.search`) are declared
 * optional; the writer checks at run time that a row's properties are the metadata's columns.
 */
export type ColumnOf<E> = {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- any method, whatever its signature
  [K in keyof E]-?: object extends Pick<E, K> ? never : E[K] extends Function ? never : K;
}[keyof E] &
  string;

/**
 * A row as a bulk write takes it: exactly the entity's columns, by property name, less those the
 * write leaves to the database or to another writer (`Omitted`, which the call names again in
 * `omit`). A missing or misspelt field is a compile error.
 */
export type RowOf<E, Omitted extends ColumnOf<E> = never> = { [K in Exclude<ColumnOf<E>, Omitted>]: Stored<E[K]> };

/** A value as the column stores it: an enum as its values' strings (the parser's `'LEAD'` for `AssignmentRole.LEAD`). */
type Stored<V> = V extends string ? `${V}` : V;

interface WriteOptions<E, Omitted extends ColumnOf<E>> {
  /** Columns the write leaves alone: filled by the database (a generated id, a creation time) or by another writer. */
  omit?: readonly Omitted[];
}

/** A column as written: its property in the row, its name in the table, its PostgreSQL type for jsonb_to_recordset. */
interface WrittenColumn {
  property: string;
  name: string;
  type: string;
  bytea: boolean;
}

interface Table {
  name: string;
  columns: WrittenColumn[];
}

function tableOf(manager: Queryable, entity: EntityClass<unknown>, omit: readonly string[]): Table {
  const dataSource = dataSourceOf(manager);
  const metadata = dataSource.getMetadata(entity);
  const { driver } = dataSource;
  const columns = metadata.columns
    .filter((column) => !omit.includes(column.propertyName))
    .map((column: ColumnMetadata) => ({
      property: column.propertyName,
      name: column.databaseName,
      type: `${driver.normalizeType(column)}${column.length ? `(${column.length})` : ''}${column.isArray ? '[]' : ''}`,
      bytea: column.type === 'bytea',
    }));
  return { name: metadata.tableName, columns };
}

/**
 * The rows as jsonb_to_recordset's one parameter. The types ensure every row has the written
 * columns; this catches a type that disagrees with the metadata (a column declared optional).
 */
function rowsParameter(table: Table, rows: object[]): string {
  const expected = table.columns.map((column) => column.property).sort();
  const given = Object.keys(rows[0]).sort();
  if (expected.join() !== given.join()) {
    throw new Error(`${table.name}: rows carry ${given.join(', ')}; the table's written columns are ${expected.join(', ')}`);
  }
  const bytea = table.columns.filter((column) => column.bytea).map((column) => column.property);
  if (bytea.length === 0) return JSON.stringify(rows);
  // bytea's text form, which jsonb_to_recordset reads (a Buffer's JSON is an array of numbers).
  const hex = (value: unknown) => (Buffer.isBuffer(value) ? `\\x${value.toString('hex')}` : value);
  return JSON.stringify(
    rows.map((row) => ({
      ...row,
      ...Object.fromEntries(bytea.map((property) => [property, hex((row as Record<string, unknown>)[property])])),
    })),
  );
}

const quoted = (identifier: string) => `"${identifier}"`;

/** `INSERT … SELECT FROM jsonb_to_recordset($1)`: one statement and one parameter whatever the row count. */
function insertSql(table: Table): string {
  const names = table.columns.map((column) => column.name).join(', ');
  const properties = table.columns.map((column) => quoted(column.property)).join(', ');
  const record = table.columns.map((column) => `${quoted(column.property)} ${column.type}`).join(', ');
  return `INSERT INTO ${table.name} (${names}) SELECT ${properties} FROM jsonb_to_recordset($1::jsonb) AS r(${record})`;
}

/** Inserts rows, for a table whose rows a write replaces (assignments, links) rather than updates. */
export async function insert<E, Omitted extends ColumnOf<E> = never>(
  manager: Queryable,
  entity: EntityClass<E>,
  rows: NoInfer<RowOf<E, Omitted>>[],
  options: WriteOptions<E, Omitted> = {},
): Promise<void> {
  if (rows.length === 0) return;
  const table = tableOf(manager, entity, options.omit ?? []);
  await manager.query(insertSql(table), [rowsParameter(table, rows)]);
}

/**
 * Inserts rows, or updates those whose key exists; rows that would not change are left alone (no
 * new row version, no WAL). Returns how many rows were inserted or updated, so a caller can tell
 * whether readers' caches must be invalidated. Rows are matched by the primary key; `extraSet` is
 * SQL added to the update (`imported_at = now()`).
 */
export async function upsert<E, Omitted extends ColumnOf<E> = never>(
  manager: Queryable,
  entity: EntityClass<E>,
  rows: NoInfer<RowOf<E, Omitted>>[],
  options: WriteOptions<E, Omitted> & { extraSet?: string } = {},
): Promise<number> {
  if (rows.length === 0) return 0;
  const table = tableOf(manager, entity, options.omit ?? []);
  const keys = dataSourceOf(manager)
    .getMetadata(entity)
    .primaryColumns.map((column) => column.databaseName);
  const updated = table.columns.map((column) => column.name).filter((name) => !keys.includes(name));
  const set = [...updated.map((name) => `${name} = EXCLUDED.${name}`), ...(options.extraSet ? [options.extraSet] : [])];
  // Counted in the statement: RETURNING alone would send back one row per written row.
  const [{ count }]: { count: number }[] = await manager.query(
    `WITH written AS (
       ${insertSql(table)}
       ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${set.join(', ')}
       WHERE (${updated.map((name) => `${table.name}.${name}`).join(', ')}) IS DISTINCT FROM (${updated.map((name) => `EXCLUDED.${name}`).join(', ')})
       RETURNING 1
     )
     SELECT count(*)::int AS count FROM written`,
    [rowsParameter(table, rows)],
  );
  return count;
}

/**
 * Fresh planner statistics after a bulk load (`runAlignment` of several plans calls it first).
 * Until autovacuum's ANALYZE comes round (within a minute or so of the load; never where autovacuum
 * is off), PostgreSQL plans against the tables as they were: straight after a load of three years'
 * plans, the alignment's read of a plan's parts (change/change.reader.ts) scanned every assignment
 * once per task, 3.7 s for one jurisdiction's three plans instead of milliseconds. ANALYZE samples
 * every table: 80–120 ms on the two seed plans, 6–8 s on the national corpus (its 2 million links),
 * so it is for bulk loads, not for one upload.
 */
export async function refreshStatistics(dataSource: DataSource): Promise<void> {
  await dataSource.query('ANALYZE');
}
