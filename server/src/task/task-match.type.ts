import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

/** Which text of a task a search match lies in. */
export enum TaskTextField {
  TITLE = 'TITLE',
  TEXT = 'TEXT',
}

registerEnumType(TaskTextField, {
  name: 'TaskTextField',
  description: 'A searchable text of a task.',
  valuesConfig: {
    TITLE: { description: 'Its short heading (`Task.title`).' },
    TEXT: { description: 'Its full text (`Task.text`).' },
  },
});

/** The order `tasks` pages in. */
export enum TaskOrder {
  DOCUMENT = 'DOCUMENT',
  RELEVANCE = 'RELEVANCE',
}

registerEnumType(TaskOrder, {
  name: 'TaskOrder',
  description: 'The order tasks are returned in.',
  valuesConfig: {
    DOCUMENT: { description: 'Plan by plan (by jurisdiction code, then year), in document order.' },
    RELEVANCE: {
      description:
        'With a `filter.text`: tasks whose title holds the text first, then the others; each group plan by plan in document order. Without one, as DOCUMENT.',
    },
  },
});

@ObjectType({ description: 'Where the searched text (`tasks(filter: { text })`) occurs in a task, for highlighting.' })
export class TaskMatch {
  @Field(() => TaskTextField, { description: 'The text it occurs in.' })
  field: TaskTextField;

  @Field(() => Int, { description: 'Start of the occurrence (UTF-16 offset into that text).' })
  start: number;

  @Field(() => Int, { description: 'End of the occurrence, exclusive.' })
  end: number;
}

/** Every occurrence of `needle` in `haystack`, not overlapping; case-insensitive when `folded`. */
function occurrences(haystack: string, needle: string, field: TaskTextField, folded: boolean): TaskMatch[] {
  const matches: TaskMatch[] = [];
  // toLowerCase keeps the length of CJK and Latin text, so offsets stay those of the original.
  const text = folded ? haystack.toLowerCase() : haystack;
  const word = folded ? needle.toLowerCase() : needle;
  if (!word || text.length !== haystack.length) return matches;
  for (let start = text.indexOf(word); start !== -1; start = text.indexOf(word, start + word.length)) {
    matches.push({ field, start, end: start + word.length });
  }
  return matches;
}

/** Where `searched` occurs in a task's title, then its text. */
export function taskMatches(task: { title: string | null; text: string }, searched: string, folded: boolean): TaskMatch[] {
  return [
    ...(task.title ? occurrences(task.title, searched, TaskTextField.TITLE, folded) : []),
    ...occurrences(task.text, searched, TaskTextField.TEXT, folded),
  ];
}
