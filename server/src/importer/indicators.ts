import type { MappedText } from './mapped-text.js';
import type { Comparator, ParsedIndicator, Period } from './parsed-plan.js';

/**
 * A number with a unit of measure. Only these units make a target: a bare number is a year
 * (2021年), a date, an anniversary (100周年) or a document reference, never an indicator.
 */
const UNITS = [
  '批次/千人',
  '万批次',
  '批次',
  '万人次',
  '人次',
  '%',
  '‰',
  '家',
  '个',
  '次',
  '件',
  '所',
  '户',
  '项',
  '场',
  '万元',
  '亿元',
  '吨',
  '天',
  '小时',
];
const VALUE = new RegExp(`([≥≤><])?(\\d+(?:\\.\\d+)?)(${UNITS.map(escapeRegExp).join('|')})(以上|以下|以内|左右)?`, 'g');
/** What may not stand right before a value: part of a code (GB31605), a range (2020-2021) or an ordinal (第3). */
const NOT_BEFORE_VALUE = /[0-9A-Za-z.\-/第]/;

/** Wording before the value; a comparator when the wording itself says one. */
const LEAD_WORDS: readonly [string, Comparator | null][] = [
  ['稳定在', null],
  ['保持在', null],
  ['控制在', null],
  ['提高到', null],
  ['提高至', null],
  ['提升到', null],
  ['提升至', null],
  ['不少于', 'GTE'],
  ['不低于', 'GTE'],
  ['不小于', 'GTE'],
  ['至少', 'GTE'],
  ['不超过', 'LTE'],
  ['不高于', 'LTE'],
  ['不大于', 'LTE'],
  ['低于', 'LT'],
  ['少于', 'LT'],
  ['高于', 'GT'],
  ['超过', 'GT'],
  ['大于', 'GT'],
  ['达到', null],
  ['达', null],
  ['完成', null],
  ['为', null],
];
const SUFFIX_COMPARATOR: Record<string, Comparator> = { 以上: 'GTE', 以下: 'LTE', 以内: 'LTE', 左右: 'EQ' };
const SYMBOL_COMPARATOR: Record<string, Comparator> = { '≥': 'GTE', '>': 'GT', '≤': 'LTE', '<': 'LT' };

/** Words that frame a target rather than name what is measured: 实现…, 确保…. */
/** Words framing a target, and the number of a sub-item (（1）, ①, 1.) the target opens. */
const FRAMING_PREFIX = /^(?:（\d{1,3}）|[\u2460-\u2473]|\d{1,3}[.、](?!\d))?(?:实现|确保|力争|做到)*/;
const PHRASE_END = '。；，：！？';
/** A bare measure borrows only within its own sentence or ；-part. */
const SENTENCE_END = /[。！？；]/g;

/**
 * Endings that name the measure itself. A bare measure (按时完成率) borrows what it measures from the
 * indicator before it in the same sentence: 国家级监督抽检不合格食品核查处置率达到100%，按时完成率达到85%.
 */
const MEASURE_HEADS = [
  '核查处置率',
  '处置率',
  '按时完成率',
  '完成率',
  '抽检合格率',
  '合格率',
  '覆盖率',
  '抽检量',
  '自查报告率',
  '自查率',
  '报告率',
  '知晓率',
  '满意度',
  '实施率',
  '利用率',
  '达标率',
  '建档率',
  '登记率',
].sort((a, b) => b.length - a.length);

interface Draft extends ParsedIndicator {
  /** What the measure is about (食品小作坊), when known; lent to a following bare measure. */
  entity: string | null;
  sentence: number;
  end: number;
}

/** Reads the numeric targets in a phrase of repaired text. */
export function extractIndicators(text: MappedText, period: Period = 'YEAR'): ParsedIndicator[] {
  const source = text.text;
  const drafts: Draft[] = [];
  for (const match of source.matchAll(VALUE)) {
    const [whole, symbol, digits, unit, suffix] = match;
    const valueStart = match.index;
    const valueEnd = valueStart + whole.length;
    if (NOT_BEFORE_VALUE.test(source[valueStart - 1] ?? '')) continue;
    if (unit === '个' && source[valueEnd] === '月') continue; // 3个月 is a duration

    const previous = drafts[drafts.length - 1];
    const phraseStart = startOfPhrase(source, valueStart, previous?.end ?? 0);
    const before = readLeadWords(source.slice(phraseStart, valueStart));
    const afterEnd = endOfObject(source, valueEnd);
    const after = source.slice(valueEnd, afterEnd);
    const usesAfter = after.length > 0 && !after.startsWith('的');

    const subjectOffset = phraseStart + before.subjectOffset;
    const subjectBefore = before.subject;
    const subject = usesAfter ? subjectBefore + after : subjectBefore;
    const end = usesAfter ? afterEnd : valueEnd;
    const comparator = (symbol && SYMBOL_COMPARATOR[symbol]) || before.comparator || (suffix && SUFFIX_COMPARATOR[suffix]) || 'EQ';
    const qualifier = [before.qualifier, suffix].filter(Boolean).join('…') || null;
    const sentence = countMatches(source.slice(0, valueStart), SENTENCE_END);

    const base = {
      comparator,
      value: Number(digits),
      unit,
      period,
      cumulative: false,
      qualifier,
      text: source.slice(subjectOffset, end),
      span: text.spanOf(subjectOffset, end),
      sentence,
      end,
    };
    const neighbour = previous?.sentence === sentence ? previous : null;
    for (const part of splitJointMeasures(subject)) {
      const named = nameMeasure(part, neighbour);
      if (!named) continue;
      const entity = usesAfter && subjectBefore ? subjectBefore : entityOf(named);
      drafts.push({ ...base, subject: named, entity });
    }
  }
  return drafts.map(({ entity: _entity, sentence: _sentence, end: _end, ...indicator }) => indicator);
}

