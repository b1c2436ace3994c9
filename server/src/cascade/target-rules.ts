import { Comparator, Period, type Indicator } from '../indicator/indicator.entity.js';
import type { Metric } from '../metric/metric.entity.js';
import { normalizeUnit, valueInMetricUnit } from '../metric/metric.service.js';

/**
 * The rules that say whether two targets can be compared and which is stricter, shared by the
 * year-to-year changes (change/) and the targets down the hierarchy (cascade/). Pure functions, no
 * database: see docs/changes-and-cascades.md.
 */

/** Which way a target gets stricter: +1 when a higher value asks more, −1 when a lower one does. */
export type Direction = 1 | -1;

/**
 * The comparator says it first: a floor (≥, 不少于, 以上) asks more when higher, a cap (≤, 不超过,
 * 以下) when lower. A plain "达到 6" says nothing, so the metric's `higherIsStricter` decides
 * (抽检量 and 合格率 higher, 发生率 lower); without a metric, nobody knows.
 */
export function directionOf(indicator: Pick<Indicator, 'comparator'>, metric: Pick<Metric, 'higherIsStricter'> | null): Direction | null {
  switch (indicator.comparator) {
    case Comparator.GTE:
    case Comparator.GT:
      return 1;
    case Comparator.LTE:
    case Comparator.LT:
      return -1;
    default:
      return metric ? (metric.higherIsStricter ? 1 : -1) : null;
  }
}

/** A target as compared: its value in the metric's unit, and the period it holds for. */
export interface Comparable {
  indicator: Indicator;
  value: number;
  unit: string;
  /** YEAR for a yearly target and for the year-end value of a cumulative quarterly one. */
  period: Period;
  /** Set when the value compared is not the indicator's own: a cumulative quarter's year-end value, printed with its unit (4.5批次/千人). */
  yearEndValue: string | null;
}

/** What a verdict rests on, in parts a client can word in its own language (the English `reason` joins them). */
export enum VerdictReasonKind {
  /** Units differ even in the metric's unit. */
  UNIT = 'UNIT',
  /** The subjects measure different things. */
  SUBJECT = 'SUBJECT',
  /** The periods differ (a quarter against a year). */
  PERIOD = 'PERIOD',
  /** Neither the comparator nor the metric says whether higher or lower is stricter. */
  NO_DIRECTION = 'NO_DIRECTION',
  /** The target was compared by the year-end value of its cumulative quarterly series. */
  YEAR_END_VALUE = 'YEAR_END_VALUE',
  /** The parent's target was compared by the year-end value of its cumulative quarterly series. */
  PARENT_YEAR_END_VALUE = 'PARENT_YEAR_END_VALUE',
}

/** One part of a verdict's reason: the target's side (`value`) and the parent's (`parentValue`) where they apply. */
export interface VerdictReasonPart {
  kind: VerdictReasonKind;
  value: string | null;
  parentValue: string | null;
}

/** The English wording of a reason's parts, joined by "; " (`TargetVerdict.reason`); null when there are none. */
export function reasonText(parts: readonly VerdictReasonPart[]): string | null {
  const words = parts.map(({ kind, value, parentValue }) => {
    switch (kind) {
      case VerdictReasonKind.UNIT:
        return `unit ${value} differs from ${parentValue}`;
      case VerdictReasonKind.SUBJECT:
        return `subject "${value}" differs from "${parentValue}"`;
      case VerdictReasonKind.PERIOD:
        return `period ${value} differs from ${parentValue}`;
      case VerdictReasonKind.NO_DIRECTION:
        return 'nothing says whether a higher or a lower value is stricter';
      case VerdictReasonKind.YEAR_END_VALUE:
        return `year-end value ${value} of a cumulative quarterly target`;
      case VerdictReasonKind.PARENT_YEAR_END_VALUE:
        return `parent's year-end value ${parentValue} of a cumulative quarterly target`;
    }
  });
  return words.length ? words.join('; ') : null;
}

/** The parts saying which values were compared when they are not the printed ones (cumulative quarters). */
export function yearEndParts(child: Comparable, parent: Comparable): VerdictReasonPart[] {
  return [
    ...(child.yearEndValue ? [{ kind: VerdictReasonKind.YEAR_END_VALUE, value: child.yearEndValue, parentValue: null }] : []),
    ...(parent.yearEndValue ? [{ kind: VerdictReasonKind.PARENT_YEAR_END_VALUE, value: null, parentValue: parent.yearEndValue }] : []),
  ];
}

