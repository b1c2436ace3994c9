import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { TargetVerdict } from './cascade.types.js';
import { findCascades, type CascadeReaders } from './cascade.service.js';

/** Made after the other loaders: a cascade reads targets and metrics through them. */
export function createCascadeLoaders(dataSource: DataSource, readers: CascadeReaders) {
  return {
    /** Each target's verdicts against the levels above, nearest first. */
    cascadeByIndicatorId: new DataLoader<string, TargetVerdict[]>((ids) => findCascades(dataSource, readers, ids)),
  };
}
