import type { ParsedDeadline, ParsedPlan, Span } from '../parsed-plan.js';

/** What a reader sees of a source slice: no whitespace or Markdown, one width for digits and brackets. */
export function visible(text: string): string {
  return text
    .replace(/\[bookmark:[^\]]*\]/g, '')
    .replace(/[\s\u3000]+|\*\*|^#+/gm, '')
    .replace(/[\uFF10-\uFF19\uFF05\uFF0F]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0))
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/,/g, '，')
    .replace(/:/g, '：')
    .replace(/;/g, '；');
}

export function sliceOf(plan: ParsedPlan, span: Span): string {
  return plan.sourceText.slice(span.start, span.end);
}

/** Problems with a plan's spans: each must point at the characters its value was read from. */
export function spanProblems(plan: ParsedPlan): string[] {
  const problems: string[] = [];
  const check = (what: string, span: Span, ok: (seen: string) => boolean) => {
    const inRange = span.start >= 0 && span.end <= plan.sourceText.length && span.start < span.end;
    if (!inRange || !ok(visible(sliceOf(plan, span)))) problems.push(`${what}: «${sliceOf(plan, span)}»`);
  };
  const checkDeadline = (what: string, deadline: ParsedDeadline | null) => {
    if (deadline) check(`${what} deadline`, deadline.span, (seen) => seen === visible(deadline.text));
  };
  for (const section of plan.sections) {
    // A plan table prints a section as 一、源头治理 in one cell or 一 | 源头治理; the one unnamed section of a
    // plan without parts starts at its first task.
    const headings = section.label ? [`${section.label}、${section.title}`, `${section.label}${section.title}`] : [''];
    check(`section ${section.label}`, section.span, (seen) => headings.some((printed) => seen.startsWith(printed)));
    for (const group of section.groups) {
      check(`group ${section.label}${group.label}`, group.span, (seen) => seen.startsWith(`${group.label}${group.title}`));
    }
    for (const task of section.tasks) {
      // A task of a plan table is a row (cells apart by tabs): it starts with its 序号 and holds its content. An
      // outline task ends with its text, or with the lines naming who does it by when (牵头单位：… 完成时限：…).
      const tabular = sliceOf(plan, task.span).includes('\t');
      const endings = [visible(task.text).slice(-6), ...task.clauses.map((clause) => visible(clause.responsibility).slice(-6))];
      if (task.deadline) endings.push(visible(task.deadline.text));
      check(`task ${task.ordinal}`, task.span, (seen) =>
        tabular
          ? seen.startsWith(visible(task.label)) && seen.includes(visible(task.text).slice(-6))
          : seen.startsWith(visible(task.label)) &&
            /^(?:\d+[.．、]|（[一二三四五六七八九十\d]+）|[\u2460-\u2473])/.test(seen) &&
            endings.some((ending) => seen.endsWith(ending)),
      );
      checkDeadline(`task ${task.ordinal}`, task.deadline);
      for (const clause of task.clauses) {
        check(`task ${task.ordinal} clause ${clause.ordinal}`, clause.span, (seen) =>
          tabular
            ? seen.includes(visible(clause.text).slice(0, 6)) &&
              clause.assignments.every((ref) => ref.span.start >= clause.span.start && ref.span.end <= clause.span.end)
            : visible(clause.responsibility)
                .split('；')
                .every((part) => seen.includes(part)) && seen.startsWith(visible(clause.text).slice(0, 6)),
        );
        checkDeadline(`task ${task.ordinal} clause ${clause.ordinal}`, clause.deadline);
        for (const ref of clause.assignments) {
          check(`agency ${ref.name}`, ref.span, (seen) => seen === visible(ref.name) || ref.name.endsWith(seen));
        }
        for (const indicator of clause.indicators) {
          check(`indicator ${indicator.subject}`, indicator.span, (seen) => seen.includes(String(indicator.value)));
        }
      }
    }
  }
  for (const row of plan.schedule) {
    check(
      `schedule row ${row.ordinal}`,
      row.span,
      (seen) => seen.includes(String(row.ordinal)) && seen.includes(visible(row.content).slice(0, 8)),
    );
    for (const ref of [...row.lead, ...row.responsible]) {
      check(`row ${row.ordinal} unit ${ref.name}`, ref.span, (seen) => seen === visible(ref.name) || ref.name.endsWith(seen));
    }
    for (const indicator of row.indicators) {
      check(`row ${row.ordinal} indicator ${indicator.subject}`, indicator.span, (seen) => seen.includes(String(indicator.value)));
    }
  }
  return problems;
}
