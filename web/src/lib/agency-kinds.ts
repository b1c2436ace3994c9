import type { AgencyKind } from '@/graphql/generated/graphql';

/**
 * Agency kinds in the order the menus offer them: the food-safety front line first, collective
 * units and "other" last. The names come from the i18n messages (agencyKind.*).
 */
export const AGENCY_KINDS: readonly AgencyKind[] = [
  'MARKET_REGULATION',
  'AGRICULTURE_RURAL',
  'HEALTH',
  'EDUCATION',
  'PUBLIC_SECURITY',
  'CUSTOMS',
  'COMMERCE',
  'GRAIN_RESERVES',
  'DEVELOPMENT_REFORM',
  'ECOLOGY_ENVIRONMENT',
  'NATURAL_RESOURCES',
  'TRANSPORT',
  'URBAN_MANAGEMENT',
  'CULTURE_TOURISM',
  'PROPAGANDA',
  'JUSTICE',
  'FINANCE',
  'SCIENCE_TECHNOLOGY',
  'SCIENCE_ASSOCIATION',
  'SUPPLY_MARKETING_COOP',
  'ADMINISTRATIVE_APPROVAL',
  'POSTAL',
  'DEVELOPMENT_ZONE',
  'FOOD_SAFETY_OFFICE',
  'FOOD_SAFETY_COMMITTEE_MEMBERS',
  'SUBORDINATE_GOVERNMENTS',
  'OTHER',
];
