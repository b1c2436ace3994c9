import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedsDir } from '../../src/common/paths.js';
import { JurisdictionLevel } from '../../src/jurisdiction/jurisdiction.entity.js';
import type { JurisdictionSeed } from '../../src/jurisdiction/jurisdiction.service.js';
import type { ParsedPlanFile } from '../../src/importer/import-service.js';
import { parsePlanFile } from '../../src/importer/parse.js';
import type {
  ParsedAgencyRef,
  ParsedClause,
  ParsedIndicator,
  ParsedPlan,
  ParsedScheduleItem,
  ParsedSection,
  ParsedTask,
  Span,
} from '../../src/importer/parsed-plan.js';
import { Random } from './random.js';

/** A real plan the corpus varies, and what in it names its own jurisdiction. */
interface Template {
  parsed: ParsedPlan;
  /** The level character its agencies open with: 区 in 区市场监管局, 市 in 市市场监管局. */
  levelCharacter: string;
  /** Place names in its text and whose they are. */
  places: Array<[string, 'self' | 'parent' | 'province']>;
}

export interface Templates {
  tongzhou: Template;
  xuzhou: Template;
}

/** Parses the two seed plans once, with the product's parser. */
export async function loadTemplates(): Promise<Templates> {
  const read = (name: string) => parsePlanFile(name, readFileSync(join(seedsDir, name)));
  return {
    tongzhou: {
      parsed: await read('tongzhou-2021.txt'),
      levelCharacter: '区',
      places: [
        ['通州', 'self'],
        ['南通', 'parent'],
        ['江苏', 'province'],
      ],
    },
    xuzhou: {
      parsed: await read('xuzhou-2021.md'),
      levelCharacter: '市',
      places: [
        ['徐州', 'self'],
        ['江苏', 'province'],
      ],
    },
  };
}

/** Wording that plans of different places vary; each plan swaps a random half of these. */
const SYNONYMS: ReadonlyArray<readonly [string, string]> = [
  ['加强', '强化'],
  ['推进', '推动'],
  ['深入开展', '扎实开展'],
  ['进一步', '持续'],
  ['严厉打击', '严肃查处'],
  ['全面落实', '全面压实'],
  ['确保', '保证'],
  ['组织开展', '部署开展'],
  ['切实', '着力'],
];

const LEVEL_CHARACTER: Record<JurisdictionLevel, string> = {
  COUNTRY: '国',
  PROVINCE: '省',
  CITY: '市',
  DISTRICT: '区',
  COUNTY: '县',
  COUNTY_CITY: '市',
};

/** Share of a template's tasks each plan drops, and how often it borrows tasks from the other template. */
const DROP_TASK = 0.15;
const SWAP_NEIGHBOURS = 0.25;
const BORROW_TASKS = 0.3;

/** Who a generated plan is for: the jurisdiction and its ancestors, nearest first. */
export type Lineage = readonly JurisdictionSeed[];

/**
 * One synthetic plan for a jurisdiction and year: a seed plan (Xuzhou's for provinces and cities
 * mostly, Tongzhou's for districts and counties mostly) with tasks dropped, reordered and borrowed
 * from the other seed, agencies renamed to the jurisdiction's level (区市场监管局 → 县市场监管局),
 * place names and years swapped, wording varied and every numeric target moved; then rendered as
 * text with consistent spans. Deterministic in (seed, code, year).
 */
