import type { DataSource } from 'typeorm';

/** The text search's index (migration TaskSearchKeys; `Task`'s @Index). */
export const SEARCH_INDEX = 'IDX_task_search_keys';

/**
 * Moves the search index's pending entries into the index proper, after a write of tasks commits.
 * A GIN index takes new entries into an unsorted pending list, which every search then reads whole,
 * until the list passes 4 MB (`gin_pending_list_limit`) or autovacuum comes round; the uploads of a
 * few plans trigger neither. Nationally, 467 pending pages cost every search 2.3–2.8 ms of the
 * database (信用 4.2 → 1.4 ms, 农村 15.8 → 13.4). Moved in bulk after each import, they cost
 * ~0.1 ms a task (631 tasks: 50–70 ms), where taking them into the index one by one
 * (`fastupdate = off`) cost ~1.1 ms a task, 70 s on a national bulk load.
 *
 * Only the index's owner (the role that ran the migrations) may move them: under another role the
 * list stays for autovacuum, as before. Never throws: the write it follows has committed, and a
 * failure here costs searches time, not data; `log` is told.
 */
export async function flushSearchIndex(dataSource: DataSource, log: (message: string) => void = console.error): Promise<void> {
  try {
    await dataSource.query(`SELECT gin_clean_pending_list(CAST($1 AS regclass))`, [`"${SEARCH_INDEX}"`]);
  } catch (error) {
    if ((error as { code?: string }).code === '42501') return;
    log(
      `Could not move the search index's pending entries into it (searches read them until autovacuum does): ${(error as Error).message}`,
    );
  }
}
