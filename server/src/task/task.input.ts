import { Field, InputType, Int } from 'type-graphql';
import { AgencyKind } from '../agency/agency.entity.js';
import { AssignmentRole } from '../assignment/assignment.entity.js';

@InputType({ description: 'Which tasks to return; all given conditions must hold.' })
export class TaskFilter {
  @Field(() => [String], {
    nullable: true,
    description: 'Only tasks of plans of these jurisdictions (GB/T 2260 codes); an empty list matches nothing.',
  })
  jurisdictionCodes?: string[] | null;

  @Field(() => Int, { nullable: true, description: 'Only tasks of plans for this year.' })
  year?: number | null;

  @Field(() => AgencyKind, {
    nullable: true,
    description: 'Only tasks with a clause naming an agency of this kind (with `role`: in that role).',
  })
  agencyKind?: AgencyKind | null;

  @Field(() => AssignmentRole, {
    nullable: true,
    description: 'Only tasks with a clause naming an agency in this role (with `agencyKind`: an agency of that kind).',
  })
  role?: AssignmentRole | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Only tasks carrying at least one of these themes (keys of Query.themes); an empty list matches nothing.',
  })
  themeKeys?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only tasks whose title or text contains this string (case-insensitive, taken literally).',
  })
  text?: string | null;
}
