import DataLoader from 'dataloader';
import { In, type DataSource, type EntityTarget, type FindOptionsOrder, type FindOptionsWhere, type ObjectLiteral } from 'typeorm';

type Key = string | number;

/**
 * Batch-loading helpers for the per-request DataLoaders of each concept (`plan.loader.ts`…): one
 * `WHERE key IN (…)` statement per batch, results in the order of the keys asked for.
 */

/** Entities by a unique column: one entity or null per key. */
export function loaderByKey<E extends ObjectLiteral, K extends Key>(
  dataSource: DataSource,
  entity: EntityTarget<E>,
  column: keyof E & string,
): DataLoader<K, E | null> {
  return new DataLoader<K, E | null>(async (keys) => {
    const rows = await dataSource.getRepository(entity).findBy({ [column]: In([...keys]) } as FindOptionsWhere<E>);
    const byKey = new Map(rows.map((row) => [row[column] as K, row]));
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
  order: FindOptionsOrder<E>,
): DataLoader<K, E[]> {
  return new DataLoader<K, E[]>(async (keys) => {
    const rows = await dataSource.getRepository(entity).find({ where: { [column]: In([...keys]) } as FindOptionsWhere<E>, order });
    return groupByKey(keys, rows, (row) => row[column] as K);
  });
}
