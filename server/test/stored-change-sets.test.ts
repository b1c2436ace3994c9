import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Role } from '../src/auth/api-token.entity.js';
import { createToken } from '../src/auth/token.service.js';
import { storeChangeSets } from '../src/change/change-set.js';
import { seedsDir } from '../src/common/paths.js';
import { toGlobalId } from '../src/graphql/global-id.js';
import { importPlan } from '../src/importer/import-service.js';
import { loadReferenceData } from '../src/reference/reference.service.js';
import { setTaskThemes } from '../src/theme/theme.service.js';
import { startTestApi, type TestApi } from './api.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

const CHANGES = `query($from: ID!, $to: ID!) { planChanges(from: $from, to: $to) {
  tasks {
    kind score reworded
    before { id } after { id }
    clauses { before { id } after { id } diff { kind text } }
    agencies { kind role agency { name } }
    targets { kind stricter delta before { id } after { id } }
  }
} }`;

/** A score no computation gives (scores are rounded to thousandths). */
const PLANTED_SCORE = 0.0001;

/**
 * The change set of Tongzhou 2021 → 2022 is stored when the 2022 plan is imported (its alignment
 * stores it), used while the tasks, themes and clauses it was computed from are unchanged, and
 * ignored as soon as one changes. To tell which answered, a score no computation gives is planted
 * in the stored row: the answer shows it only if the row was used.
 */
