import DataLoader from 'dataloader';
import type { DataSource, EntityTarget, ObjectLiteral, ValueTransformer } from 'typeorm';

type Key = string | number;

/**
 * Batch-loading helpers for the per-request DataLoaders of each concept (`plan.loader.ts`…): one
 * `WHERE key = ANY(…)` statement per batch, results in the order of the keys asked for.
 *
 * They read through `dataSource.query` with a select list built from the entity's metadata, not
 * through TypeORM's query builder: building the SQL and hydrating rows cost more CPU than the
 * database did on the hot paths (plan detail, task search). The entities stay the type source
 * and the rows become instances of their classes (Node's resolveType reads the class name).
 */

interface ReaderColumn {
  property: string;
  database: string;
  /** `date` columns are read as text ('2021-05-06'), as TypeORM hydrates them, not as a JS Date. */
  date: boolean;
  /** Part of the primary key: always read (ids, cursors, loader keys). */
  primary: boolean;
  /** Timestamps arrive as strings inside JSON (prefetch.ts) and become Dates again. */
  timestamp: boolean;
  transformer?: ValueTransformer | ValueTransformer[];
}

/** How rows of one entity are selected and turned into instances of its class. */
export class EntityReader<E extends ObjectLiteral> {
  readonly table: string;
  /** What it reads. */
  private readonly columns: ReaderColumn[];
  /** Every column of the API's reads, for `column()`: a narrower reader still filters and sorts by any. */
  private readonly all: ReaderColumn[];
  private readonly prototype: object;

  /** Keyed by the driver, which a request's snapshot (snapshot.ts) shares with the server's DataSource. */
  private static readonly cache = new WeakMap<object, Map<unknown, EntityReader<ObjectLiteral>>>();

  /**
   * The reader of an entity's API reads, built once per data source. It leaves out the columns the
   * entity class lists in a static `readOnDemand` (Plan's source text): their fields load them.
   */
  static of<E extends ObjectLiteral>(dataSource: DataSource, entity: EntityTarget<E>): EntityReader<E> {
    let readers = EntityReader.cache.get(dataSource.driver);
    if (!readers) EntityReader.cache.set(dataSource.driver, (readers = new Map()));
    let reader = readers.get(entity);
    if (!reader) {
      const omit = (entity as { readOnDemand?: readonly string[] }).readOnDemand ?? [];
      readers.set(entity, (reader = new EntityReader(dataSource, entity as EntityTarget<ObjectLiteral>, omit)));
    }
    return reader as EntityReader<E>;
  }

  /** The JSON object of a row under `alias` with the same keys as `select` (prefetch.ts), plus `extra` pairs. */
  jsonObject(alias: string, extra: string[] = []): string {
    const pairs = this.columns.map((column) => {
      const value = `${alias}."${column.database}"`;
      return `'${column.property}', ${column.date ? `CAST(${value} AS text)` : value}`;
    });
    return `json_build_object(${[...pairs, ...extra].join(', ')})`;
  }

  private constructor(dataSource: DataSource | null, entity: EntityTarget<E> | EntityReader<E>, omit: readonly string[] = []) {
    if (entity instanceof EntityReader) {
      // A narrower reader of the same entity (`only`).
      this.table = entity.table;
      this.prototype = entity.prototype;
      this.columns = entity.columns.filter((column) => column.primary || !omit.includes(column.property));
      this.all = entity.all;
      return;
    }
    const metadata = dataSource!.getMetadata(entity);
    this.table = `"${metadata.tablePath}"`;
    this.prototype = (metadata.target as { prototype: object }).prototype;
    const seen = new Set<string>();
    this.columns = [];
    for (const column of metadata.columns) {
      // `select: false` columns (the imported file's bytes) and omitted ones are read on demand.
      if (!column.isSelect || column.isVirtual || omit.includes(column.propertyName)) continue;
      if (seen.has(column.databaseName)) continue;
      seen.add(column.databaseName);
      this.columns.push({
        property: column.propertyName,
        database: column.databaseName,
        date: column.type === 'date',
        primary: column.isPrimary,
        timestamp: column.type === 'timestamptz' || column.type === 'timestamp',
        transformer: column.transformer,
      });
    }
    this.all = this.columns;
  }

  /** The properties this reader reads. */
  get properties(): string[] {
    return this.columns.map((column) => column.property);
  }

  private readonly narrower = new Map<string, EntityReader<E>>();

  /**
   * A reader of the same rows leaving out `omit` (primary key columns stay): what a query that
   * never looks at those properties needs (prefetch.ts decides). Readers are kept per set left out.
   */
  without(omit: readonly string[]): EntityReader<E> {
    if (omit.length === 0) return this;
    const key = omit.join(',');
    let reader = this.narrower.get(key);
    if (!reader) this.narrower.set(key, (reader = new EntityReader<E>(null, this, omit)));
    return reader;
  }

