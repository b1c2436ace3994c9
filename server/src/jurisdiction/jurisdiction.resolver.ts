import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../graphql/context.js';
import { Jurisdiction, JurisdictionLevel } from './jurisdiction.entity.js';
import { listJurisdictions } from './jurisdiction.queries.js';

@Resolver(() => Jurisdiction)
export class JurisdictionResolver {
  @Query(() => [Jurisdiction], { description: 'Jurisdictions (行政区划) by code, optionally of one level or under one parent.' })
  jurisdictions(
    @Arg('level', () => JurisdictionLevel, { nullable: true, description: 'Only jurisdictions of this level.' })
    level: JurisdictionLevel | null,
    @Arg('parentCode', () => String, {
      nullable: true,
      description: 'Only the direct children of this jurisdiction code, e.g. "320600" for the districts of 南通市.',
    })
    parentCode: string | null,
    @Ctx() { dataSource }: Context,
  ): Promise<Jurisdiction[]> {
    return listJurisdictions(dataSource, { level, parentCode });
  }

  @Query(() => Jurisdiction, { nullable: true, description: 'The jurisdiction with this GB/T 2260 code, or null.' })
  jurisdiction(
    @Arg('code', () => String, { description: 'GB/T 2260 administrative division code, e.g. "320612".' }) code: string,
    @Ctx() { loaders }: Context,
  ): Promise<Jurisdiction | null> {
    return loaders.jurisdictionByCode.load(code);
  }

  @FieldResolver(() => Jurisdiction, { nullable: true, description: 'The jurisdiction above this one (上级); null for a province.' })
  parent(@Root() jurisdiction: Jurisdiction, @Ctx() { loaders }: Context): Promise<Jurisdiction | null> | null {
    return jurisdiction.parentCode ? loaders.jurisdictionByCode.load(jurisdiction.parentCode) : null;
  }

  @FieldResolver(() => [Jurisdiction], { description: 'The jurisdictions directly below this one (下级), by code.' })
  children(@Root() jurisdiction: Jurisdiction, @Ctx() { loaders }: Context): Promise<Jurisdiction[]> {
    return loaders.jurisdictionsByParentCode.load(jurisdiction.code);
  }
}
