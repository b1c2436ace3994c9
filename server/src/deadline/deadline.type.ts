import { Field, Int, ObjectType } from 'type-graphql';

/** A deadline (完成时限) as a plan prints it, and the date it names. */
@ObjectType({ description: 'A deadline (完成时限) as printed, e.g. "2021年12月1日前", "6月底前", "长期坚持", and the date it names.' })
export class Deadline {
  @Field(() => String, { description: 'The deadline as printed, e.g. "6月底前".' })
  text: string;

  @Field(() => String, {
    nullable: true,
    description: "The date it names, ISO 8601 (the plan's year filled in where the text leaves it out); null when open-ended (长期坚持).",
  })
  date: string | null;

  @Field(() => Int, { description: "Start of the source span (UTF-16 offset into the plan's sourceText)." })
  spanStart: number;

  @Field(() => Int, { description: 'End of the source span, exclusive.' })
  spanEnd: number;
}

/** The deadline columns an entity carries (task, clause), null when the text names none. */
export interface DeadlineColumns {
  deadline: string | null;
  deadlineDate: string | null;
  deadlineSpanStart: number | null;
  deadlineSpanEnd: number | null;
}

/** What `deadlineOf` reads of its row (`@Reads` of the `deadline` fields). */
export const DEADLINE_PROPERTIES: readonly (keyof DeadlineColumns)[] = ['deadline', 'deadlineDate', 'deadlineSpanStart', 'deadlineSpanEnd'];

export function deadlineOf(row: DeadlineColumns): Deadline | null {
  if (row.deadline === null) return null;
  return { text: row.deadline, date: row.deadlineDate, spanStart: row.deadlineSpanStart ?? 0, spanEnd: row.deadlineSpanEnd ?? 0 };
}
