import type { MappedText } from './mapped-text.js';
import type { AssignmentRole, ParsedAgencyRef } from './parsed-plan.js';

/** Bracket pairs that can enclose a responsibility (after repair, half-width ( ) are （ ）). */
const CLOSER_OF: Record<string, string> = { '（': '）', '〔': '〕', '[': ']', '［': '］', '【': '】' };
const CLOSERS = new Set(Object.values(CLOSER_OF));

export interface Bracket {
  /** Index of the opening bracket. */
  open: number;
  /** Index of the closing bracket. */
  close: number;
}

export interface BracketScan {
  /** Top-level bracket pairs, in order. */
  brackets: Bracket[];
  /** Index of an opening bracket that is never closed (a cut-off document), or null. */
  unclosed: number | null;
}

/**
 * Finds the top-level bracket pairs of a text. Agency names nest brackets of their own
 * (各镇（街道）人民政府（办事处）, [区发展改革委(粮食和储备局)负责]), so pairs are matched with a stack.
 */
export function scanBrackets(text: string): BracketScan {
  const brackets: Bracket[] = [];
  const stack: { char: string; index: number }[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (CLOSER_OF[char]) {
      stack.push({ char, index: i });
    } else if (CLOSERS.has(char)) {
      const top = stack[stack.length - 1];
      // A stray closer that matches nothing open is prose damage, not structure: skip it.
      if (!top || CLOSER_OF[top.char] !== char) continue;
      stack.pop();
      if (stack.length === 0) brackets.push({ open: top.index, close: i });
    }
  }
  return { brackets, unclosed: stack.length > 0 ? stack[0].index : null };
}

/**
 * Role words, longest first. 按职责分工负责 and 分工负责 share the work; a bare 负责 makes an agency
 * answerable on its own; 牵头 leads; 配合/协作/协助/协办/参与 support.
 */
const ROLE_WORDS: readonly [string, AssignmentRole][] = [
  ['按职责分工负责', 'SHARED'],
  ['按职能分工负责', 'SHARED'],
  ['按职责负责', 'SHARED'],
  ['分工负责', 'SHARED'],
  ['共同负责', 'SHARED'],
  ['负责', 'RESPONSIBLE'],
  ['牵头', 'LEAD'],
  ['配合', 'SUPPORT'],
  ['协作', 'SUPPORT'],
  ['协助', 'SUPPORT'],
  ['协办', 'SUPPORT'],
  ['协同', 'SUPPORT'],
  ['参与', 'SUPPORT'],
];
const ROLE_PATTERN = new RegExp(ROLE_WORDS.map(([word]) => word).join('|'), 'g');
const ROLE_ANYWHERE = new RegExp(ROLE_PATTERN.source);
const ROLE_AT_END = new RegExp(`(?:${ROLE_WORDS.map(([word]) => word).join('|')})[。]?$`);

/**
 * A bracket names who is responsible only when it ends with a role word: not （2020-2021年), not
 * （园长）. A deadline may follow the role (…负责，6月底前完成), and some plans put duty labels inside
 * the bracket (（牵头单位：区教育局；完成时限：年底前）).
 */
export function isResponsibility(inner: string): boolean {
  if (DUTY_AT_START.test(inner)) return true;
  const duty = inner.slice(0, deadlineAt(inner) ?? inner.length);
  return ROLE_AT_END.test(duty) && duty.length > 2;
}

/** A bracket's trailing deadline (…负责，2021年6月底前完成 / …负责；完成时限：年底前), or null. */
export function bracketDeadline(inner: MappedText): MappedText | null {
  const at = deadlineAt(inner.text);
  return at === null
    ? null
    : inner
        .slice(at)
        .strip('，；,; ')
        .remove(/^完成(?:时限|时间)：/g);
}

/** Where the deadline after the last ，/； of a bracket starts, when that part names one and no role. */
function deadlineAt(inner: string): number | null {
  const comma = Math.max(inner.lastIndexOf('，'), inner.lastIndexOf('；'));
  if (comma < 0) return null;
  const tail = inner.slice(comma + 1);
  if (ROLE_ANYWHERE.test(tail)) return null;
  return /^(?:完成(?:时限|时间)：)?.{0,4}?(?:(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日|底|末)|年底|年内|上半年|下半年|.季度|长期坚持|持续推进)/.test(
    tail,
  )
    ? comma
    : null;
}

const DUTY_AT_START = /^(?:牵头|责任|主责|配合|协办|协助|参与)(?:单位|部门)：/;

const GROUP_SEPARATORS = '，；、';

/**
 * Reads the inside of a responsibility bracket:
 * 区市场监管局、区农业农村局牵头，区公安局、各镇（街道）人民政府（办事处）按职责分工负责.
 */
