import { Field, Int, ObjectType } from 'type-graphql';
import { Indicator } from '../indicator/indicator.entity.js';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity.js';
import { Plan } from '../plan/plan.entity.js';
import { Task } from '../task/task.entity.js';
import { Theme } from '../theme/theme.entity.js';
import { AnswerSize } from '../graphql/answer-size.js';

@ObjectType({ description: "One jurisdiction's share of a comparison row: its tasks of the theme and their targets." })
export class ComparisonCell {
  @Field(() => Jurisdiction, { description: 'The jurisdiction of this column.' })
  jurisdiction: Jurisdiction;

  @Field(() => Plan, { nullable: true, description: "The jurisdiction's plan for the year; null when none is imported." })
  plan: Plan | null;

  @Field(() => [Task], { description: "Its tasks of the row's theme, in document order; empty when it has none." })
  tasks: Task[];

  @Field(() => [Task], {
    description: 'Those of `tasks` with no equivalent (not rejected) in any other compared jurisdiction: work unique to this plan.',
  })
  unmatchedTasks: Task[];

  @Field(() => [Indicator], { description: 'The whole-year targets (period YEAR) of those tasks, in document order.' })
  indicators: Indicator[];
}

@ObjectType({ description: 'A theme, with one cell per compared jurisdiction, in the order asked.' })
export class ComparisonRow {
  @Field(() => Theme, { description: 'The theme of the row.' })
  theme: Theme;

  @Field(() => [ComparisonCell], { description: 'One cell per jurisdiction, in the order of `jurisdictionCodes`.' })
  cells: ComparisonCell[];

  @Field(() => [Jurisdiction], { description: 'Jurisdictions with no task of this theme.' })
  missingFrom: Jurisdiction[];

  @Field(() => Jurisdiction, { nullable: true, description: 'The only jurisdiction with tasks of this theme, when exactly one has them.' })
  uniqueTo: Jurisdiction | null;
}

@ObjectType({ description: 'Plans of several jurisdictions for one year, side by side, theme by theme.' })
export class Comparison {
  @Field(() => Int, { description: 'The year compared.' })
  year: number;

  @Field(() => [Jurisdiction], { description: 'The jurisdictions compared, in the order asked.' })
  jurisdictions: Jurisdiction[];

  @AnswerSize({ items: 25 })
  @Field(() => [ComparisonRow], {
    description: 'One row per theme that at least one of the plans has, in taxonomy order.',
  })
  rows: ComparisonRow[];
}
