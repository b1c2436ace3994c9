import { Field, InputType, Int } from 'type-graphql';

@InputType({ description: 'Which plans to return; all given conditions must hold.' })
export class PlanFilter {
  @Field(() => [String], {
    nullable: true,
    description: 'Only plans of these jurisdictions (GB/T 2260 codes); an empty list matches nothing.',
  })
  jurisdictionCodes?: string[] | null;

  @Field(() => Int, { nullable: true, description: 'Only plans for this year.' })
  year?: number | null;
}