export function generatePlan(templates: Templates, lineage: Lineage, year: number, seed: number): ParsedPlanFile {
  const self = lineage[0];
  const random = new Random(`plan:${seed}:${self.code}:${year}`);
  const upper = self.level === JurisdictionLevel.PROVINCE || self.level === JurisdictionLevel.CITY;
  const primaryIsXuzhou = random.chance(upper ? 0.7 : 0.3);
  const [primary, secondary] = primaryIsXuzhou ? [templates.xuzhou, templates.tongzhou] : [templates.tongzhou, templates.xuzhou];
  const synonyms = SYNONYMS.filter(() => random.chance(0.5));
  const rewriters = new Map([primary, secondary].map((template) => [template, rewriterFor(template, lineage, year, synonyms)]));
  const rewrite = rewriters.get(primary)!;

  // Tasks: drop some, swap neighbours, borrow a few from the other seed.
  const picked = primary.parsed.sections.map((section) => {
    let tasks = section.tasks.filter(() => !random.chance(DROP_TASK));
    if (!tasks.length) tasks = [section.tasks[0]];
    for (let i = 0; i + 1 < tasks.length; i++) if (random.chance(SWAP_NEIGHBOURS)) [tasks[i], tasks[i + 1]] = [tasks[i + 1], tasks[i]];
    return { section, tasks: tasks.map((task) => ({ task, template: primary })) };
  });
  if (random.chance(BORROW_TASKS)) {
    const pool = secondary.parsed.sections.flatMap((section) => section.tasks);
    const target = picked[random.int(0, picked.length - 1)];
    for (let n = random.int(1, 2); n > 0; n--) target.tasks.push({ task: random.pick(pool), template: secondary });
  }

  const newOrdinal = new Map<ParsedTask, number>();
  let ordinal = 0;
  const sections: ParsedSection[] = picked.map(({ section, tasks }) => ({
    ...section,
    title: rewrite(section.title),
    tasks: tasks.map(({ task, template }) => {
      newOrdinal.set(task, ++ordinal);
      return varyTask(task, ordinal, rewriters.get(template)!, random);
    }),
  }));
  const taskByOrdinal = new Map(primary.parsed.sections.flatMap((section) => section.tasks).map((task) => [task.ordinal, task]));
  const schedule: ParsedScheduleItem[] = primary.parsed.schedule
    .filter((row) => newOrdinal.has(taskByOrdinal.get(row.taskOrdinal)!))
    .map((row, index) => varyScheduleItem(row, index + 1, newOrdinal.get(taskByOrdinal.get(row.taskOrdinal)!)!, rewrite, random));

  const month = String(random.int(2, 5)).padStart(2, '0');
  const day = String(random.int(1, 28)).padStart(2, '0');
  const issuer = `${self.name}食品安全委员会办公室`;
  const title = `${year}年${self.name}食品安全重点工作安排`;
  const header = primary.parsed.header;
  const plan: ParsedPlan = {
    format: 'TEXT',
    sourceText: '',
    header: {
      issuerMark: header.issuerMark === null ? null : `${self.name}食品安全委员会文件`,
      documentNumber: `${self.shortName[0]}食安办〔${year}〕${random.int(1, 12)}号`,
      noticeTitle: `关于印发《${title}》的通知`,
      addressees: header.addressees === null ? null : rewrite(header.addressees),
      issuer,
      issuedOn: `${year}-${month}-${day}`,
      disclosure: header.disclosure,
      attachments: header.attachments.map(rewrite),
      copyTo: header.copyTo === null ? null : rewrite(header.copyTo),
      printedBy: header.printedBy === null ? null : issuer,
      printedOn: header.printedOn === null ? null : `${year}-${month}-${day}`,
    },
    title,
    year,
    preamble: primary.parsed.preamble === null ? null : rewrite(primary.parsed.preamble),
    draft: false,
    sections,
    schedule,
  };
  render(plan);
  const fileName = `${self.code}-${year}.txt`;
  return { file: { fileName, bytes: Buffer.from(plan.sourceText) }, parsed: plan, jurisdictionCode: self.code };
}

/**
 * The text rewrite for one template and plan: agencies to the plan's level, place names, years,
 * then the plan's choice of wording. Applied to every string, so parts stay substrings of wholes.
 */