/**
 * What a target measures. A bare measure (按时完成率) takes the entity of the target before it in the
 * same sentence; a target with no words of its own (…达到85%) repeats that target's subject.
 */
function nameMeasure(subject: string, neighbour: Draft | null): string {
  if (!subject) return neighbour?.subject ?? '';
  if (isBareMeasure(subject) && neighbour?.entity) return neighbour.entity + subject;
  return subject;
}

function startOfPhrase(source: string, valueStart: number, previousEnd: number): number {
  let start = valueStart;
  while (start > previousEnd && !PHRASE_END.includes(source[start - 1])) start--;
  // 完成20万批次快检任务、2万批次“你点我检”任务: the 、 closes the previous target.
  if (start === previousEnd && source[start] === '、') start++;
  return start;
}

/** The object after the value, up to the end of the phrase: 100%建档、登记; 20万批次监督性快检任务. */
function endOfObject(source: string, valueEnd: number): number {
  let end = valueEnd;
  while (end < source.length && !PHRASE_END.includes(source[end]) && source[end] !== '（') {
    // A 、 followed by another number starts the next target.
    if (source[end] === '、' && /^[^。；，：！？]*?\d/.test(source.slice(end + 1))) break;
    end++;
  }
  return end;
}

interface LeadWords {
  subject: string;
  /** Where the subject starts inside the phrase. */
  subjectOffset: number;
  comparator: Comparator | null;
  qualifier: string | null;
}

function readLeadWords(phrase: string): LeadWords {
  let rest = phrase;
  let comparator: Comparator | null = null;
  let qualifier: string | null = null;
  const lead = LEAD_WORDS.find(([word]) => rest.endsWith(word));
  if (lead) {
    rest = rest.slice(0, -lead[0].length);
    comparator = lead[1];
    qualifier = lead[0];
    if (rest.endsWith('力争')) {
      rest = rest.slice(0, -2);
      qualifier = `力争${qualifier}`;
    }
  }
  rest = rest.replace(/的$/, '');
  const framing = FRAMING_PREFIX.exec(rest)?.[0] ?? '';
  return { subject: rest.slice(framing.length), subjectOffset: framing.length, comparator, qualifier };
}

/** 食品生产企业自查率和自查报告率 → 食品生产企业自查率, 食品生产企业自查报告率. */
function splitJointMeasures(subject: string): string[] {
  const match = /^(.+?[率量度])(?:和|及|与|、)(.+[率量度])$/.exec(subject);
  if (!match) return [subject];
  const [, first, second] = match;
  // The second measure shares the first one's object: find where the first measure's own name begins.
  const shared = first.lastIndexOf(second.slice(0, 2));
  const prefix = shared > 0 ? first.slice(0, shared) : '';
  return [first, prefix + second];
}

function isBareMeasure(subject: string): boolean {
  return subject.length <= 5 && /[率量度]$/.test(subject);
}

function entityOf(subject: string): string | null {
  const head = MEASURE_HEADS.find((candidate) => subject.endsWith(candidate) && subject.length > candidate.length + 1);
  return head ? subject.slice(0, -head.length) : null;
}

function countMatches(text: string, pattern: RegExp): number {
  return [...text.matchAll(pattern)].length;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * Marks quarterly targets that add up through the year (2 → 4 → 6 批次/千人): the same measure
 * rising quarter by quarter. Rates (合格率 97% each quarter) do not add up.
 */
export function markCumulative(indicators: ParsedIndicator[]): void {
  const series = new Map<string, ParsedIndicator[]>();
  for (const indicator of indicators) {
    const key = `${indicator.subject}|${indicator.unit}`;
    series.set(key, [...(series.get(key) ?? []), indicator]);
  }
  for (const points of series.values()) {
    const quarters = new Set(points.map((point) => point.period));
    if (points.length < 2 || quarters.size !== points.length) continue;
    const ordered = [...points].sort((a, b) => a.period.localeCompare(b.period));
    const rising = ordered.every((point, i) => i === 0 || point.value >= ordered[i - 1].value);
    const grows = ordered[ordered.length - 1].value > ordered[0].value;
    const isRate = ordered[0].unit === '%' && /[率度]$/.test(ordered[0].subject);
    if (rising && grows && !isRate) for (const point of points) point.cumulative = true;
  }
}
