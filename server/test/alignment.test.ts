import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAlignment } from '../src/alignment/alignment.service.js';
import { readGold, scoreAlignment } from '../src/alignment/evaluation.js';
import { createToken, revokeToken } from '../src/auth/token.service.js';
import { Role } from '../src/auth/api-token.entity.js';
import { seedsDir } from '../src/common/paths.js';
import { toGlobalId } from '../src/graphql/global-id.js';
import { importPlan } from '../src/importer/import-service.js';
import { loadReferenceData } from '../src/reference/reference.service.js';
import { startTestApi, type GraphQLResponse, type TestApi } from './api.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

const TONGZHOU = '320612';
const XUZHOU = '320300';
const gold = readGold('gold-alignment-tongzhou-xuzhou-2021.json');
/** Measured on the seeds (docs/alignment.md); the test fails if the engine gets worse. */
const MEASURED = { precision: 1, recall: 1 };

const seed = (name: string) => readFileSync(join(seedsDir, name));
const taskId = (code: string, ordinal: number) => `${code}-2021-t${ordinal}`;
const ordinalOf = (id: string) => Number(id.split('-t')[1]);

describe('alignment of Tongzhou and Xuzhou 2021', () => {
  let db: TestDatabase;
  let api: TestApi;

  /** A GraphQL request with an optional Authorization header. */
  async function graphql(query: string, variables: Record<string, unknown> = {}, authorization?: string): Promise<GraphQLResponse> {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse;
  }

  /** Suggested or reviewed pairs from Tongzhou to Xuzhou, as task numbers. */
  async function predictedPairs(): Promise<Array<[number, number]>> {
    const rows: { task_id: string; other_task_id: string }[] = await db.dataSource.query(
      `SELECT task_id, other_task_id FROM task_alignment WHERE task_id LIKE $1 AND other_task_id LIKE $2 AND status <> 'REJECTED'`,
      [`${TONGZHOU}-%`, `${XUZHOU}-%`],
    );
    return rows.map((row) => [ordinalOf(row.task_id), ordinalOf(row.other_task_id)]);
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadReferenceData(db.dataSource);
    // Each import runs the alignment of its year and province.
    await importPlan(db.dataSource, { fileName: 'tongzhou-2021.txt', bytes: seed('tongzhou-2021.txt') });
    await importPlan(db.dataSource, { fileName: 'xuzhou-2021.md', bytes: seed('xuzhou-2021.md') });
    api = await startTestApi(db.dataSource);
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('gives every task of both plans a theme', async () => {
    const [{ count }] = await db.dataSource.query(
      `SELECT count(*)::int AS count FROM task t WHERE NOT EXISTS (SELECT 1 FROM task_theme tt WHERE tt.task_id = t.id AND tt.primary)`,
    );
    const [{ tasks }] = await db.dataSource.query(`SELECT count(*)::int AS tasks FROM task`);
    expect(tasks).toBe(gold.a.tasks + gold.b.tasks);
    expect(count).toBe(0);
  });

  it('refreshes the planner statistics before aligning several plans, not for one upload', async () => {
    const analyzed = async () =>
      (
        await db.dataSource.query<{ last_analyze: Date | null }[]>(
          `SELECT last_analyze FROM pg_stat_user_tables WHERE relname IN ('task', 'assignment') ORDER BY relname`,
        )
      ).map((row) => row.last_analyze !== null);
    // Each seed was imported, and aligned, alone.
    expect(await analyzed()).toEqual([false, false]);
    await runAlignment(db.dataSource, { planIds: [`${TONGZHOU}-2021`, `${XUZHOU}-2021`] });
    expect(await analyzed()).toEqual([true, true]);
  });

  it('pairs tasks as the gold pairing does, at least as well as measured', async () => {
    const score = scoreAlignment(gold, await predictedPairs());
    expect(score.precision, JSON.stringify(score)).toBeGreaterThanOrEqual(MEASURED.precision);
    expect(score.recall, JSON.stringify(score)).toBeGreaterThanOrEqual(MEASURED.recall);
    expect(score.sure).toBe(19);
  });

  it('pairs the tasks a careful reader pairs and leaves the unique ones alone', async () => {
    const query = `query($id: ID!, $code: String) { node(id: $id) { ... on Task { ordinal equivalents(jurisdictionCode: $code) {
      id score evidence method status task { ordinal plan { jurisdiction { code } } } } } } }`;
    const equivalents = async (code: string, ordinal: number, other: string) => {
      const { data, errors } = await graphql(query, { id: toGlobalId('Task', taskId(code, ordinal)), code: other });
      expect(errors).toBeUndefined();
      return data!.node.equivalents as Array<{ score: number; evidence: string[]; task: { ordinal: number } }>;
    };
    for (const [a, b] of [
      [5, 2],
      [10, 11],
      [14, 9],
      [20, 15],
      [22, 19],
    ]) {
      const fromTongzhou = await equivalents(TONGZHOU, a, XUZHOU);
      expect(fromTongzhou.map((link) => link.task.ordinal)).toContain(b);
      const link = fromTongzhou.find((candidate) => candidate.task.ordinal === b)!;
      expect(link.score).toBeGreaterThan(0.5);
      expect(link.evidence.length).toBeGreaterThan(0);
      expect((await equivalents(XUZHOU, b, TONGZHOU)).map((back) => back.task.ordinal)).toContain(a);
    }
    expect((await equivalents(TONGZHOU, 5, XUZHOU))[0].evidence.join()).toContain('校园食品安全');
    // T17 is smart supervision and industry innovation: Xuzhou splits it in two tasks.
    expect((await equivalents(TONGZHOU, 17, XUZHOU)).map((link) => link.task.ordinal).sort()).toEqual([12, 13]);
    for (const unique of gold.unique.a) expect(await equivalents(TONGZHOU, unique.task, XUZHOU)).toEqual([]);
    for (const unique of gold.unique.b) expect(await equivalents(XUZHOU, unique.task, TONGZHOU)).toEqual([]);
  });

  it('shows in the comparison which work is unique to which plan', async () => {
    const { data, errors } = await graphql(`
      {
        comparison(jurisdictionCodes: ["320612", "320300"], year: 2021) {
          jurisdictions {
            code
          }
          rows {
            theme {
              key
            }
            uniqueTo {
              code
            }
            missingFrom {
              code
            }
            cells {
              jurisdiction {
                code
              }
              tasks {
                ordinal
              }
              unmatchedTasks {
                ordinal
              }
              indicators {
                subject
                value
                unit
              }
            }
          }
        }
      }
    `);
    expect(errors).toBeUndefined();
    const comparison = data!.comparison;
    expect(comparison.jurisdictions.map((j: { code: string }) => j.code)).toEqual([TONGZHOU, XUZHOU]);
    const row = (key: string) => comparison.rows.find((candidate: { theme: { key: string } }) => candidate.theme.key === key);
    for (const key of ['small-workshops', 'food-waste', 'rural-banquets']) {
      expect(row(key).uniqueTo.code).toBe(TONGZHOU);
      expect(row(key).missingFrom.map((j: { code: string }) => j.code)).toEqual([XUZHOU]);
    }
    expect(row('infant-formula').uniqueTo.code).toBe(XUZHOU);
    expect(row('campus-food-safety').uniqueTo).toBeNull();
    expect(row('campus-food-safety').cells.map((cell: { tasks: { ordinal: number }[] }) => cell.tasks.map((task) => task.ordinal))).toEqual(
      [[5], [2]],
    );
    const unmatched = (index: number): number[] =>
      comparison.rows.flatMap((candidate: any) => candidate.cells[index].unmatchedTasks.map((task: { ordinal: number }) => task.ordinal));
    expect([...new Set(unmatched(0))].sort((x, y) => x - y)).toEqual(gold.unique.a.map((unique) => unique.task));
    expect([...new Set(unmatched(1))]).toEqual(gold.unique.b.map((unique) => unique.task));
    const sampling = row('risk-monitoring-sampling').cells[1].indicators;
    expect(sampling).toContainEqual({ subject: '市场监管环节食品安全监督抽检量', value: 4.5, unit: '批次/千人' });
  });

  it('compares sampling density: Tongzhou 6 and Xuzhou 4.5 批次/千人 at the market-supervision stage', async () => {
    const { data, errors } = await graphql(`
      {
        indicatorComparison(metricKey: "sampling-density", jurisdictionCodes: ["320612", "320300"], year: 2021) {
          totalCount
          nodes {
          jurisdiction {
            code
          }
          plan {
            year
          }
          subject
          value
          unit
          indicator {
            metric {
              key
              unit
              higherIsStricter
            }
          }
          }
        }
      }
    `);
    expect(errors).toBeUndefined();
    expect(data!.indicatorComparison.totalCount).toBe(data!.indicatorComparison.nodes.length);
    const values = data!.indicatorComparison.nodes as Array<{
      jurisdiction: { code: string };
      subject: string;
      value: number;
      unit: string;
    }>;
    const market = values.filter((value) => value.subject.includes('市场监管环节'));
    expect(market.map((value) => [value.jurisdiction.code, value.value, value.unit])).toEqual([
      [TONGZHOU, 6, '批次/千人'],
      [XUZHOU, 4.5, '批次/千人'],
    ]);
    // Xuzhou's whole-city target is sampling density too, kept apart by its subject.
    expect(values.map((value) => [value.jurisdiction.code, value.subject, value.value])).toContainEqual([
      XUZHOU,
      '全市农产品和食品抽检量',
      6,
    ]);
    expect(data!.indicatorComparison.nodes[0].indicator.metric).toEqual({
      key: 'sampling-density',
      unit: '批次/千人',
      higherIsStricter: true,
    });
  });

  it('pages the comparison in the order asked, a page at a time', async () => {
    const query = `query($after: String) {
      indicatorComparison(metricKey: "sampling-density", jurisdictionCodes: ["320300", "320612"], first: 1, after: $after) {
        totalCount nodes { jurisdiction { code } subject value } pageInfo { hasNextPage endCursor }
      }
    }`;
    const seen: [string, string, number][] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const { data, errors } = await graphql(query, { after });
      expect(errors).toBeUndefined();
      const connection = data!.indicatorComparison;
      seen.push(...connection.nodes.map((node: any) => [node.jurisdiction.code, node.subject, node.value]));
      if (!connection.pageInfo.hasNextPage) {
        expect(seen).toHaveLength(connection.totalCount);
        break;
      }
      after = connection.pageInfo.endCursor;
    }
    // Xuzhou first, as asked, then Tongzhou; every target once.
    expect(seen[0][0]).toBe(XUZHOU);
    expect(seen.at(-1)![0]).toBe(TONGZHOU);
    expect(new Set(seen.map((value) => value.join('|'))).size).toBe(seen.length);
    const tooLarge = await graphql(`{ indicatorComparison(metricKey: "sampling-density", first: 101) { totalCount } }`);
    expect(tooLarge.errors?.[0].extensions?.code).toBe('input/first_too_large');
  });

  it('lets two runs of one year and province run at once, ending with the rows one run leaves', async () => {
    const rows = async () => ({
      links: await db.dataSource.query(`SELECT * FROM task_alignment ORDER BY id`),
      // Everything but when the row was written.
      themes: await db.dataSource.query(`SELECT to_jsonb(tt) - 'created_at' AS theme FROM task_theme tt ORDER BY task_id, theme_key`),
    });
    const before = await rows();
    expect(before.links.length).toBeGreaterThan(0);
    // Each deletes the group's themes and links and inserts them again: interleaved, they collide on
    // their keys. A pause before the first delete lets both runs get there, as a large group's do.
    await db.dataSource.query(`
      CREATE FUNCTION pause_alignment() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.2); RETURN NULL; END $$;
      CREATE TRIGGER pause_alignment BEFORE DELETE ON task_theme FOR EACH STATEMENT EXECUTE FUNCTION pause_alignment();
    `);
    const runs = await Promise.all([TONGZHOU, XUZHOU].map((code) => runAlignment(db.dataSource, { planIds: [`${code}-2021`] }))).finally(
      () => db.dataSource.query(`DROP TRIGGER pause_alignment ON task_theme; DROP FUNCTION pause_alignment()`),
    );
    expect(runs.map((run) => run.links)).toEqual([before.links.length, before.links.length]);
    expect(await rows()).toEqual(before);
  });

  describe('reviews', () => {
    const review = `mutation($id: ID!, $status: AlignmentStatus!, $note: String) {
      reviewAlignment(id: $id, status: $status, note: $note) { id status note reviewedBy task { ordinal } } }`;
    const campus = toGlobalId('TaskAlignment', `${taskId(TONGZHOU, 5)}~${taskId(XUZHOU, 2)}`);
    const coldChain = toGlobalId('TaskAlignment', `${taskId(TONGZHOU, 11)}~${taskId(XUZHOU, 6)}`);

    it('refuses a change without a token, with a wrong one and with a revoked one', async () => {
      const variables = { id: campus, status: 'CONFIRMED' };
      const { token: revoked } = await createToken(db.dataSource, Role.EDITOR, 'revoked-editor');
      await revokeToken(db.dataSource, revoked.slice(0, 11));
      for (const authorization of [undefined, 'Bearer pa_not-a-real-token', `Bearer ${revoked}`, revoked]) {
        const { data, errors } = await graphql(review, variables, authorization);
        expect(data).toBeNull();
        expect(errors![0].extensions.code).toBe('auth/unauthenticated');
      }
      const [{ count }] = await db.dataSource.query(`SELECT count(*)::int AS count FROM alignment_review`);
      expect(count).toBe(0);
    });

    it("keeps an editor's decisions across re-import and re-alignment, and logs them", async () => {
      const { token } = await createToken(db.dataSource, Role.EDITOR, 'reviewer-wang');
      const bearer = `Bearer ${token}`;
      const confirmed = await graphql(review, { id: campus, status: 'CONFIRMED', note: '同一任务' }, bearer);
      expect(confirmed.errors).toBeUndefined();
      expect(confirmed.data!.reviewAlignment).toMatchObject({
        status: 'CONFIRMED',
        note: '同一任务',
        reviewedBy: 'reviewer-wang',
        task: { ordinal: 2 },
      });
      const rejected = await graphql(review, { id: coldChain, status: 'REJECTED' }, bearer);
      expect(rejected.data!.reviewAlignment.status).toBe('REJECTED');

      // A revision of Tongzhou's plan (one more line at the end): its tasks are deleted and re-created.
      const revised = Buffer.concat([seed('tongzhou-2021.txt'), Buffer.from('\n')]);
      expect((await importPlan(db.dataSource, { fileName: 'tongzhou-2021.txt', bytes: revised })).status).toBe('replaced');
      await runAlignment(db.dataSource);

      const status = async (id: string) =>
        (
          await graphql(
            `
              query ($id: ID!) {
                node(id: $id) {
                  ... on TaskAlignment {
                    status
                    note
                    reviewedBy
                  }
                }
              }
            `,
            { id },
          )
        ).data!.node;
      expect(await status(campus)).toEqual({ status: 'CONFIRMED', note: '同一任务', reviewedBy: 'reviewer-wang' });
      // Both directions carry the decision.
      expect(await status(toGlobalId('TaskAlignment', `${taskId(XUZHOU, 2)}~${taskId(TONGZHOU, 5)}`))).toMatchObject({
        status: 'CONFIRMED',
      });
      expect((await status(coldChain)).status).toBe('REJECTED');
      const equivalents = await graphql(
        `
          query ($id: ID!) {
            node(id: $id) {
              ... on Task {
                equivalents(jurisdictionCode: "320300") {
                  task {
                    ordinal
                  }
                }
              }
            }
          }
        `,
        { id: toGlobalId('Task', taskId(TONGZHOU, 11)) },
      );
      expect(equivalents.data!.node.equivalents).toEqual([]);

      const log: { actor: string; mutation: string; args: { status: string }; before: { status: string }; after: { status: string } }[] =
        await db.dataSource.query(`SELECT actor, mutation, args, before, after FROM audit_log ORDER BY id`);
      expect(log.map((entry) => [entry.actor, entry.mutation, entry.before.status, entry.after.status])).toEqual([
        ['reviewer-wang', 'reviewAlignment', 'SUGGESTED', 'CONFIRMED'],
        ['reviewer-wang', 'reviewAlignment', 'SUGGESTED', 'REJECTED'],
      ]);
    });

    it("keeps an editor's task themes across re-alignment", async () => {
      const { token } = await createToken(db.dataSource, Role.EDITOR, 'reviewer-li');
      const set = await graphql(
        `
          mutation ($id: ID!) {
            setTaskThemes(taskId: $id, themeKeys: ["food-waste", "publicity-legal-education"]) {
              ordinal
              themes {
                theme {
                  key
                }
                source
                primary
              }
            }
          }
        `,
        { id: toGlobalId('Task', taskId(TONGZHOU, 9)) },
        `Bearer ${token}`,
      );
      expect(set.errors).toBeUndefined();
      await runAlignment(db.dataSource);
      const { data } = await graphql(
        `
          query ($id: ID!) {
            node(id: $id) {
              ... on Task {
                themes {
                  theme {
                    key
                  }
                  source
                  primary
                }
              }
            }
          }
        `,
        {
          id: toGlobalId('Task', taskId(TONGZHOU, 9)),
        },
      );
      expect(data!.node.themes).toEqual([
        { theme: { key: 'food-waste' }, source: 'MANUAL', primary: true },
        { theme: { key: 'publicity-legal-education' }, source: 'MANUAL', primary: false },
      ]);
      const unknown = await graphql(
        `
          mutation ($id: ID!) {
            setTaskThemes(taskId: $id, themeKeys: ["no-such-theme"]) {
              ordinal
            }
          }
        `,
        { id: toGlobalId('Task', taskId(TONGZHOU, 9)) },
        `Bearer ${token}`,
      );
      expect(unknown.errors![0].extensions.code).toBe('theme/unknown');
    });
  });
});
