import { describe, expect, it } from 'vitest';
import { Comparator, Indicator, Period } from '../indicator/indicator.entity.js';
import { Metric } from '../metric/metric.entity.js';
import { readMetricSeeds } from '../metric/metric.service.js';
import {
  comparableOf,
  compareStrictness,
  directionOf,
  incomparabilityParts,
  reasonText,
  subjectCore,
  subjectsComparable,
  yearEndParts,
} from './target-rules.js';

const metrics = new Map(readMetricSeeds().map((metric) => [metric.key, metric]));
const metric = (key: string) => metrics.get(key)!;

function target(fields: Partial<Indicator>): Indicator {
  return Object.assign(new Indicator(), {
    id: 'i',
    subject: '市场监管环节食品安全监督抽检量',
    comparator: Comparator.EQ,
    value: 6,
    unit: '批次/千人',
    period: Period.YEAR,
    cumulative: false,
    metricKey: 'sampling-density',
    scheduleItemId: null,
    ...fields,
  });
}

describe('which way is stricter', () => {
  it('reads a floor or a cap from the comparator, else from the metric', () => {
    expect(directionOf(target({ comparator: Comparator.GTE }), null)).toBe(1);
    expect(directionOf(target({ comparator: Comparator.LT }), null)).toBe(-1);
    expect(directionOf(target({ comparator: Comparator.EQ }), metric('sampling-density'))).toBe(1);
    expect(directionOf(target({ comparator: Comparator.EQ }), metric('food-sampling-pass-rate'))).toBe(1);
    expect(directionOf(target({ comparator: Comparator.EQ }), metric('incident-rate'))).toBe(-1);
    expect(directionOf(target({ comparator: Comparator.EQ }), null)).toBeNull();
  });

  it('more 批次/千人 and a higher 合格率 ask more; a lower 发生率 asks more', () => {
    const density = metric('sampling-density');
    const seven = comparableOf(target({ value: 7 }), density, null);
    const six = comparableOf(target({ value: 6 }), density, null);
    expect(compareStrictness(seven, six, 1)).toBe(1);
    const rate = metric('incident-rate');
    const low = comparableOf(target({ subject: '食物中毒事件发生率', unit: '%', value: 0.5, metricKey: rate.key }), rate, null);
    const high = comparableOf(target({ subject: '食物中毒事件发生率', unit: '%', value: 1, metricKey: rate.key }), rate, null);
    expect(compareStrictness(low, high, directionOf(low.indicator, rate)!)).toBe(1);
  });

  it('asks a little more with a strict bound at the same value', () => {
    const over = comparableOf(target({ comparator: Comparator.GT, value: 97 }), null, null);
    const atLeast = comparableOf(target({ comparator: Comparator.GTE, value: 97 }), null, null);
    expect(compareStrictness(over, atLeast, 1)).toBe(1);
    expect(compareStrictness(atLeast, atLeast, 1)).toBe(0);
  });
});

describe('what compares', () => {
  it('sets scope and filler words aside from subjects', () => {
    expect(subjectCore('主要农产品质量安全监测总体合格率')).toBe('农产品监测合格率');
    expect(subjectCore('食用农产品例行监测合格率')).toBe('农产品监测合格率');
    expect(subjectsComparable('主要农产品质量安全监测总体合格率', '食用农产品例行监测合格率')).toBe(true);
    expect(subjectsComparable('市场监管环节食品安全监督抽检量', '全市农产品和食品抽检量')).toBe(false);
  });

  it('compares a cumulative quarter by its year-end value', () => {
    const quarter = comparableOf(target({ value: 1.5, period: Period.Q2, cumulative: true }), metric('sampling-density'), 4.5);
    expect(quarter).toMatchObject({ value: 4.5, period: Period.YEAR });
    const year = comparableOf(target({ value: 5 }), metric('sampling-density'), null);
    expect(reasonText(yearEndParts(quarter, year))).toBe('year-end value 4.5批次/千人 of a cumulative quarterly target');
    expect(reasonText(incomparabilityParts(quarter, year))).toBeNull();
    expect(compareStrictness(quarter, year, 1)).toBe(-1);
  });

  it('says why unit, subject or period differ', () => {
    const density = metric('sampling-density');
    const district = comparableOf(target({}), density, null);
    const volume = comparableOf(target({ subject: '全市完成食品安全监督抽检', value: 2.8, unit: '万批次' }), density, null);
    expect(reasonText(incomparabilityParts(district, volume))).toBe(
      'unit 批次/千人 differs from 万批次; subject "市场监管环节食品安全监督抽检量" differs from "全市完成食品安全监督抽检"',
    );
    const quarter = comparableOf(target({ period: Period.Q1 }), density, null);
    expect(reasonText(incomparabilityParts(quarter, district))).toBe('period Q1 differs from YEAR');
  });

  it('maps 发生率 to a metric where lower is stricter', () => {
    const rate = [...metrics.values()].find((candidate: Metric) => candidate.key === 'incident-rate')!;
    expect(rate.higherIsStricter).toBe(false);
  });
});
