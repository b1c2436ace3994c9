import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { findPreviousPlanIds } from './change.service.js';

export function createChangeLoaders(dataSource: DataSource) {
  return {
    /** The id of the plan before each plan (same jurisdiction, latest earlier year), or null. */
    previousPlanIdByPlanId: new DataLoader<string, string | null>((planIds) => findPreviousPlanIds(dataSource, planIds)),
  };
}
