import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { connectionType, PageArgs, selects, type Connection } from '../graphql/connection.js';
import type { Context } from '../graphql/context.js';
import { OneStatement, prefetchNodes } from '../graphql/prefetch.js';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity.js';
import { Agency, AgencyKind } from './agency.entity.js';
import { findAgencies } from './agency.queries.js';

export const AgencyConnection = connectionType(Agency, 'agencies');

@Resolver(() => Agency)
export class AgencyResolver {
  @Query(() => AgencyConnection, { description: 'Agencies named in the plans, by jurisdiction and name, a page at a time.' })
  @OneStatement({ unless: ['totalCount'] })
  agencies(
    @Arg('jurisdictionCode', () => String, { nullable: true, description: 'Only agencies of this jurisdiction (GB/T 2260 code).' })
    jurisdictionCode: string | null,
    @Arg('kind', () => AgencyKind, { nullable: true, description: 'Only agencies of this kind.' }) kind: AgencyKind | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<Agency>> {
    return findAgencies(context.dataSource, { jurisdictionCode, kind }, page, {
      countNow: selects(info, 'totalCount'),
      prefetch: prefetchNodes(context, info, Agency, 'agency'),
    });
  }

  @FieldResolver(() => Jurisdiction, { description: 'The jurisdiction the agency belongs to.' })
  async jurisdiction(@Root() agency: Agency, @Ctx() { loaders }: Context): Promise<Jurisdiction> {
    return (await loaders.jurisdictionByCode.load(agency.jurisdictionCode))!;
  }
}
