import type { DataSource } from 'typeorm';
import { Agency, AgencyKind } from '../src/agency/agency.entity.js';
import { Assignment, AssignmentRole } from '../src/assignment/assignment.entity.js';
import { Clause } from '../src/clause/clause.entity.js';
import { Comparator, Indicator, Period } from '../src/indicator/indicator.entity.js';
import { Jurisdiction, JurisdictionLevel } from '../src/jurisdiction/jurisdiction.entity.js';
import { Plan, SourceFormat } from '../src/plan/plan.entity.js';
import { ScheduleItem } from '../src/schedule/schedule-item.entity.js';
import { Section } from '../src/section/section.entity.js';
import { Task } from '../src/task/task.entity.js';
import { clauseRoles } from '../src/task/task.rows.js';

/**
 * Builds plans row by row through TypeORM, for API tests that need exact, small data without the
 * importer. Ids follow the importer's scheme (`<code>-<year>`, `…-s1`, `…-t1`, `…-c1`, `…-i1`, `…-r1`).
 */

export interface AgencySpec {
  name: string;
  kind?: AgencyKind;
  role: AssignmentRole;
}

export interface IndicatorSpec {
  subject: string;
  value: number;
  unit: string;
  comparator?: Comparator;
  period?: Period;
}

export interface ClauseSpec {
  text: string;
  agencies: AgencySpec[];
  indicators?: IndicatorSpec[];
}

export interface TaskSpec {
  title: string | null;
  clauses: ClauseSpec[];
}

export interface SectionSpec {
  title: string;
  tasks: TaskSpec[];
}

export interface ScheduleRowSpec {
  /** Ordinal of the task the row schedules. */
  task: number;
  content: string;
  quarters?: [string | null, string | null, string | null, string | null];
  agencies: AgencySpec[];
  indicators?: IndicatorSpec[];
}