function rewriterFor(template: Template, lineage: Lineage, year: number, synonyms: ReadonlyArray<readonly [string, string]>) {
  const self = lineage[0];
  const province = lineage[lineage.length - 1];
  const parent = lineage[1] ?? self;
  const level = LEVEL_CHARACTER[self.level];
  const names = new Set(
    [
      ...template.parsed.sections.flatMap((section) =>
        section.tasks.flatMap((task) => task.clauses.flatMap((clause) => clause.assignments)),
      ),
      ...template.parsed.schedule.flatMap((row) => [...row.lead, ...row.responsible]),
    ].map((ref) => ref.name),
  );
  const replacements: Array<[string, string]> = [...names]
    // 市场监管局 opens with 市 but is not the city's: only 市市场监管局 is.
    .filter((name) => name.startsWith(template.levelCharacter) && !name.startsWith('市场') && name.length >= 3)
    .sort((a, b) => b.length - a.length)
    .map((name) => [name, level + name.slice(1)]);
  for (const word of ['全', '食安委', '食安办', '委', '政府']) {
    const from = word === '全' ? `全${template.levelCharacter}` : `${template.levelCharacter}${word}`;
    replacements.push([from, word === '全' ? `全${level}` : level + word]);
  }
  for (const [place, whose] of template.places) {
    replacements.push([place, (whose === 'self' ? self : whose === 'parent' ? parent : province).shortName]);
  }
  const shift = year - template.parsed.year;
  return (text: string): string => {
    let out = text;
    for (const [from, to] of replacements) if (out.includes(from)) out = out.split(from).join(to);
    if (shift) out = out.replace(/20[12]\d/g, (match) => String(Number(match) + shift));
    for (const [from, to] of synonyms) if (out.includes(from)) out = out.split(from).join(to);
    return out;
  };
}

type Rewrite = (text: string) => string;

const NO_SPAN: Span = { start: 0, end: 0 };

/** A target moved the way plans differ: percentages by a few points, counts and densities by a factor. */
function varyValue(value: number, unit: string, random: Random, factor: number): number {
  if (unit.includes('%')) return value >= 100 ? value : Math.min(100, Math.max(60, Math.round(value + random.int(-3, 2))));
  const varied = value * factor;
  return Number.isInteger(value) ? Math.max(1, Math.round(varied)) : Math.round(varied * 10) / 10;
}

const FACTORS = [0.5, 0.75, 1, 1, 1.25, 1.5, 2];

/** Rewrites an indicator and moves its value; returns it with the old → new phrase, to patch the owner's text. */
function varyIndicator(
  indicator: ParsedIndicator,
  rewrite: Rewrite,
  random: Random,
  factor: number,
): { indicator: ParsedIndicator; from: string; to: string } {
  const text = rewrite(indicator.text);
  const value = varyValue(indicator.value, indicator.unit, random, factor);
  const printed = String(indicator.value);
  const position = text.indexOf(printed);
  // A value the text does not print in digits (一百) stays as it is.
  if (position < 0 || value === indicator.value)
    return { indicator: { ...indicator, text, subject: rewrite(indicator.subject), span: NO_SPAN }, from: text, to: text };
  const varied = text.slice(0, position) + String(value) + text.slice(position + printed.length);
  return { indicator: { ...indicator, value, text: varied, subject: rewrite(indicator.subject), span: NO_SPAN }, from: text, to: varied };
}

function patch(text: string, changes: Array<{ from: string; to: string }>): string {
  let out = text;
  for (const { from, to } of changes) if (from !== to) out = out.replace(from, to);
  return out;
}

function varyTask(task: ParsedTask, ordinal: number, rewrite: Rewrite, random: Random): ParsedTask {
  const changes: Array<{ from: string; to: string }> = [];
  const vary = (list: ParsedIndicator[]) =>
    list.map((indicator) => {
      const varied = varyIndicator(indicator, rewrite, random, random.pick(FACTORS));
      changes.push(varied);
      return varied.indicator;
    });
  const indicators = vary(task.indicators);
  const clauses: ParsedClause[] = task.clauses.map((clause) => {
    const before = changes.length;
    const clauseIndicators = vary(clause.indicators);
    return {
      ...clause,
      text: patch(rewrite(clause.text), changes.slice(before)),
      responsibility: rewrite(clause.responsibility),
      assignments: clause.assignments.map((ref) => renamed(ref, rewrite)),
      indicators: clauseIndicators,
      span: NO_SPAN,
    };
  });
  return {
    ...task,
    ordinal,
    label: String(ordinal),
    title: task.title === null ? null : rewrite(task.title),
    text: patch(rewrite(task.text), changes),
    span: NO_SPAN,
    clauses,
    indicators,
  };
}

