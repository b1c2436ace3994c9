import type { PlanDetailQuery, PlanSourceQuery } from '@/graphql/generated/graphql';

/**
 * A draft provincial plan shaped as the API answers it, with what the seeds do not have: section
 * preambles, groups (（一）（二）（三）) whose numbering restarts, so tasks are cited "二（三）3";
 * deadlines, one of them open-ended (长期坚持); a jurisdiction and year chosen at import; and a
 * revision it replaced. Made up from the wording of Jiangsu's plans, abridged; every span points
 * into `sourceText`, as the API's do.
 */
type Plan = NonNullable<PlanDetailQuery['plan']>;
type Section = Plan['sections'][number];
type Task = Section['tasks'][number];
type Clause = Task['clauses'][number];
type Assignment = Clause['assignments'][number];
type Deadline = NonNullable<Task['deadline']>;

export const PLAN_ID = 'P-320000-2022';
export const REVISION_ID = 'R-320000-2022-1';

export const sourceText = [
  '2022年江苏省食品安全重点工作安排（征求意见稿）',
  '一、压实食品安全责任',
  '各地各部门要坚持党政同责，层层压实责任。',
  '1.强化党政同责。6月底前修订地方党政领导干部食品安全责任制规定实施细则。（省食安委办公室牵头，省食安委有关成员单位按职责分工负责）',
  '二、强化全链条监管',
  '（一）强化源头治理',
  '坚持源头严防，守住农田到餐桌的第一道关口。',
  '1.深入开展耕地土壤污染防治。（省生态环境厅、省农业农村厅按职责分工负责）',
  '（二）严格过程监管',
  '1.实施校园食品安全守护行动。（省教育厅、省市场监管局负责）',
  '（三）强化风险防控',
  '1.实施风险评估与监测。（省卫生健康委负责）',
  '2.加强进口冷链食品监管。（省商务厅、省市场监管局按职责分工负责）',
  '3.推进食品安全信息化建设。2022年12月1日前建成全省食品安全追溯平台。（省市场监管局牵头，省发展改革委配合）保持平台稳定运行，长期坚持。（省市场监管局负责）',
].join('\n');

/** Where a phrase sits in the source (its first occurrence at or after `from`). */
function span(phrase: string, from = 0): { spanStart: number; spanEnd: number } {
  const spanStart = sourceText.indexOf(phrase, from);
  if (spanStart < 0) throw new Error(`not in the fixture's source: ${phrase}`);
  return { spanStart, spanEnd: spanStart + phrase.length };
}

function deadline(text: string, date: string | null, from: number): Deadline {
  return { text, date, ...span(text, from) };
}

/** An agency as a bracket prints it: its role, the printed name, and the canonical name where that differs. */
type Named = [role: Assignment['role'], printedName: string, name?: string];

function assignments(named: Named[], from: number): Assignment[] {
  return named.map(([role, printedName, name = printedName], index) => ({
    role,
    ordinal: index + 1,
    printedName,
    ...span(printedName, from),
    agency: { id: `A-${name}`, name, kind: 'OTHER', collective: false },
  }));
}

interface TaskSpec {
  ordinal: number;
  label: string;
  fullLabel: string;
  title: string;
  /** The task's clauses, each its text (the first starts with the title) and bracket as printed, with its agencies. */
  clauses: { text: string; bracket: string; named: Named[]; deadline?: [string, string | null] }[];
  group?: string;
  deadline?: [string, string | null];
}

function task(spec: TaskSpec): Task {
  const body = spec.clauses.map((c) => `${c.text}（${c.bracket}）`).join('');
  const taskSpan = span(`${spec.label}.${body}`);
  const clauses: Clause[] = spec.clauses.map((clause, index) => {
    const clauseSpan = span(clause.text, taskSpan.spanStart);
    return {
      id: `C${spec.ordinal}-${index + 1}`,
      ordinal: index + 1,
      text: clause.text,
      responsibility: clause.bracket,
      ...clauseSpan,
      deadline: clause.deadline ? deadline(clause.deadline[0], clause.deadline[1], clauseSpan.spanStart) : null,
      assignments: assignments(clause.named, clauseSpan.spanEnd),
      indicators: [],
    };
  });
  return {
    id: `T${spec.ordinal}`,
    ordinal: spec.ordinal,
    label: spec.label,
    fullLabel: spec.fullLabel,
    title: spec.title,
    text: body,
    ...taskSpan,
    group: spec.group ? { id: spec.group } : null,
    deadline: spec.deadline ? deadline(spec.deadline[0], spec.deadline[1], taskSpan.spanStart) : null,
    themes: [],
    clauses,
  };
}