  /** The database column of a property (`planId` → `plan_id`). */
  column(property: keyof E & string): string {
    const column = this.all.find((candidate) => candidate.property === property);
    if (!column) throw new Error(`${this.table} has no selected column for ${property}`);
    return `"${column.database}"`;
  }

  private readonly selects = new Map<string, string>();

  /** The select list for the table under `alias`, each column named after its property. */
  select(alias: string): string {
    let select = this.selects.get(alias);
    if (select === undefined) this.selects.set(alias, (select = this.selectList(alias)));
    return select;
  }

  private selectList(alias: string): string {
    return (
      this.columns
        // CAST, not `::text`: TypeORM's query builder would read `:text` as a parameter.
        .map((column) => {
          const value = `${alias}."${column.database}"`;
          return `${column.date ? `CAST(${value} AS text)` : value} AS "${column.property}"`;
        })
        .join(', ')
    );
  }

  /** An instance of the entity's class holding a row's selected columns. */
  hydrate(row: Record<string, unknown>): E {
    const entity = Object.create(this.prototype) as Record<string, unknown>;
    for (const column of this.columns) {
      let value = row[column.property];
      if (column.timestamp && typeof value === 'string') value = new Date(value);
      entity[column.property] = column.transformer ? applyTransformers(column.transformer, value) : value;
    }
    return entity as E;
  }
}

function applyTransformers(transformer: ValueTransformer | ValueTransformer[], value: unknown): unknown {
  if (!Array.isArray(transformer)) return transformer.from(value);
  return transformer.reduceRight((current, each) => each.from(current), value);
}

/** `ORDER BY` for property directions, e.g. `{ ordinal: 'ASC', id: 'ASC' }`. */
export type PropertyOrder<E> = Partial<Record<keyof E & string, 'ASC' | 'DESC'>>;

export function orderBy<E extends ObjectLiteral>(reader: EntityReader<E>, alias: string, order: PropertyOrder<E>): string {
  return Object.entries(order)
    .map(([property, direction]) => `${alias}.${reader.column(property as keyof E & string)} ${direction as string}`)
    .join(', ');
}

/** Entities by a unique column: one entity or null per key. */
export function loaderByKey<E extends ObjectLiteral, K extends Key>(
  dataSource: DataSource,
  entity: EntityTarget<E>,
  column: keyof E & string,
): DataLoader<K, E | null> {
  const reader = EntityReader.of(dataSource, entity);
  const sql = `SELECT ${reader.select('t')} FROM ${reader.table} t WHERE t.${reader.column(column)} = ANY($1)`;
  return new DataLoader<K, E | null>(async (keys) => {
    const rows: Record<string, unknown>[] = await dataSource.query(sql, [keys]);
    const byKey = new Map(rows.map((row) => [row[column] as K, reader.hydrate(row)]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** Groups rows by the value of `column`, in key order, `[]` for keys without rows. */
export function groupByKey<E extends ObjectLiteral, K extends Key>(keys: readonly K[], rows: E[], keyOf: (row: E) => K): E[][] {
  const groups = new Map<K, E[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key) ?? []);
}

/** Entities by a foreign key column: a list (maybe empty) per key, in `order`. */
export function loaderManyByKey<E extends ObjectLiteral, K extends Key>(
  dataSource: DataSource,
  entity: EntityTarget<E>,
  column: keyof E & string,
  order: PropertyOrder<E>,
): DataLoader<K, E[]> {
  const reader = EntityReader.of(dataSource, entity);
  const sql = `SELECT ${reader.select('t')} FROM ${reader.table} t WHERE t.${reader.column(column)} = ANY($1) ORDER BY ${orderBy(reader, 't', order)}`;
  return new DataLoader<K, E[]>(async (keys) => {
    const rows: Record<string, unknown>[] = await dataSource.query(sql, [keys]);
    return groupByKey(keys, rows, (row) => row[column] as K).map((group) => group.map((row) => reader.hydrate(row)));
  });
}

/**
 * Entities found through another table (`sql` selects `reader.select(alias)` and the key as
 * "__key", filtered by `= ANY($1)`): a list per key, in the statement's order.
 */
export function loaderManyBySql<E extends ObjectLiteral, K extends Key>(
  dataSource: DataSource,
  reader: EntityReader<E>,
  sql: string,
): DataLoader<K, E[]> {
  return new DataLoader<K, E[]>(async (keys) => {
    const rows: Record<string, unknown>[] = await dataSource.query(sql, [keys]);
    return groupByKey(keys, rows, (row) => row.__key as K).map((group) => group.map((row) => reader.hydrate(row)));
  });
}
