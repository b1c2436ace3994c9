import type { JurisdictionSearchQuery } from '@/graphql/generated/graphql';
import type { Responder } from '@/test/mount-app';

/**
 * Jurisdictions as the API's search answers them, among them the two 通州区 (Beijing's, with no
 * plan, and Nantong's, with its 2021 plan) that only their full names tell apart.
 */
type Match = JurisdictionSearchQuery['jurisdictions'][number];

function match(code: string, name: string, fullName: string, level: Match['level'], years: number[] = [], shortName = name): Match {
  return {
    id: `J${code}`,
    code,
    name,
    shortName,
    fullName,
    level,
    validUntil: null,
    plans: years.map((year) => ({ id: `${code}-${year}`, year })),
  };
}

export const beijingTongzhou = match('110112', '通州区', '北京市通州区', 'DISTRICT', [], '通州');
export const nantongTongzhou = match('320612', '通州区', '江苏省南通市通州区', 'DISTRICT', [2021], '通州');
export const xuzhou = match('320300', '徐州市', '江苏省徐州市', 'CITY', [2021], '徐州');
export const haimenCity = { ...match('320684', '海门市', '江苏省南通市海门市', 'COUNTY_CITY', [], '海门'), validUntil: 2020 };

/** The search: "tz" and "通州" find both 通州区; "xz" and "徐州" find Xuzhou; "海门" the ceased 海门市. */
export const jurisdictionSearch: Responder = (operation, variables) => {
  if (operation !== 'JurisdictionSearch') throw new Error(`unexpected ${operation}`);
  const text = String(variables.text);
  const found = [beijingTongzhou, nantongTongzhou, xuzhou, haimenCity].filter(
    (j) => j.fullName.includes(text) || (text === 'tz' && j.name === '通州区') || (text === 'xz' && j.code === '320300'),
  );
  return { jurisdictions: found };
};