export interface PlanSpec {
  jurisdictionCode: string;
  year: number;
  title?: string;
  issuedOn?: string;
  sections: SectionSpec[];
  schedule?: ScheduleRowSpec[];
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 江苏省 with two cities and one district of each. */
export async function insertJurisdictions(dataSource: DataSource): Promise<void> {
  const row = (code: string, name: string, fullName: string, shortName: string, level: JurisdictionLevel, parentCode: string | null) =>
    Object.assign(new Jurisdiction(), { code, name, fullName, shortName, level, parentCode });
  await dataSource
    .getRepository(Jurisdiction)
    .save([
      row('320000', '江苏省', '江苏省', '苏', JurisdictionLevel.PROVINCE, null),
      row('320300', '徐州市', '江苏省徐州市', '徐州', JurisdictionLevel.CITY, '320000'),
      row('320600', '南通市', '江苏省南通市', '南通', JurisdictionLevel.CITY, '320000'),
      row('320612', '通州区', '江苏省南通市通州区', '通州', JurisdictionLevel.DISTRICT, '320600'),
      row('320311', '泉山区', '江苏省徐州市泉山区', '泉山', JurisdictionLevel.DISTRICT, '320300'),
    ]);
}

async function agencyNamed(dataSource: DataSource, jurisdictionCode: string, spec: AgencySpec): Promise<Agency> {
  const repository = dataSource.getRepository(Agency);
  const existing = await repository.findOneBy({ jurisdictionCode, name: spec.name });
  return (
    existing ??
    repository.save(
      Object.assign(new Agency(), {
        jurisdictionCode,
        name: spec.name,
        kind: spec.kind ?? AgencyKind.OTHER,
        collective: false,
        aliases: [],
      }),
    )
  );
}

async function insertAssignments(
  dataSource: DataSource,
  jurisdictionCode: string,
  owner: { clauseId: string } | { scheduleItemId: string },
  agencies: AgencySpec[],
): Promise<void> {
  for (const [index, spec] of agencies.entries()) {
    const agency = await agencyNamed(dataSource, jurisdictionCode, spec);
    await dataSource.getRepository(Assignment).save(
      Object.assign(new Assignment(), {
        clauseId: null,
        scheduleItemId: null,
        ...owner,
        agencyId: agency.id,
        role: spec.role,
        ordinal: index + 1,
        printedName: spec.name,
        spanStart: 0,
        spanEnd: 0,
      }),
    );
  }
}

async function insertIndicators(
  dataSource: DataSource,
  ownerId: string,
  fields: { taskId: string; clauseId: string | null; scheduleItemId: string | null },
  indicators: IndicatorSpec[],
): Promise<void> {
  await dataSource.getRepository(Indicator).save(
    indicators.map((spec, index) =>
      Object.assign(new Indicator(), {
        id: `${ownerId}-i${index + 1}`,
        ...fields,
        ordinal: index + 1,
        subject: spec.subject,
        comparator: spec.comparator ?? Comparator.GTE,
        value: spec.value,
        unit: spec.unit,
        period: spec.period ?? Period.YEAR,
        cumulative: false,
        qualifier: null,
        sourceText: `${spec.subject}${spec.value}${spec.unit}`,
        spanStart: 0,
        spanEnd: 0,
      }),
    ),
  );
}

/** Inserts a whole plan; the jurisdiction must exist. */
export async function insertPlan(dataSource: DataSource, spec: PlanSpec): Promise<Plan> {
  const planId = `${spec.jurisdictionCode}-${spec.year}`;
  const plan = await dataSource.getRepository(Plan).save(
    Object.assign(new Plan(), {
      id: planId,
      jurisdictionCode: spec.jurisdictionCode,
      year: spec.year,
      title: spec.title ?? `${spec.year}年食品安全重点工作安排`,
      issuedOn: spec.issuedOn ?? `${spec.year}-05-06`,
      attachments: [],
      sourceText: 'source',
      sourceFormat: SourceFormat.TEXT,
      sourceSha256: '0'.repeat(64),
      sourceFileName: `${planId}.txt`,
    }),
  );
  let taskOrdinal = 0;
  for (const [sectionIndex, sectionSpec] of spec.sections.entries()) {
    const sectionId = `${planId}-s${sectionIndex + 1}`;
    await dataSource.getRepository(Section).save(
      Object.assign(new Section(), {
        id: sectionId,
        planId,
        ordinal: sectionIndex + 1,
        label: NUMERALS[sectionIndex],
        title: sectionSpec.title,
        spanStart: 0,
        spanEnd: 0,
      }),
    );
    for (const taskSpec of sectionSpec.tasks) {
      taskOrdinal += 1;
      const taskId = `${planId}-t${taskOrdinal}`;
      const text = taskSpec.clauses.map((clause) => clause.text).join('');
      await dataSource.getRepository(Task).save(
        Object.assign(new Task(), {
          id: taskId,
          planId,
          sectionId,
          ordinal: taskOrdinal,
          year: spec.year,
          clauseRoles: clauseRoles(taskSpec.clauses.flatMap((clause) => clause.agencies.map((agency) => agency.role))),
          title: taskSpec.title,
          text,
          spanStart: 0,
          spanEnd: 0,
        }),
      );
      for (const [clauseIndex, clauseSpec] of taskSpec.clauses.entries()) {
        const clauseId = `${taskId}-c${clauseIndex + 1}`;
        await dataSource.getRepository(Clause).save(
          Object.assign(new Clause(), {
            id: clauseId,
            taskId,
            ordinal: clauseIndex + 1,
            text: clauseSpec.text,
            responsibility: clauseSpec.agencies.map((agency) => agency.name).join('、'),
            spanStart: 0,
            spanEnd: 0,
          }),
        );
        await insertAssignments(dataSource, spec.jurisdictionCode, { clauseId }, clauseSpec.agencies);
        await insertIndicators(dataSource, clauseId, { taskId, clauseId, scheduleItemId: null }, clauseSpec.indicators ?? []);
      }
    }
  }
  for (const [rowIndex, rowSpec] of (spec.schedule ?? []).entries()) {
    const rowId = `${planId}-r${rowIndex + 1}`;
    const taskId = `${planId}-t${rowSpec.task}`;
    const [q1, q2, q3, q4] = rowSpec.quarters ?? [null, null, null, null];
    await dataSource.getRepository(ScheduleItem).save(
      Object.assign(new ScheduleItem(), {
        id: rowId,
        planId,
        taskId,
        ordinal: rowIndex + 1,
        workTitle: null,
        content: rowSpec.content,
        q1,
        q2,
        q3,
        q4,
        spanStart: 0,
        spanEnd: 0,
      }),
    );
    await insertAssignments(dataSource, spec.jurisdictionCode, { scheduleItemId: rowId }, rowSpec.agencies);
    await insertIndicators(dataSource, rowId, { taskId, clauseId: null, scheduleItemId: rowId }, rowSpec.indicators ?? []);
  }
  return plan;
}

/** A small plan of every shape the API serves: 2 sections × 2 tasks × 2 clauses, agencies, targets, a schedule. */
export function samplePlan(jurisdictionCode: string, year: number): PlanSpec {
  const district = jurisdictionCode === '320612' ? '区' : '市';
  const market = { name: `${district}市场监管局`, kind: AgencyKind.MARKET_REGULATION };
  const health = { name: `${district}卫健委`, kind: AgencyKind.HEALTH };
  const education = { name: `${district}教育局`, kind: AgencyKind.EDUCATION };
  const clause = (text: string, agencies: AgencySpec[], indicators: IndicatorSpec[] = []): ClauseSpec => ({ text, agencies, indicators });
  return {
    jurisdictionCode,
    year,
    sections: [
      {
        title: '压实食品安全属地和主体责任',
        tasks: [
          {
            title: '强化党政同责',
            clauses: [
              clause('落实党政同责要求。', [
                { ...market, role: AssignmentRole.LEAD },
                { ...health, role: AssignmentRole.SHARED },
              ]),
              clause('完善考核。', [{ ...health, role: AssignmentRole.RESPONSIBLE }]),
            ],
          },
          {
            title: null,
            clauses: [
              clause(
                '抽检量达到6批次/千人。',
                [{ ...market, role: AssignmentRole.RESPONSIBLE }],
                [{ subject: '食品安全监督抽检量', value: 6, unit: '批次/千人' }],
              ),
              clause(
                '合格率稳定在97%以上。',
                [
                  { ...market, role: AssignmentRole.LEAD },
                  { ...education, role: AssignmentRole.SUPPORT },
                ],
                [{ subject: '合格率', value: 97, unit: '%' }],
              ),
            ],
          },
        ],
      },
      {
        title: '实施校园食品安全守护行动',
        tasks: [
          {
            title: '校园食品安全',
            clauses: [
              clause(
                '学校食堂“明厨亮灶”覆盖率100%。',
                [
                  { ...education, role: AssignmentRole.LEAD },
                  { ...market, role: AssignmentRole.SHARED },
                ],
                [{ subject: '明厨亮灶覆盖率', value: 100, unit: '%', comparator: Comparator.EQ }],
              ),
              clause('开展专项检查。', [{ ...education, role: AssignmentRole.RESPONSIBLE }]),
            ],
          },
          {
            title: '宣传周',
            clauses: [
              clause('举办食品安全宣传周_活动%。', [{ ...health, role: AssignmentRole.LEAD }]),
              clause('开展科普。', [{ ...health, role: AssignmentRole.SUPPORT }]),
            ],
          },
        ],
      },
    ],
    schedule: [
      {
        task: 2,
        content: '完成抽检任务',
        quarters: ['2批次/千人', '4批次/千人', '5批次/千人', '6批次/千人'],
        agencies: [
          { ...market, role: AssignmentRole.LEAD },
          { ...health, role: AssignmentRole.RESPONSIBLE },
          { ...education, role: AssignmentRole.RESPONSIBLE },
        ],
        indicators: [
          { subject: '食品安全监督抽检量', value: 2, unit: '批次/千人', period: Period.Q1 },
          { subject: '食品安全监督抽检量', value: 4, unit: '批次/千人', period: Period.Q2 },
        ],
      },
      { task: 3, content: '校园检查', agencies: [{ ...education, role: AssignmentRole.LEAD }] },
    ],
  };
}
