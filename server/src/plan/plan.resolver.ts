import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { connectionType, cursorOf, PageArgs, pageAfter, pageSize, selects, type Connection, type Keyset } from '../graphql/connection.js';
import type { Context } from '../graphql/context.js';
import { keyOfType } from '../graphql/global-id.js';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity.js';
import { PlanRevision } from './plan-revision.entity.js';
import { Plan } from './plan.entity.js';
import { PlanFilter } from './plan.input.js';
import { findJurisdictionsWithPlans, findPlanYears, findPlans } from './plan.service.js';
import { loadWithRelations, OneStatement, Prefetch, prefetchNodes, Reads } from '../graphql/prefetch.js';
import { AnswerSize } from '../graphql/answer-size.js';

const PlanConnection = connectionType(Plan, 'plans');

@Resolver(() => Plan)
export class PlanResolver {
  @Query(() => PlanConnection, { description: 'Plans, by jurisdiction code then year, a page at a time.' })
  @OneStatement({ unless: ['totalCount'] })
  plans(
    @Arg('filter', () => PlanFilter, { nullable: true, description: 'Which plans to return.' }) filter: PlanFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<Plan>> {
    return findPlans(context.dataSource, filter, page, {
      countNow: selects(info, 'totalCount'),
      prefetch: prefetchNodes(context, info, Plan, 'plan'),
    });
  }

  @Query(() => Plan, { nullable: true, description: 'The plan with this id, or null when there is none.' })
  @OneStatement()
  async plan(
    @Arg('id', () => ID, { description: 'A Plan id.' }) id: string,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Plan | null> {
    // One statement for the plan and the parts the query selects (prefetch.ts).
    const [plan] = await loadWithRelations(context, info, Plan, 'id', [keyOfType(id, 'Plan')]);
    return plan;
  }

  @Query(() => [Int], { description: 'The years there are plans for (年度), newest first: what a year menu offers.' })
  planYears(@Ctx() { dataSource }: Context): Promise<number[]> {
    return findPlanYears(dataSource);
  }

  @AnswerSize({ items: 3_300 })
  @Query(() => [Jurisdiction], {
    description:
      'The jurisdictions that have a plan (食品安全重点工作安排), for one year or any, by code: what a jurisdiction menu offers.',
  })
  jurisdictionsWithPlans(
    @Arg('year', () => Int, { nullable: true, description: 'Only jurisdictions with a plan for this year; any year when omitted.' })
    year: number | null,
    @Ctx() { dataSource }: Context,
  ): Promise<Jurisdiction[]> {
    return findJurisdictionsWithPlans(dataSource, year);
  }

  @FieldResolver(() => Jurisdiction, { description: 'The jurisdiction whose plan this is.' })
  @Prefetch({ entity: () => Jurisdiction, kind: 'one', column: 'code', parentProperty: 'jurisdictionCode', loader: 'jurisdictionByCode' })
  async jurisdiction(@Root() plan: Plan, @Ctx() { loaders }: Context): Promise<Jurisdiction> {
    return (await loaders.jurisdictionByCode.load(plan.jurisdictionCode))!;
  }

  @AnswerSize({ bytes: 40 * 1_024 })
  @FieldResolver(() => String, { description: "The document's text exactly as imported; every span points into it." })
  @Reads({ Plan: ['id', 'sourceText'] })
  async sourceText(@Root() plan: Plan, @Ctx() { loaders }: Context): Promise<string> {
    // Plans are read without it (Plan.readOnDemand): most of a plan's bytes, and few queries ask.
    return plan.sourceText ?? (await loaders.planSourceTextById.load(plan.id))!;
  }

  @FieldResolver(() => [PlanRevision], {
    description: 'Earlier documents this plan held, replaced by later imports, newest first, at most `first`; each with its source text.',
  })
  @Reads({ Plan: ['id'] })
  revisions(@Root() plan: Plan, @Args(() => PageArgs) page: PageArgs, @Ctx() { loaders }: Context): Promise<PlanRevision[]> {
    const [before] = (pageAfter(REVISION_KEYSET, page.after) ?? [null]) as (number | null)[];
    return loaders.revisionPageByPlanId(pageSize(page.first), before).load(plan.id);
  }
}

/**
 * Revisions page by number, newest first. `Plan.revisions` stays a list (the web app reads it as
 * one) with the connections' `first`/`after`: `after` takes a revision's cursor (`PlanRevision.cursor`).
 */
const REVISION_KEYSET: Keyset<PlanRevision> = {
  name: 'PlanRevision',
  columns: ['revision.number'],
  kinds: ['integer'],
  values: (revision) => [revision.number],
  descending: true,
};

@Resolver(() => PlanRevision)
export class PlanRevisionResolver {
  @AnswerSize({ bytes: 40 * 1_024 })
  @FieldResolver(() => String, { description: "The replaced document's text exactly as imported." })
  @Reads({ PlanRevision: ['id', 'sourceText'] })
  async sourceText(@Root() revision: PlanRevision, @Ctx() { loaders }: Context): Promise<string> {
    return revision.sourceText ?? (await loaders.revisionSourceTextById.load(revision.id))!;
  }

  @FieldResolver(() => String, { description: 'Pass it as `Plan.revisions(after:)` to list the revisions older than this one.' })
  @Reads({ PlanRevision: ['number'] })
  cursor(@Root() revision: PlanRevision): string {
    return cursorOf(REVISION_KEYSET, revision);
  }

  @FieldResolver(() => Plan, { description: 'The plan whose document this was.' })
  async plan(@Root() revision: PlanRevision, @Ctx() { loaders }: Context): Promise<Plan> {
    return (await loaders.planById.load(revision.planId))!;
  }
}

/** `Jurisdiction.plans`, added here because plans own the data. */
@Resolver(() => Jurisdiction)
export class JurisdictionPlansResolver {
  @FieldResolver(() => [Plan], { description: 'The plans this jurisdiction issued, by year.' })
  plans(@Root() jurisdiction: Jurisdiction, @Ctx() { loaders }: Context): Promise<Plan[]> {
    return loaders.plansByJurisdictionCode.load(jurisdiction.code);
  }
}