/**
 * What a target is compared by. A cumulative quarterly target (2 → 4 → 6 批次/千人) is the path to
 * its year-end value, so every quarter of it compares by that value (`yearEnd`: the value of the
 * series' last quarter); other quarterly targets compare with the same quarter only.
 */
export function comparableOf(indicator: Indicator, metric: Metric | null, yearEnd: number | null): Comparable {
  const cumulative = indicator.cumulative && indicator.period !== Period.YEAR && yearEnd !== null;
  const raw = cumulative ? yearEnd : indicator.value;
  const converted = metric ? valueInMetricUnit(metric, raw, indicator.unit) : { value: raw, unit: indicator.unit };
  return {
    indicator,
    value: converted.value,
    unit: normalizeUnit(converted.unit),
    period: cumulative ? Period.YEAR : indicator.period,
    yearEndValue: cumulative ? `${formatNumber(raw)}${indicator.unit}` : null,
  };
}

/** Words that scope or decorate a subject without changing what is measured. */
const SCOPE = /^(?:全省|全市|全区|全县|全镇|本省|本市|本区|本县|本地区|各地)/;
const FILLER = /主要|总体|例行|食用|质量安全|食品安全|监督|国家级|省级|市级|区级|县级|完成|实现|确保|全年|的/g;

/** The part of a subject that says what is measured: 主要农产品质量安全监测总体合格率 → 农产品监测合格率. */
export function subjectCore(subject: string): string {
  return subject
    .replace(/[\s“”"「」‘’、，,（）()]/g, '')
    .replace(SCOPE, '')
    .replace(FILLER, '');
}

function bigrams(text: string): string[] {
  const chars = [...text];
  return chars.length < 2 ? chars : chars.slice(1).map((char, index) => chars[index] + char);
}

/**
 * Whether two targets of one metric measure the same thing: the same core, one core inside the
 * other, or character bigrams mostly shared (Dice ≥ 0.6). 市场监管环节食品安全监督抽检量 and
 * 全市农产品和食品抽检量 are both sampling density, but of different things.
 */
export function subjectsComparable(a: string, b: string): boolean {
  const x = subjectCore(a);
  const y = subjectCore(b);
  if (x === y || (x.length >= 3 && y.includes(x)) || (y.length >= 3 && x.includes(y))) return true;
  const left = bigrams(x);
  const right = new Set(bigrams(y));
  const common = left.filter((gram) => right.has(gram)).length;
  return left.length + right.size > 0 && (2 * common) / (left.length + right.size) >= 0.6;
}

/** Why two targets cannot be compared (unit, subject or period); empty when they can. */
export function incomparabilityParts(child: Comparable, parent: Comparable): VerdictReasonPart[] {
  const parts: VerdictReasonPart[] = [];
  if (child.unit !== parent.unit) parts.push({ kind: VerdictReasonKind.UNIT, value: child.unit, parentValue: parent.unit });
  if (!subjectsComparable(child.indicator.subject, parent.indicator.subject)) {
    parts.push({ kind: VerdictReasonKind.SUBJECT, value: child.indicator.subject, parentValue: parent.indicator.subject });
  }
  if (child.period !== parent.period) parts.push({ kind: VerdictReasonKind.PERIOD, value: child.period, parentValue: parent.period });
  return parts;
}

/** How much a comparator asks beyond its value: > asks more than ≥ (a floor), < more than ≤ (a cap). */
function strictBound(comparator: Comparator): number {
  return comparator === Comparator.GT || comparator === Comparator.LT ? 1 : 0;
}

/**
 * +1 when `a` asks more than `b`, −1 when less, 0 when the same: by value in the given direction,
 * then by the comparator (a strict bound asks a little more at the same value).
 */
export function compareStrictness(a: Comparable, b: Comparable, direction: Direction): -1 | 0 | 1 {
  const difference = (a.value - b.value) * direction;
  if (Math.abs(difference) > 1e-9) return difference > 0 ? 1 : -1;
  return Math.sign(strictBound(a.indicator.comparator) - strictBound(b.indicator.comparator)) as -1 | 0 | 1;
}

function formatNumber(value: number): string {
  return String(Math.round(value * 1_000_000) / 1_000_000);
}
