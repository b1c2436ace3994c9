import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../graphql/connection.js';
import { Indicator } from '../indicator/indicator.entity.js';
import { VerdictReasonKind, type VerdictReasonPart } from './target-rules.js';

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

registerEnumType(VerdictReasonKind, {
  name: 'VerdictReasonKind',
  description: 'What a verdict rests on (`TargetVerdict.reasons`).',
  valuesConfig: {
    UNIT: { description: 'The units differ, even converted to the metric’s unit (`value`: the target’s, `parentValue`: the parent’s).' },
    SUBJECT: { description: 'The subjects measure different things (`value`, `parentValue`: the two subjects).' },
    PERIOD: { description: 'The periods differ, e.g. a quarter against a year (`value`, `parentValue`: `Period` names).' },
    NO_DIRECTION: { description: 'Neither the comparator nor the metric says whether a higher or a lower value is stricter.' },
    YEAR_END_VALUE: {
      description: 'The target was compared by the year-end value of its cumulative quarterly series (`value`, with its unit).',
    },
    PARENT_YEAR_END_VALUE: {
      description: 'The parent was compared by the year-end value of its cumulative quarterly series (`parentValue`, with its unit).',
    },
  },
});

@ObjectType({ description: 'One part of why a verdict is what it is, for a client to word in its own language.' })
export class VerdictReason implements VerdictReasonPart {
  @Field(() => VerdictReasonKind, { description: 'What this part says: which side differs, or which value was compared.' })
  kind: VerdictReasonKind;

  @Field(() => String, { nullable: true, description: 'The target’s side of the difference, or the value it was compared by.' })
  value: string | null;

  @Field(() => String, { nullable: true, description: 'The parent’s side of the difference, or the value it was compared by.' })
  parentValue: string | null;
}

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
      'Why the targets are not comparable (unit, subject or period differ), or what was compared when it is not the value as printed (the year-end value of a cumulative quarterly target), in English; null otherwise. `reasons` gives the same in parts, for other languages.',
  })
  reason: string | null;

  @Field(() => [VerdictReason], {
    description: '`reason` in parts (kind and the values on each side), in the order `reason` gives them; empty when `reason` is null.',
  })
  reasons: VerdictReason[];
}

@ObjectType({ description: 'One target of a metric in a plan under a jurisdiction, with how it stands against the levels above.' })
export class CascadeTarget {
  @Field(() => Indicator, { description: 'The target.' })
  indicator: Indicator;
}

export const CascadeTargetConnection = connectionType(CascadeTarget, 'targets');