export function parseAssignments(bracket: MappedText): ParsedAgencyRef[] {
  const labelled = readDutyLine(bracket);
  if (labelled) {
    return labelled.flatMap((entry) => (entry.role === 'DEADLINE' ? [] : parseAgencyList(entry.value, entry.role)));
  }
  const at = deadlineAt(bracket.text);
  const inner = at === null ? bracket : bracket.slice(0, at);
  const text = inner.text;
  const depths = depthAt(text);
  const refs: ParsedAgencyRef[] = [];
  let groupStart = 0;
  for (const match of text.matchAll(ROLE_PATTERN)) {
    const end = match.index + match[0].length;
    const next = text[end] ?? '';
    if (depths[match.index] !== 0 || (next !== '' && next !== '。' && !GROUP_SEPARATORS.includes(next))) continue;
    const role = ROLE_WORDS.find(([word]) => word === match[0])![1];
    refs.push(...toRefs(splitAgencies(inner.slice(groupStart, match.index), depths.slice(groupStart)), role));
    groupStart = end + 1;
  }
  return refs;
}

/** The agencies of a list such as a 推进表 unit cell (市财政局、市农业农村局，各县（市）区人民政府), all in one role. */
export function parseAgencyList(list: MappedText, role: AssignmentRole): ParsedAgencyRef[] {
  return toRefs(splitAgencies(list, depthAt(list.text)), role);
}

function toRefs(names: MappedText[], role: AssignmentRole): ParsedAgencyRef[] {
  const resolved = agencyNames(names);
  return names.map((name, i) => ({ name: resolved[i], role, span: name.spanOf() }));
}

/**
 * An agency's name ends in one of these before a 和 that joins two agencies (区公安局和区商务局,
 * …等部门和各乡镇人民政府); a 和 inside a name (区发展和改革委员会, 住房和城乡建设局) follows none of them.
 */
const NAME_END_BEFORE_AND = /[局委厅部办署府门位队站所心司室关会院行]$/;

/**
 * Splits a list of agencies at top-level 、，；, at 及/以及 (市食安委相关成员单位及有关部门) and at a 和
 * between two names.
 */
function splitAgencies(group: MappedText, depths: number[]): MappedText[] {
  const names: MappedText[] = [];
  let from = 0;
  for (let i = 0; i <= group.length; i++) {
    const char = group.text[i];
    const joins =
      GROUP_SEPARATORS.includes(char) || char === '及' || (char === '和' && NAME_END_BEFORE_AND.test(group.text.slice(from, i)));
    if (i < group.length && (depths[i] !== 0 || !joins)) continue;
    const end = char === '及' && group.text[i - 1] === '以' ? i - 1 : i;
    // 徐州海关等, 区农业农村局等部门: the trailing 等 ("and others") is not part of the name.
    const name = group
      .slice(from, end)
      .strip(' 。')
      .remove(/等(?:部门|单位)?$/g);
    if (name.length > 0) names.push(name);
    from = i + 1;
  }
  return names;
}

/** 牵头单位：… 责任单位：… 配合单位：… 完成时限：… (a line of its own after a task, or several on one line). */
const DUTY_LABEL = /(牵头|责任|主责|配合|协办|协助|参与)(?:单位|部门)：|完成(?:时限|时间)：/g;
const DUTY_ROLE: Record<string, AssignmentRole> = {
  牵头: 'LEAD',
  责任: 'RESPONSIBLE',
  主责: 'RESPONSIBLE',
  配合: 'SUPPORT',
  协办: 'SUPPORT',
  协助: 'SUPPORT',
  参与: 'SUPPORT',
};

/** One labelled part of a duty line: agencies in a role, or the deadline (完成时限). */
export interface DutyEntry {
  /** The role of the agencies named, or 'DEADLINE' for 完成时限. */
  role: AssignmentRole | 'DEADLINE';
  /** The whole entry, label included (牵头单位：区教育局). */
  text: MappedText;
  /** What follows the label. */
  value: MappedText;
}

/** Reads a line that starts with a duty label (牵头单位：区教育局); null for any other line. */
export function readDutyLine(line: MappedText): DutyEntry[] | null {
  const labels = [...line.text.matchAll(DUTY_LABEL)];
  if (labels.length === 0 || labels[0].index !== 0) return null;
  return labels.map((label, i) => {
    const end = labels[i + 1]?.index ?? line.length;
    return {
      role: label[1] ? DUTY_ROLE[label[1]] : 'DEADLINE',
      text: line.slice(label.index, end).strip('；。，,; '),
      value: line.slice(label.index + label[0].length, end).strip('；。，,; '),
    };
  });
}

/**
 * The agency a name stands for. 各县（市）区党委、政府 shares its jurisdiction: the bare 政府 is
 * 各县（市）区政府.
 */
function agencyNames(names: MappedText[]): string[] {
  return names.map((name, i) => {
    const previous = names[i - 1]?.text ?? '';
    return name.text === '政府' && previous.endsWith('党委') ? `${previous.slice(0, -2)}政府` : name.text;
  });
}

function depthAt(text: string): number[] {
  const depths: number[] = [];
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (CLOSERS.has(char)) depth = Math.max(0, depth - 1);
    depths.push(depth);
    if (CLOSER_OF[char]) depth++;
  }
  return depths;
}
