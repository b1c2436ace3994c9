import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../graphql/connection.js';
import { Indicator } from '../indicator/indicator.entity.js';

/** How a target stands against a target of a level above. */
export enum Verdict {
  STRICTER = 'STRICTER',
  EQUAL = 'EQUAL',
  LAXER = 'LAXER',
  NOT_COMPARABLE = 'NOT_COMPARABLE',
}

registerEnumType(Verdict, {
  name: 'Verdict',
  description: 'How a target stands against the target of a level above (上级指标).',
  valuesConfig: {
    STRICTER: { description: 'Asks more than the level above (严于上级).' },
    EQUAL: { description: 'Asks the same (与上级一致).' },
    LAXER: { description: 'Asks less than the level above (低于上级要求).' },
    NOT_COMPARABLE: {
      description: 'Cannot be compared: unit, subject or period differ, or nothing says which way is stricter (`reason`).',
    },
  },
});

@ObjectType({ description: 'A target compared with a target of the same metric in the plan of a level above, for the same year.' })
export class TargetVerdict {
  @Field(() => Indicator, { description: "The target of the level above (the city's, the province's, the country's)." })
  parent: Indicator;

  @Field(() => Int, { description: 'How many levels up the parent is: 1 for the jurisdiction right above, 2 for the next…' })
  distance: number;

  @Field(() => Verdict, { description: 'Stricter, equal, laxer or not comparable.' })
  verdict: Verdict;

  @Field(() => String, {
    nullable: true,
    description:
      'Why the targets are not comparable (unit, subject or period differ), or what was compared when it is not the value as printed (the year-end value of a cumulative quarterly target); null otherwise.',
  })
  reason: string | null;
}

@ObjectType({ description: 'One target of a metric in a plan under a jurisdiction, with how it stands against the levels above.' })
export class CascadeTarget {
  @Field(() => Indicator, { description: 'The target.' })
  indicator: Indicator;
}

export const CascadeTargetConnection = connectionType(CascadeTarget, 'targets');
