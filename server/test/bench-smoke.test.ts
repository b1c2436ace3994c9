import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Corpus } from '../bench/corpus/corpus.js';
import { loadTemplates, type Templates } from '../bench/corpus/plans.js';
import { checkScenario, runLoad } from '../bench/http-load.js';
import { loadCorpus } from '../bench/load.js';
import { benchScenarios } from '../bench/scenarios.js';
import { statementsPerRequest } from '../bench/statements.js';
import { runAlignment } from '../src/alignment/alignment.service.js';
import { startTestApi, type TestApi } from './api.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/** The first 30 jurisdictions of Hebei in code order: the province, 石家庄市 and its 22 counties and districts, 唐山市 and a few of its. */
const SMALL = { seed: 1, years: [2021], provinces: ['13'], limit: 30 };

/** A tiny run of the benchmark's code (`pnpm run bench` itself stays out of `pnpm test`). */
describe('the benchmark', () => {
  let templates: Templates;
  let db: TestDatabase;
  let api: TestApi;

  beforeAll(async () => {
    templates = await loadTemplates();
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('generates the same corpus from the same seed, and another from another', () => {
    const texts = (seed: number) =>
      [...new Corpus(templates, { ...SMALL, seed }).batches(100)].flat().map((plan) => plan.parsed.sourceText);
    const first = texts(1);
    expect(first).toHaveLength(30);
    expect(texts(1)).toEqual(first);
    expect(texts(2)).not.toEqual(first);
  });

  it('varies the seed plans: other agencies, other numbers, fewer or borrowed tasks', () => {
    const plans = [...new Corpus(templates, SMALL).batches(100)].flat();
    const county = plans.find((plan) => plan.jurisdictionCode === '130102')!;
    expect(county.parsed.sourceText).not.toContain('通州');
    expect(county.parsed.sourceText).not.toContain('徐州');
    const taskCounts = new Set(plans.map((plan) => plan.parsed.sections.flatMap((section) => section.tasks).length));
    expect(taskCounts.size).toBeGreaterThan(3);
    // Spans point at what they name.
    for (const task of county.parsed.sections.flatMap((section) => section.tasks)) {
      expect(county.parsed.sourceText.slice(task.span.start, task.span.end)).toBe(task.text);
    }
  });

  it('imports through the product path, aligns, and measures the API', async () => {
    const corpus = new Corpus(templates, SMALL);
    const loaded = await loadCorpus(db.dataSource, corpus);
    expect(loaded.plans).toBe(30);
    const [{ count }]: { count: number }[] = await db.dataSource.query(`SELECT count(*)::int AS count FROM plan`);
    expect(count).toBe(30);
    const alignment = await runAlignment(db.dataSource);
    expect(alignment.tasks).toBe(loaded.tasks);
    expect(alignment.links).toBeGreaterThan(0);

    const scenarios = await benchScenarios(db.dataSource, 2021);
    const statements = await statementsPerRequest(db.url, scenarios);
    // Two different arguments, the same shape: the same number of statements.
    expect(statements['comparison of 10'][0]).toBe(statements['comparison of 10'][1]);
    api = await startTestApi(db.dataSource);
    for (const scenario of scenarios) await checkScenario(api.url, scenario);
    const figures = await runLoad(api.url, scenarios[0], 2, 0.3);
    expect(figures.requests).toBeGreaterThan(0);
    expect(figures.errors).toBe(0);
  });
});