describe('stored change sets', () => {
  let db: TestDatabase;
  let api: TestApi;
  let taskId: (plan: string, ordinal: number) => Promise<string>;

  const changes = async () => {
    const response = await api.query(CHANGES, { from: toGlobalId('Plan', '320612-2021'), to: toGlobalId('Plan', '320612-2022') });
    expect(response.errors).toBeUndefined();
    return response.data!.planChanges.tasks as any[];
  };
  const stored = async (): Promise<{ fingerprint: string }[]> =>
    db.dataSource.query(`SELECT fingerprint FROM plan_change_set WHERE from_plan_id = '320612-2021' AND to_plan_id = '320612-2022'`);
  const plantScore = () =>
    db.dataSource.query(
      `UPDATE plan_change_set SET tasks = jsonb_set(tasks, '{0,score}', to_jsonb($1::float8)) WHERE from_plan_id = '320612-2021' AND to_plan_id = '320612-2022'`,
      [PLANTED_SCORE],
    );
  /** The answer computed from the data as it is now, with nothing stored. */
  const computed = async () => {
    const saved: { tasks: unknown; fingerprint: string }[] = await db.dataSource.query(
      `SELECT fingerprint, tasks FROM plan_change_set WHERE from_plan_id = '320612-2021' AND to_plan_id = '320612-2022'`,
    );
    await db.dataSource.query(`DELETE FROM plan_change_set`);
    const answer = await changes();
    await db.dataSource.query(
      `INSERT INTO plan_change_set (from_plan_id, to_plan_id, fingerprint, tasks) VALUES ('320612-2021', '320612-2022', $1, $2::jsonb)`,
      [saved[0].fingerprint, JSON.stringify(saved[0].tasks)],
    );
    return answer;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadReferenceData(db.dataSource);
    await importPlan(db.dataSource, { fileName: 'tongzhou-2021.txt', bytes: readFileSync(join(seedsDir, 'tongzhou-2021.txt')) });
    await importPlan(db.dataSource, {
      fileName: 'tongzhou-2022.txt',
      bytes: readFileSync(join(import.meta.dirname, 'fixtures', 'tongzhou-2022.txt')),
    });
    api = await startTestApi(db.dataSource);
    taskId = async (plan, ordinal) =>
      ((await db.dataSource.query(`SELECT id FROM task WHERE plan_id = $1 AND ordinal = $2`, [plan, ordinal])) as { id: string }[])[0].id;
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });
  beforeEach(async () => {
    // Fresh for the data as the previous test left it.
    await storeChangeSets(db.dataSource, ['320612-2022']);
  });

  it('are stored by the alignment of an import, and answer as computing does', async () => {
    expect(await stored()).toHaveLength(1);
    const answer = await changes();
    expect(answer.map((change) => change.kind)).toContain('SPLIT');
    expect(answer).toEqual(await computed());
  });

  it('are used while what they were computed from is unchanged', async () => {
    await plantScore();
    expect((await changes())[0].score).toBe(PLANTED_SCORE);
    // Nothing to recompute: the alignment leaves a fresh one alone.
    expect(await storeChangeSets(db.dataSource, ['320612-2022'])).toBe(0);
    expect((await changes())[0].score).toBe(PLANTED_SCORE);
  });

  it("are ignored once a task's themes change, until the next alignment stores them again", async () => {
    await plantScore();
    const before = await stored();
    await setTaskThemes(db.dataSource.manager, await taskId('320612-2022', 1), ['campus-food-safety']);
    const answer = await changes();
    expect(answer[0].score).not.toBe(PLANTED_SCORE);
    expect(answer).toEqual(await computed());
    expect(await storeChangeSets(db.dataSource, ['320612-2022'])).toBe(1);
    expect((await stored())[0].fingerprint).not.toBe(before[0].fingerprint);
    expect(await changes()).toEqual(answer);
  });

  it("are stored again when an editor sets a task's themes", async () => {
    const before = await stored();
    const { token } = await createToken(db.dataSource, Role.EDITOR, 'editor-li');
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: `mutation($id: ID!) { setTaskThemes(taskId: $id, themeKeys: ["food-waste"]) { id } }`,
        variables: { id: toGlobalId('Task', await taskId('320612-2022', 2)) },
      }),
    });
    expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
    // Fresh already: the next alignment finds nothing to store, and the stored answer is used.
    expect((await stored())[0].fingerprint).not.toBe(before[0].fingerprint);
    expect(await storeChangeSets(db.dataSource, ['320612-2022'])).toBe(0);
    await plantScore();
    expect((await changes())[0].score).toBe(PLANTED_SCORE);
  });

  it("are ignored once a task's text changes: the answer follows the text", async () => {
    // Task 4 of 2022 is task 3 of 2021 with a target moved and an agency gone: not reworded.
    const task = await taskId('320612-2022', 4);
    const index = (await changes()).findIndex((change) => change.after[0]?.id === toGlobalId('Task', task));
    expect((await changes())[index].reworded).toBe(false);
    await plantScore();
    await db.dataSource.query(`UPDATE task SET text = text || '开展专项培训。' WHERE id = $1`, [task]);
    const answer = await changes();
    expect(answer[0].score).not.toBe(PLANTED_SCORE);
    expect(answer[index].reworded).toBe(true);
    expect(answer).toEqual(await computed());
  });

  it("are ignored once a clause's text changes: its diff follows the text", async () => {
    const task = await taskId('320612-2022', 4);
    const [clause]: { id: string; text: string }[] = await db.dataSource.query(
      `SELECT id, text FROM clause WHERE task_id = $1 ORDER BY ordinal LIMIT 1`,
      [task],
    );
    const index = (await changes()).findIndex((change) => change.after[0]?.id === toGlobalId('Task', task));
    await plantScore();
    await db.dataSource.query(`UPDATE clause SET text = text || '每季度通报。' WHERE id = $1`, [clause.id]);
    const answer = await changes();
    expect(answer[0].score).not.toBe(PLANTED_SCORE);
    const diff = answer[index].clauses.find((change: any) => change.after?.id === toGlobalId('Clause', clause.id)).diff;
    expect(
      diff
        .filter((part: any) => part.kind === 'INSERT')
        .map((part: any) => part.text)
        .join(''),
    ).toContain('每季度通报');
    expect(answer).toEqual(await computed());
  });

  it('go with either plan', async () => {
    await db.dataSource.query(`DELETE FROM plan WHERE id = '320612-2021'`);
    expect(await stored()).toEqual([]);
  });
});