function varyScheduleItem(
  row: ParsedScheduleItem,
  ordinal: number,
  taskOrdinal: number,
  rewrite: Rewrite,
  random: Random,
): ParsedScheduleItem {
  // Quarterly targets add up (2 → 4 → 6 批次/千人): one factor for the whole row keeps them in step.
  const factor = random.pick(FACTORS);
  const changes = row.indicators.map((indicator) => varyIndicator(indicator, rewrite, random, factor));
  const cell = (text: string | null) => (text === null ? null : patch(rewrite(text), changes));
  return {
    ...row,
    ordinal,
    taskOrdinal,
    workTitle: row.workTitle === null ? null : rewrite(row.workTitle),
    content: cell(row.content)!,
    q1: cell(row.q1),
    q2: cell(row.q2),
    q3: cell(row.q3),
    q4: cell(row.q4),
    lead: row.lead.map((ref) => renamed(ref, rewrite)),
    responsible: row.responsible.map((ref) => renamed(ref, rewrite)),
    indicators: changes.map((change) => change.indicator),
    span: NO_SPAN,
  };
}

function renamed(ref: ParsedAgencyRef, rewrite: Rewrite): ParsedAgencyRef {
  return { ...ref, name: rewrite(ref.name), span: NO_SPAN };
}

/**
 * Lays the plan out as a plain-text document (header, sections, numbered tasks, the 推进表 as
 * tab-separated rows, signature) and points every span at its text: spans stay what the importer
 * stores, a half-open range of `sourceText`.
 */
function render(plan: ParsedPlan): void {
  let text = '';
  const line = (content = '') => {
    const start = text.length;
    text += `${content}\n`;
    return start;
  };
  const find = (needle: string, from: number, fallback: Span): Span => {
    const at = needle ? text.indexOf(needle, from) : -1;
    return at < 0 ? fallback : { start: at, end: at + needle.length };
  };
  const { header } = plan;
  if (header.issuerMark) line(header.issuerMark);
  line(header.documentNumber ?? '');
  line();
  line(header.noticeTitle ?? '');
  if (header.addressees) line(`${header.addressees}：`);
  line();
  line(plan.title);
  if (plan.preamble) line(plan.preamble);
  for (const section of plan.sections) {
    const start = line(`${section.label}、${section.title}`);
    for (const task of section.tasks) {
      const prefix = `${task.ordinal}. `;
      const taskStart = line(prefix + task.text) + prefix.length;
      const taskSpan = { start: taskStart, end: taskStart + task.text.length };
      task.span = taskSpan;
      let cursor = taskStart;
      for (const clause of task.clauses) {
        const found = find(clause.text, cursor, { start: cursor, end: cursor });
        const end = Math.min(taskSpan.end, found.end + (clause.responsibility ? clause.responsibility.length + 2 : 0));
        clause.span = { start: found.start, end };
        for (const ref of clause.assignments) ref.span = find(ref.name, found.start, clause.span);
        for (const indicator of clause.indicators) indicator.span = find(indicator.text, found.start, clause.span);
        cursor = end;
      }
      for (const indicator of task.indicators) indicator.span = find(indicator.text, taskStart, taskSpan);
    }
    section.span = { start, end: text.length - 1 };
  }
  if (plan.schedule.length) {
    line();
    line(`附件：${header.attachments[0] ?? '重点工作推进表'}`);
    for (const row of plan.schedule) {
      const cells = [row.ordinal, row.sectionLabel, row.workTitle, row.content, row.q1, row.q2, row.q3, row.q4]
        .map((cell) => cell ?? '')
        .concat([row.lead.map((ref) => ref.name).join('、'), row.responsible.map((ref) => ref.name).join('、')]);
      const start = line(cells.join('\t'));
      row.span = { start, end: text.length - 1 };
      for (const ref of [...row.lead, ...row.responsible]) ref.span = find(ref.name, start, row.span);
      for (const indicator of row.indicators) indicator.span = find(indicator.text, start, row.span);
    }
  }
  line();
  line(header.issuer ?? '');
  line(header.issuedOn ?? '');
  plan.sourceText = text;
}
