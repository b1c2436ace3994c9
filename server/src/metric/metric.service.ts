import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { seedsDir } from '../common/paths.js';
import { upsert, type RowOf } from '../db/bulk-write.js';
import { Indicator } from '../indicator/indicator.entity.js';
import { Metric, type MetricMatchRule } from './metric.entity.js';

interface MetricSeed {
  key: string;
  name: string;
  nameEn: string;
  unit: string;
  higherIsStricter: boolean;
  description: string;
  match: MetricMatchRule[];
}

/** The metrics as seeds/reference/metrics.json holds them, in matching order. */
export function readMetricSeeds(file = join(seedsDir, 'reference', 'metrics.json')): Metric[] {
  const { metrics } = JSON.parse(readFileSync(file, 'utf8')) as { metrics: MetricSeed[] };
  return metrics.map((seed, index) => Object.assign(new Metric(), { ...seed, ordinal: index + 1 }));
}

/** Writes the metrics, only the rows that are missing or differ from the file; returns how many it wrote. */
export function loadMetricSeeds(manager: EntityManager | DataSource): Promise<number> {
  const rows = readMetricSeeds().map((metric): RowOf<Metric> => ({
    key: metric.key,
    name: metric.name,
    nameEn: metric.nameEn,
    unit: metric.unit,
    higherIsStricter: metric.higherIsStricter,
    description: metric.description,
    match: metric.match,
    ordinal: metric.ordinal,
  }));
  return upsert(manager, Metric, rows);
}

/** Units written differently in different plans (批次 / 千人 with spaces, ％). */
export function normalizeUnit(unit: string): string {
  return unit.replace(/\s+/g, '').replace(/％/g, '%').replace(/／/g, '/');
}

/** The key of the first metric (in `metrics`' order) with a rule matching the subject and unit, or null. */
export function matchMetric(metrics: Metric[], subject: string, unit: string): string | null {
  const normalizedUnit = normalizeUnit(unit);
  for (const metric of metrics) {
    for (const rule of metric.match) {
      if (rule.units.map(normalizeUnit).includes(normalizedUnit) && new RegExp(rule.subject).test(subject)) return metric.key;
    }
  }
  return null;
}

/** Factors from an indicator's unit to its metric's unit where they differ in scale only. */
const UNIT_FACTORS: Record<string, Record<string, number>> = {
  万批次: { 批次: 1 / 10_000 },
};

/** An indicator's value in its metric's unit (2 万批次 stays 2; 20000 批次 becomes 2 万批次). */
export function valueInMetricUnit(metric: Metric, value: number, unit: string): { value: number; unit: string } {
  const from = normalizeUnit(unit);
  const factor = from === metric.unit ? 1 : UNIT_FACTORS[metric.unit]?.[from];
  return factor === undefined ? { value, unit } : { value: value * factor, unit: metric.unit };
}

/** Sets `metricKey` on the indicators of the given plans (all when omitted); returns how many matched. */
export async function mapIndicatorsToMetrics(manager: EntityManager | DataSource, taskIds?: string[]): Promise<number> {
  const metrics = await manager.getRepository(Metric).find({ order: { ordinal: 'ASC' } });
  const indicators = await manager.getRepository(Indicator).find({
    where: taskIds ? { taskId: In(taskIds) } : {},
    select: { id: true, subject: true, unit: true, metricKey: true },
  });
  const byMetric = new Map<string | null, string[]>();
  let matched = 0;
  for (const indicator of indicators) {
    const key = matchMetric(metrics, indicator.subject, indicator.unit);
    if (key) matched++;
    if (key === indicator.metricKey) continue;
    byMetric.set(key, [...(byMetric.get(key) ?? []), indicator.id]);
  }
  for (const [metricKey, ids] of byMetric) {
    for (let start = 0; start < ids.length; start += 5_000) {
      await manager.getRepository(Indicator).update({ id: In(ids.slice(start, start + 5_000)) }, { metricKey });
    }
  }
  return matched;
}
