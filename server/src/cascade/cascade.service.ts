import type DataLoader from 'dataloader';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { EntityReader } from '../graphql/batch.js';
import { pageOfList, paginate, type Connection, type Keyset, type PageArgs } from '../graphql/connection.js';
import { ApiError, ErrorCode } from '../graphql/errors.js';
import type { Loaders } from '../graphql/loaders.js';
import { Indicator } from '../indicator/indicator.entity.js';
import type { Metric } from '../metric/metric.entity.js';
import { Plan } from '../plan/plan.entity.js';
import { Verdict, type CascadeTarget, type TargetVerdict } from './cascade.types.js';
import {
  comparableOf,
  compareStrictness,
  directionOf,
  incomparabilityParts,
  reasonText,
  VerdictReasonKind,
  yearEndParts,
} from './target-rules.js';

/** The loaders a cascade reads targets and metrics through (a part of the request's loaders). */
export interface CascadeReaders {
  indicatorById: DataLoader<string, Indicator | null>;
  metricByKey: DataLoader<string, Metric | null>;
}

interface ParentRow {
  childId: string;
  parentId: string;
  distance: number;
}

/**
 * The verdicts of each target against the same metric's targets in its ancestors' plans of the
 * same year, nearest level first. Four statements per batch, whatever the number of targets: the
 * ancestors' targets (a recursive walk up the jurisdictions), the targets themselves, the year-end
 * values of cumulative quarterly ones, and the metrics.
 */
export async function findCascades(
  dataSource: DataSource,
  loaders: CascadeReaders,
  indicatorIds: readonly string[],
): Promise<TargetVerdict[][]> {
  const rows: ParentRow[] = await dataSource.query(
    `WITH RECURSIVE child AS (
       SELECT i.id, i.metric_key, p.year, p.jurisdiction_code
       FROM indicator i JOIN task t ON t.id = i.task_id JOIN plan p ON p.id = t.plan_id
       WHERE i.id = ANY($1) AND i.metric_key IS NOT NULL
     ), lineage AS (
       SELECT c.id AS child_id, c.year, c.metric_key, j.parent_code AS code, 1 AS distance
       FROM child c JOIN jurisdiction j ON j.code = c.jurisdiction_code WHERE j.parent_code IS NOT NULL
       UNION ALL
       SELECT l.child_id, l.year, l.metric_key, j.parent_code, l.distance + 1
       FROM lineage l JOIN jurisdiction j ON j.code = l.code WHERE j.parent_code IS NOT NULL
     ), ancestor AS MATERIALIZED (
       -- A province's page shares a handful of ancestors: their targets are read once, not once per child.
       SELECT DISTINCT code, year, metric_key FROM lineage
     ), target AS MATERIALIZED (
       SELECT a.code, a.year, a.metric_key, i.id, i.span_start
       FROM ancestor a
       JOIN plan p ON p.jurisdiction_code = a.code AND p.year = a.year
       JOIN task t ON t.plan_id = p.id
       JOIN indicator i ON i.task_id = t.id AND i.metric_key = a.metric_key
     )
     SELECT l.child_id AS "childId", g.id AS "parentId", l.distance
     FROM lineage l
     JOIN target g ON g.code = l.code AND g.year = l.year AND g.metric_key = l.metric_key
     ORDER BY l.child_id, l.distance, g.span_start, g.id`,
    [indicatorIds],
  );
  const ids = [...new Set([...indicatorIds, ...rows.map((row) => row.parentId)])];
  const [indicators, yearEnds] = await Promise.all([loaders.indicatorById.loadMany(ids), yearEndValues(dataSource, ids)]);
  const byId = new Map<string, Indicator>();
  for (const indicator of indicators) if (indicator && !(indicator instanceof Error)) byId.set(indicator.id, indicator);
  const metricKeys = [...new Set([...byId.values()].flatMap((indicator) => indicator.metricKey ?? []))];
  const metrics = new Map<string, Metric>();
  for (const metric of await loaders.metricByKey.loadMany(metricKeys))
    if (metric && !(metric instanceof Error)) metrics.set(metric.key, metric);
  const parentsOf = new Map<string, ParentRow[]>();
  for (const row of rows) parentsOf.set(row.childId, [...(parentsOf.get(row.childId) ?? []), row]);

  return indicatorIds.map((id) => {
    const child = byId.get(id);
    if (!child?.metricKey) return [];
    const metric = metrics.get(child.metricKey) ?? null;
    const comparable = (indicator: Indicator) => comparableOf(indicator, metric, yearEnds.get(indicator.id) ?? null);
    const mine = comparable(child);
    const direction = directionOf(child, metric);
    const levels = new Map<number, Indicator[]>();
    for (const row of parentsOf.get(id) ?? []) {
      const parent = byId.get(row.parentId);
      if (parent) levels.set(row.distance, [...(levels.get(row.distance) ?? []), parent]);
    }
    return [...levels].flatMap(([distance, parents]) => {
      const candidates = collapseCumulative(parents).map((parent) => {
        const theirs = comparable(parent);
        return { parent, theirs, why: incomparabilityParts(mine, theirs) };
      });
      const verdictOf = (parent: Indicator, verdict: Verdict, reasons: TargetVerdict['reasons']): TargetVerdict => ({
        parent,
        distance,
        verdict,
        reason: reasonText(reasons),
        reasons,
      });
      // Where a level has targets that compare, those are the verdicts; otherwise say why none does.
      const comparableOnes = candidates.filter((candidate) => !candidate.why.length);
      if (!comparableOnes.length) return candidates.map(({ parent, why }) => verdictOf(parent, Verdict.NOT_COMPARABLE, why));
      return comparableOnes.map(({ parent, theirs }): TargetVerdict => {
        if (direction === null) {
          return verdictOf(parent, Verdict.NOT_COMPARABLE, [{ kind: VerdictReasonKind.NO_DIRECTION, value: null, parentValue: null }]);
        }
        const order = compareStrictness(mine, theirs, direction);
        const verdict = order > 0 ? Verdict.STRICTER : order < 0 ? Verdict.LAXER : Verdict.EQUAL;
        return verdictOf(parent, verdict, yearEndParts(mine, theirs));
      });
    });
  });
}

