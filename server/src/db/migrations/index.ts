import { InitialSchema1795533117157 } from './1795533117157-InitialSchema.js';
import { AlignmentThemesMetricsAuth1795533523907 } from './1795533523907-AlignmentThemesMetricsAuth.js';
import { ReadCacheAndTaskSearch1795534714986 } from './1795534714986-ReadCacheAndTaskSearch.js';
import { NationalJurisdictions1796000000000 } from './1796000000000-NationalJurisdictions.js';
import { PlanOutlineRevisions1796148853072 } from './1796148853072-PlanOutlineRevisions.js';
import { TaskSearchGrams1796220000000 } from './1796220000000-TaskSearchGrams.js';
import { AuditLogPlans1796300000000 } from './1796300000000-AuditLogPlans.js';
import { ReferencesAreForeignKeys1796400000000 } from './1796400000000-ReferencesAreForeignKeys.js';
import { TaskSearchKeys1796520000000 } from './1796520000000-TaskSearchKeys.js';
import { PlanChangeSets1796615000000 } from './1796615000000-PlanChangeSets.js';
import { SearchKeysCost1796630000000 } from './1796630000000-SearchKeysCost.js';
import { AlignmentByTaskAndJurisdiction1796700000000 } from './1796700000000-AlignmentByTaskAndJurisdiction.js';

/** Every migration, oldest first. Generate new ones with `pnpm --filter @plan-atlas/server migration:generate src/db/migrations/<Name>`. */
export const migrations = [
  InitialSchema1795533117157,
  AlignmentThemesMetricsAuth1795533523907,
  ReadCacheAndTaskSearch1795534714986,
  NationalJurisdictions1796000000000,
  PlanOutlineRevisions1796148853072,
  TaskSearchGrams1796220000000,
  AuditLogPlans1796300000000,
  ReferencesAreForeignKeys1796400000000,
  TaskSearchKeys1796520000000,
  PlanChangeSets1796615000000,
  SearchKeysCost1796630000000,
  AlignmentByTaskAndJurisdiction1796700000000,
];
