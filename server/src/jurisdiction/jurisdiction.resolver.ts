import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../graphql/context.js';
import { ApiError, ErrorCode } from '../graphql/errors.js';
import { Jurisdiction, JurisdictionLevel } from './jurisdiction.entity.js';
import { DEFAULT_SEARCH_RESULTS, listJurisdictions, MAX_JURISDICTIONS } from './jurisdiction.queries.js';
import { AnswerSize } from '../graphql/answer-size.js';
import { Prefetch } from '../graphql/prefetch.js';

@Resolver(() => Jurisdiction)
export class JurisdictionResolver {
  @AnswerSize({ items: 3_300 })
  @Query(() => [Jurisdiction], {
    description:
      'Jurisdictions (行政区划) by code, optionally of one level, under one parent, in force in one year, or matching a search ' +
      '(best matches first). The whole country has ~3,250, those that ceased since 2015 included: filter or search.',
  })
  jurisdictions(
    @Arg('level', () => JurisdictionLevel, { nullable: true, description: 'Only jurisdictions of this level.' })
    level: JurisdictionLevel | null,
    @Arg('parentCode', () => String, {
      nullable: true,
      description: 'Only the direct children of this jurisdiction code, e.g. "320600" for the districts of 南通市.',
    })
    parentCode: string | null,
    @Arg('search', () => String, {
      nullable: true,
      description:
        'Part of the name, full name or short name ("通州", "南通市通州"), or the start of the pinyin initials ("tzq", "tz"). ' +
        `Exact names come first, then higher levels. Returns ${DEFAULT_SEARCH_RESULTS} unless \`first\` says otherwise.`,
    })
    search: string | null,
    @Arg('year', () => Int, {
      nullable: true,
      description: 'Only divisions in force in this year (海门市 until 2020, 海门区 from 2020).',
    })
    year: number | null,
    @Arg('first', () => Int, {
      nullable: true,
      description: `At most this many, 1 to ${MAX_JURISDICTIONS}; null means all (${DEFAULT_SEARCH_RESULTS} with \`search\`). Larger values are refused with input/first_too_large.`,
    })
    first: number | null,
    @Ctx() { dataSource }: Context,
  ): Promise<Jurisdiction[]> {
    if (first !== null && first > MAX_JURISDICTIONS) {
      throw new ApiError(ErrorCode.INPUT_FIRST_TOO_LARGE, `first is ${first}, but jurisdictions returns at most ${MAX_JURISDICTIONS}.`, {
        argument: 'first',
      });
    }
    if (first !== null && first < 1)
      throw new ApiError(ErrorCode.INPUT_INVALID, `first is ${first}; it must be 1 or more.`, { argument: 'first' });
    return listJurisdictions(dataSource, { level, parentCode, search, year, first });
  }

  @Query(() => Jurisdiction, { nullable: true, description: 'The jurisdiction with this GB/T 2260 code, or null.' })
  jurisdiction(
    @Arg('code', () => String, { description: 'GB/T 2260 administrative division code, e.g. "320612".' }) code: string,
    @Ctx() { loaders }: Context,
  ): Promise<Jurisdiction | null> {
    return loaders.jurisdictionByCode.load(code);
  }

  @FieldResolver(() => Jurisdiction, {
    nullable: true,
    description:
      'The jurisdiction above this one (上级): the province for a county-level division directly under it (仙桃市), the country for a province; null for the country.',
  })
  @Prefetch({ entity: () => Jurisdiction, kind: 'one', column: 'code', parentProperty: 'parentCode', loader: 'jurisdictionByCode' })
  parent(@Root() jurisdiction: Jurisdiction, @Ctx() { loaders }: Context): Promise<Jurisdiction | null> | null {
    return jurisdiction.parentCode ? loaders.jurisdictionByCode.load(jurisdiction.parentCode) : null;
  }

  @FieldResolver(() => Jurisdiction, {
    nullable: true,
    description: 'The division that took over this one when it ceased (继任: 海门市 → 海门区); null while in force.',
  })
  successor(@Root() jurisdiction: Jurisdiction, @Ctx() { loaders }: Context): Promise<Jurisdiction | null> | null {
    return jurisdiction.successorCode ? loaders.jurisdictionByCode.load(jurisdiction.successorCode) : null;
  }

  @AnswerSize({ items: 40 })
  @FieldResolver(() => [Jurisdiction], { description: 'The jurisdictions directly below this one (下级), by code; ceased ones included.' })
  children(@Root() jurisdiction: Jurisdiction, @Ctx() { loaders }: Context): Promise<Jurisdiction[]> {
    return loaders.jurisdictionsByParentCode.load(jurisdiction.code);
  }
}