/** A cumulative quarterly series (2 → 4 → 6) is one target of the level above: keep its last quarter. */
function collapseCumulative(parents: Indicator[]): Indicator[] {
  const last = new Map<string, Indicator>();
  const kept: Indicator[] = [];
  for (const parent of parents) {
    if (!parent.cumulative || !parent.scheduleItemId) {
      kept.push(parent);
      continue;
    }
    const series = `${parent.scheduleItemId}:${parent.subject}`;
    const current = last.get(series);
    if (!current) kept.push(parent);
    if (!current || parent.period > current.period) last.set(series, parent);
  }
  return kept.map((parent) =>
    parent.cumulative && parent.scheduleItemId ? last.get(`${parent.scheduleItemId}:${parent.subject}`)! : parent,
  );
}

/** The year-end value (the last quarter's) of each cumulative quarterly target among `ids`. */
async function yearEndValues(dataSource: DataSource, ids: string[]): Promise<Map<string, number>> {
  const rows: { id: string; yearEnd: number }[] = await dataSource.query(
    `SELECT i.id, last.value AS "yearEnd"
     FROM indicator i
     JOIN LATERAL (
       SELECT s.value FROM indicator s
       WHERE s.schedule_item_id = i.schedule_item_id AND s.subject = i.subject AND s.cumulative AND s.period <> 'YEAR'
       ORDER BY s.period DESC LIMIT 1
     ) last ON TRUE
     WHERE i.id = ANY($1) AND i.cumulative AND i.period <> 'YEAR' AND i.schedule_item_id IS NOT NULL`,
    [ids],
  );
  return new Map(rows.map((row) => [row.id, Number(row.yearEnd)]));
}

/**
 * Targets a laxer-only view judges at most: a province holds a few hundred of one metric for a
 * year, the whole country ~10,000, whose verdicts would take seconds of one request. A view that
 * large is refused (request/limit_exceeded); page the unfiltered view, or ask per province.
 */
export const MAX_LAXER_SCAN = 2_000;

/**
 * Only the targets laxer than a level above: whether one is can only be computed, so every target
 * of the view is read and judged (one cascade batch, four statements), then paged.
 */
