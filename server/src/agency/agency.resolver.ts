import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../graphql/context.js';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity.js';
import { Agency, AgencyKind } from './agency.entity.js';
import { listAgencies } from './agency.queries.js';

@Resolver(() => Agency)
export class AgencyResolver {
  @Query(() => [Agency], { description: 'Agencies named in the plans, by jurisdiction and name.' })
  agencies(
    @Arg('jurisdictionCode', () => String, { nullable: true, description: 'Only agencies of this jurisdiction (GB/T 2260 code).' })
    jurisdictionCode: string | null,
    @Arg('kind', () => AgencyKind, { nullable: true, description: 'Only agencies of this kind.' }) kind: AgencyKind | null,
    @Ctx() { dataSource }: Context,
  ): Promise<Agency[]> {
    return listAgencies(dataSource, { jurisdictionCode, kind });
  }

  @FieldResolver(() => Jurisdiction, { description: 'The jurisdiction the agency belongs to.' })
  async jurisdiction(@Root() agency: Agency, @Ctx() { loaders }: Context): Promise<Jurisdiction> {
    return (await loaders.jurisdictionByCode.load(agency.jurisdictionCode))!;
  }
}