const tasks = {
  responsibility: task({
    ordinal: 1,
    label: '1',
    fullLabel: '一1',
    title: '强化党政同责',
    deadline: ['6月底前', '2022-06-30'],
    clauses: [
      {
        text: '强化党政同责。6月底前修订地方党政领导干部食品安全责任制规定实施细则。',
        bracket: '省食安委办公室牵头，省食安委有关成员单位按职责分工负责',
        deadline: ['6月底前', '2022-06-30'],
        named: [
          ['LEAD', '省食安委办公室', '省食安办'],
          ['SHARED', '省食安委有关成员单位', '省食安委成员单位'],
        ],
      },
    ],
  }),
  soil: task({
    ordinal: 2,
    label: '1',
    fullLabel: '二（一）1',
    title: '深入开展耕地土壤污染防治',
    group: 'G2-1',
    clauses: [
      {
        text: '深入开展耕地土壤污染防治。',
        bracket: '省生态环境厅、省农业农村厅按职责分工负责',
        named: [
          ['SHARED', '省生态环境厅'],
          ['SHARED', '省农业农村厅'],
        ],
      },
    ],
  }),
  campus: task({
    ordinal: 3,
    label: '1',
    fullLabel: '二（二）1',
    title: '实施校园食品安全守护行动',
    group: 'G2-2',
    clauses: [
      {
        text: '实施校园食品安全守护行动。',
        bracket: '省教育厅、省市场监管局负责',
        named: [
          ['RESPONSIBLE', '省教育厅'],
          ['RESPONSIBLE', '省市场监管局'],
        ],
      },
    ],
  }),
  risk: task({
    ordinal: 4,
    label: '1',
    fullLabel: '二（三）1',
    title: '实施风险评估与监测',
    group: 'G2-3',
    clauses: [
      {
        text: '实施风险评估与监测。',
        bracket: '省卫生健康委负责',
        named: [['RESPONSIBLE', '省卫生健康委']],
      },
    ],
  }),
  coldChain: task({
    ordinal: 5,
    label: '2',
    fullLabel: '二（三）2',
    title: '加强进口冷链食品监管',
    group: 'G2-3',
    clauses: [
      {
        text: '加强进口冷链食品监管。',
        bracket: '省商务厅、省市场监管局按职责分工负责',
        named: [
          ['SHARED', '省商务厅'],
          ['SHARED', '省市场监管局'],
        ],
      },
    ],
  }),
  traceability: task({
    ordinal: 6,
    label: '3',
    fullLabel: '二（三）3',
    title: '推进食品安全信息化建设',
    group: 'G2-3',
    deadline: ['2022年12月1日前', '2022-12-01'],
    clauses: [
      {
        text: '推进食品安全信息化建设。2022年12月1日前建成全省食品安全追溯平台。',
        bracket: '省市场监管局牵头，省发展改革委配合',
        deadline: ['2022年12月1日前', '2022-12-01'],
        named: [
          ['LEAD', '省市场监管局'],
          ['SUPPORT', '省发展改革委'],
        ],
      },
      {
        text: '保持平台稳定运行，长期坚持。',
        bracket: '省市场监管局负责',
        deadline: ['长期坚持', null],
        named: [['RESPONSIBLE', '省市场监管局']],
      },
    ],
  }),
};

function group(id: string, ordinal: number, label: string, title: string, preamble: string | null): Section['groups'][number] {
  return { id, ordinal, label, title, preamble };
}

export const planFixture: PlanDetailQuery = {
  plan: {
    id: PLAN_ID,
    year: 2022,
    title: '2022年江苏省食品安全重点工作安排',
    documentNumber: null,
    issuer: null,
    issuedOn: null,
    preamble: null,
    draft: true,
    attribution: 'USER',
    jurisdiction: { id: 'J320000', code: '320000', name: '江苏省', shortName: '江苏', level: 'PROVINCE' },
    sections: [
      {
        id: 'S1',
        ordinal: 1,
        label: '一',
        title: '压实食品安全责任',
        preamble: '各地各部门要坚持党政同责，层层压实责任。',
        groups: [],
        tasks: [tasks.responsibility],
      },
      {
        id: 'S2',
        ordinal: 2,
        label: '二',
        title: '强化全链条监管',
        preamble: null,
        groups: [
          group('G2-1', 1, '（一）', '强化源头治理', '坚持源头严防，守住农田到餐桌的第一道关口。'),
          group('G2-2', 2, '（二）', '严格过程监管', null),
          group('G2-3', 3, '（三）', '强化风险防控', null),
        ],
        tasks: [tasks.soil, tasks.campus, tasks.risk, tasks.coldChain, tasks.traceability],
      },
    ],
    schedule: [],
    revisions: [
      {
        id: REVISION_ID,
        number: 1,
        title: '2022年江苏省食品安全重点工作安排',
        documentNumber: '苏食安办〔2022〕1号',
        sourceFileName: 'jiangsu-2022-draft-1.docx',
        sourceSha256: '5f0c7d1e9a3b4c2d8e6f7a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d',
        importedAt: '2022-03-01T02:00:00Z',
        replacedAt: '2022-04-10T06:30:00Z',
        replacedBy: 'cli',
        reason: 'revision',
      },
    ],
  },
};

export const planSourceFixture: PlanSourceQuery = {
  plan: {
    id: PLAN_ID,
    sourceText,
    tasks: planFixture.plan!.sections.flatMap((section) =>
      section.tasks.map((t) => ({
        id: t.id,
        ordinal: t.ordinal,
        spanStart: t.spanStart,
        spanEnd: t.spanEnd,
        deadline: t.deadline && { spanStart: t.deadline.spanStart, spanEnd: t.deadline.spanEnd },
        clauses: t.clauses.map((c) => ({
          id: c.id,
          deadline: c.deadline && { spanStart: c.deadline.spanStart, spanEnd: c.deadline.spanEnd },
          assignments: c.assignments.map((a) => ({ spanStart: a.spanStart, spanEnd: a.spanEnd })),
          indicators: [],
        })),
      })),
    ),
    schedule: [],
  },
};

export const revisionSourceFixture = {
  node: { __typename: 'PlanRevision', id: REVISION_ID, sourceText: '2022年江苏省食品安全重点工作安排\n（第一稿）一、压实食品安全责任……' },
};