async function laxerPage(
  query: SelectQueryBuilder<Indicator>,
  reader: EntityReader<Indicator>,
  loaders: Loaders,
  page: PageArgs,
): Promise<Connection<Indicator>> {
  const rows: Record<string, unknown>[] = await query
    .clone()
    .select(reader.select(query.alias))
    .orderBy('indicator.id', 'ASC')
    .limit(MAX_LAXER_SCAN + 1)
    .getRawMany();
  if (rows.length > MAX_LAXER_SCAN) {
    throw new ApiError(
      ErrorCode.REQUEST_LIMIT_EXCEEDED,
      `laxerOnly judges at most ${MAX_LAXER_SCAN} targets; this view holds more. Ask for a smaller jurisdiction (a province), or page without laxerOnly.`,
      { argument: 'laxerOnly', max: MAX_LAXER_SCAN },
    );
  }
  const all = rows.map((row) => reader.hydrate(row));
  for (const indicator of all) loaders.indicatorById.prime(indicator.id, indicator);
  const verdicts = await loaders.cascadeByIndicatorId.loadMany(all.map((indicator) => indicator.id));
  const laxer = new Set(
    all.filter((_, index) => {
      const found = verdicts[index];
      if (found instanceof Error) throw found;
      return found.some((verdict) => verdict.verdict === Verdict.LAXER);
    }),
  );
  return pageOfList(all, (indicator) => laxer.has(indicator), CASCADE_KEYSET, page);
}

/** Targets page by id: `<plan id>-…`, so by jurisdiction, then place in the plan. */
const CASCADE_KEYSET: Keyset<Indicator> = {
  name: 'CascadeTargetConnection',
  columns: ['indicator.id'],
  kinds: ['text'],
  values: (indicator) => [indicator.id],
};

/**
 * Every target of one metric in the plans, for one year, of a jurisdiction and all jurisdictions
 * under it (a province's cities, districts and counties), a page at a time; each node's verdicts
 * come from the cascade loader, batched across the page.
 */
export async function findTargetCascade(
  dataSource: DataSource,
  loaders: Loaders,
  args: { metricKey: string; jurisdictionCode: string; year: number; laxerOnly?: boolean },
  page: PageArgs,
): Promise<Connection<CascadeTarget>> {
  const [metric, jurisdiction] = await Promise.all([
    loaders.metricByKey.load(args.metricKey),
    loaders.jurisdictionByCode.load(args.jurisdictionCode),
  ]);
  if (!metric) throw new ApiError(ErrorCode.METRIC_NOT_FOUND, `No metric "${args.metricKey}".`, { metricKey: args.metricKey });
  if (!jurisdiction) {
    throw new ApiError(ErrorCode.JURISDICTION_NOT_FOUND, `No jurisdiction "${args.jurisdictionCode}".`, {
      jurisdictionCode: args.jurisdictionCode,
    });
  }
  const query = dataSource
    .getRepository(Indicator)
    .createQueryBuilder('indicator')
    .innerJoin('indicator.task', 'task')
    .innerJoin(Plan, 'plan', 'plan.id = task.planId')
    .where('indicator.metricKey = :metricKey', { metricKey: metric.key })
    .andWhere('plan.year = :year', { year: args.year })
    // The jurisdictions under it as an array computed first: as `IN (subquery)`, PostgreSQL joined
    // it last and walked every target of the metric in id order hoping to fill the page early
    // (a province's page 350 ms nationally); against an array it starts from their plans (8 ms).
    .andWhere(
      `plan.jurisdictionCode = ANY(ARRAY(WITH RECURSIVE under(code) AS (
         SELECT CAST(:code AS varchar) UNION ALL SELECT j.code FROM jurisdiction j JOIN under u ON j.parent_code = u.code
       ) SELECT code FROM under))`,
      { code: jurisdiction.code },
    );
  const reader = EntityReader.of(dataSource, Indicator);
  const connection = args.laxerOnly ? await laxerPage(query, reader, loaders, page) : await paginate(query, CASCADE_KEYSET, page, reader);
  for (const indicator of connection.nodes) loaders.indicatorById.prime(indicator.id, indicator);
  const wrap = (indicator: Indicator): CascadeTarget => ({ indicator });
  return {
    ...connection,
    nodes: connection.nodes.map(wrap),
    edges: connection.edges.map((edge) => ({ cursor: edge.cursor, node: wrap(edge.node) })),
  };
}
