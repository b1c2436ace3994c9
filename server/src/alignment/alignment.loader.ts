import DataLoader from 'dataloader';
import { In, Not, type DataSource } from 'typeorm';
import { groupByKey, loaderByKey } from '../graphql/batch.js';
import { AlignmentStatus, TaskAlignment } from './task-alignment.entity.js';

/** A task's equivalents, optionally only those in one jurisdiction. */
export interface EquivalentsKey {
  taskId: string;
  jurisdictionCode: string | null;
}

export function createAlignmentLoaders(dataSource: DataSource) {
  return {
    taskAlignmentById: loaderByKey<TaskAlignment, string>(dataSource, TaskAlignment, 'id'),
    /** Equivalents of each task (REJECTED links left out), best first; one statement per batch. */
    equivalentsByTask: new DataLoader<EquivalentsKey, TaskAlignment[], string>(
      async (keys) => {
        const taskIds = [...new Set(keys.map((key) => key.taskId))];
        const rows = await dataSource.getRepository(TaskAlignment).find({
          where: { taskId: In(taskIds), status: Not(AlignmentStatus.REJECTED) },
          order: { score: 'DESC', otherTaskId: 'ASC' },
        });
        const groups = groupByKey(taskIds, rows, (row) => row.taskId);
        const byTask = new Map(taskIds.map((taskId, index) => [taskId, groups[index]]));
        return keys.map((key) =>
          (byTask.get(key.taskId) ?? []).filter(
            (row) => key.jurisdictionCode === null || row.otherJurisdictionCode === key.jurisdictionCode,
          ),
        );
      },
      { cacheKeyFn: (key) => `${key.taskId}|${key.jurisdictionCode ?? ''}` },
    ),
  };
}
