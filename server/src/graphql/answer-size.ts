import type { GraphQLField } from 'graphql';
import { Extensions } from 'type-graphql';

/** What a list field without `first` is expected to hold, for the estimates: a task's clauses, a clause's agencies… */
export const LIST_SIZE_ESTIMATE = 5;

/**
 * What a field is expected to bring into an answer, where the defaults do not fit: `items` for a
 * list longer than {@link LIST_SIZE_ESTIMATE} (or one whose `first` is optional and means "all"
 * when unset), `bytes` for a text larger than a name (a plan's source text, a clause). Taken from
 * the largest seen in real plans and the reference data, rounded up.
 */
export interface AnswerSize {
  items?: number;
  bytes?: number;
}

const ANSWER_SIZE = 'answerSize';

/** Declares a field's {@link AnswerSize} where the field is declared (it flows into the schema's field extensions). */
export function AnswerSize(size: AnswerSize): PropertyDecorator & MethodDecorator {
  return Extensions({ [ANSWER_SIZE]: size });
}

export function answerSizeOf(field: GraphQLField<unknown, unknown>): AnswerSize {
  return (field.extensions?.[ANSWER_SIZE] as AnswerSize | undefined) ?? {};
}
