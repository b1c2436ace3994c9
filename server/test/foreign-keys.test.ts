import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedsDir } from '../src/common/paths.js';
import { importPlan } from '../src/importer/import-service.js';
import { loadReferenceData } from '../src/reference/reference.service.js';
import { setTaskThemes } from '../src/theme/theme.service.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/** Columns that name rows elsewhere without a foreign key, on purpose (see ReferencesAreForeignKeys). */
const PLAIN_KEYS = [
  // A reviewer's decision on a pair outlives re-alignments and the tasks it named.
  'alignment_review.other_task_id',
  'alignment_review.task_id',
  // The audit log outlives plans and tokens.
  'audit_log.plan_ids',
  'audit_log.token_id',
];

const tongzhouText = readFileSync(join(seedsDir, 'tongzhou-2021.txt'), 'utf8');
const PLAN = '320612-2021';

describe('references between tables', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await loadReferenceData(db.dataSource);
  });
  afterAll(() => db?.drop());

  it('are foreign keys, but for the few kept plain on purpose', async () => {
    const rows: { name: string }[] = await db.dataSource.query(`
      SELECT c.table_name || '.' || c.column_name AS name
      FROM information_schema.columns c
      WHERE c.table_schema = 'public' AND c.column_name ~ '_(id|ids|code|key)$'
        AND NOT EXISTS (
          SELECT 1 FROM information_schema.key_column_usage k
          JOIN information_schema.table_constraints t ON t.constraint_name = k.constraint_name AND t.table_schema = k.table_schema
          WHERE t.constraint_type = 'FOREIGN KEY' AND k.table_schema = 'public' AND k.table_name = c.table_name AND k.column_name = c.column_name
        )
      ORDER BY 1`);
    expect(rows.map((row) => row.name)).toEqual(PLAIN_KEYS);
  });

  it('leave no theme of a task that a new revision drops, and keep those of the tasks it keeps', async () => {
    await importPlan(db.dataSource, { fileName: 'tongzhou-2021.txt', bytes: Buffer.from(tongzhouText) });
    await db.dataSource.transaction((manager) => setTaskThemes(manager, `${PLAN}-t21`, ['campus-food-safety']));
    await db.dataSource.transaction((manager) => setTaskThemes(manager, `${PLAN}-t1`, ['campus-food-safety']));
    // Tasks 20 and 21 dropped, 22 renumbered 20: the new revision has 20 tasks.
    const lines = tongzhouText.split('\n');
    const shorter = lines
      .filter((line) => !/^2[01]\.\s/.test(line))
      .map((line) => line.replace(/^22\.(\s)/, '20.$1'))
      .join('\n');
    expect(shorter.split('\n').length).toBe(lines.length - 2);
    await importPlan(db.dataSource, { fileName: 'tongzhou-2021.txt', bytes: Buffer.from(shorter) });

    const [{ tasks }] = await db.dataSource.query(`SELECT count(*)::int AS tasks FROM task WHERE plan_id = $1`, [PLAN]);
    expect(tasks).toBe(20);
    const [{ orphans }] = await db.dataSource.query(
      `SELECT count(*)::int AS orphans FROM task_theme tt WHERE NOT EXISTS (SELECT 1 FROM task t WHERE t.id = tt.task_id)`,
    );
    expect(orphans).toBe(0);
    const kept = await db.dataSource.query(`SELECT theme_key, source FROM task_theme WHERE task_id = $1`, [`${PLAN}-t1`]);
    expect(kept).toEqual([{ theme_key: 'campus-food-safety', source: 'MANUAL' }]);
  });
});
