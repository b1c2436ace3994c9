import type { DataSource } from 'typeorm';
import { createAgencyLoaders } from '../agency/agency.loader.js';
import { createAlignmentLoaders } from '../alignment/alignment.loader.js';
import { createAssignmentLoaders } from '../assignment/assignment.loader.js';
import { createCascadeLoaders } from '../cascade/cascade.loader.js';
import { createChangeLoaders } from '../change/change.loader.js';
import { createClauseLoaders } from '../clause/clause.loader.js';
import { createIndicatorLoaders } from '../indicator/indicator.loader.js';
import { createJurisdictionLoaders } from '../jurisdiction/jurisdiction.loader.js';
import { createMetricLoaders } from '../metric/metric.loader.js';
import { createPlanLoaders } from '../plan/plan.loader.js';
import { createScheduleItemLoaders } from '../schedule/schedule-item.loader.js';
import { createSectionLoaders } from '../section/section.loader.js';
import { createTaskLoaders } from '../task/task.loader.js';
import { createThemeLoaders } from '../theme/theme.loader.js';

/**
 * Every relation the API follows goes through one of these, so the number of SQL statements of a
 * request depends on the query's shape, never on how many rows it touches.
 */
export function createLoaders(dataSource: DataSource) {
  const loaders = {
    ...createJurisdictionLoaders(dataSource),
    ...createPlanLoaders(dataSource),
    ...createSectionLoaders(dataSource),
    ...createTaskLoaders(dataSource),
    ...createClauseLoaders(dataSource),
    ...createAssignmentLoaders(dataSource),
    ...createAgencyLoaders(dataSource),
    ...createIndicatorLoaders(dataSource),
    ...createScheduleItemLoaders(dataSource),
    ...createThemeLoaders(dataSource),
    ...createMetricLoaders(dataSource),
    ...createAlignmentLoaders(dataSource),
    ...createChangeLoaders(dataSource),
  };
  return { ...loaders, ...createCascadeLoaders(dataSource, loaders) };
}

export type Loaders = ReturnType<typeof createLoaders>;
