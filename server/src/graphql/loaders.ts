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

/** Each concept's loaders; a request makes a concept's set the first time it uses one of them. */
const FACTORIES = [
  createJurisdictionLoaders,
  createPlanLoaders,
  createSectionLoaders,
  createTaskLoaders,
  createClauseLoaders,
  createAssignmentLoaders,
  createAgencyLoaders,
  createIndicatorLoaders,
  createScheduleItemLoaders,
  createThemeLoaders,
  createMetricLoaders,
  createAlignmentLoaders,
  createChangeLoaders,
] as const;

type UnionToIntersection<U> = (U extends unknown ? (each: U) => void : never) extends (each: infer I) => void ? I : never;
type BaseLoaders = UnionToIntersection<ReturnType<(typeof FACTORIES)[number]>>;

/**
 * Every relation the API follows goes through one of these, so the number of SQL statements of a
 * request depends on the query's shape, never on how many rows it touches.
 *
 * Made lazily: a request pays only for the concepts it reads (a plan list touches two of the
 * fourteen), not for some fifty DataLoaders built up front. `loaders.x` makes x's concept's
 * loaders on first use and keeps them for the rest of the request.
 */
export type Loaders = BaseLoaders & ReturnType<typeof createCascadeLoaders>;

const CASCADE = FACTORIES.length;

/** The loaders of one request: a getter per loader on the prototype, made once per process. */
interface LazyLoaders {
  readonly dataSource: DataSource;
  readonly made: Record<string, unknown>[];
}
let LazyLoadersClass: (new (dataSource: DataSource) => LazyLoaders) | undefined;

function lazyLoadersClass(dataSource: DataSource): new (dataSource: DataSource) => LazyLoaders {
  if (LazyLoadersClass) return LazyLoadersClass;
  const Class = class {
    readonly made: Record<string, unknown>[] = [];
    constructor(readonly dataSource: DataSource) {}
  };
  // Which factory makes each loader, learned from one set of each (the names never change).
  const names: [string, number][] = FACTORIES.flatMap((factory, index) =>
    Object.keys(factory(dataSource)).map((name) => [name, index] as [string, number]),
  );
  // The cascade's loaders read through the others; what they are given here is never used.
  names.push(...Object.keys(createCascadeLoaders(dataSource, {} as Loaders)).map((name) => [name, CASCADE] as [string, number]));
  for (const [name, index] of names) {
    Object.defineProperty(Class.prototype, name, {
      get(this: LazyLoaders) {
        const set = (this.made[index] ??=
          index === CASCADE ? createCascadeLoaders(this.dataSource, this as unknown as Loaders) : FACTORIES[index](this.dataSource));
        return set[name];
      },
    });
  }
  return (LazyLoadersClass = Class);
}

export function createLoaders(dataSource: DataSource): Loaders {
  const Class = lazyLoadersClass(dataSource);
  return new Class(dataSource) as unknown as Loaders;
}
