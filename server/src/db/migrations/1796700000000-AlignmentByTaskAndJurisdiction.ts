import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The links of one task to the tasks of given jurisdictions, answered from one index: a task's
 * links (task_id) narrowed to the other jurisdictions (other_jurisdiction_code), with the status
 * and the other task in the index, so the comparison's "matched in another compared plan" check
 * and `equivalents(jurisdictionCode:)` read no table rows. Without it, PostgreSQL combined the
 * (task_id, other_task_id) index with the one on other_jurisdiction_code, reading every link into
 * the ten compared jurisdictions for each task: a comparison of ten cities on the national corpus
 * spent 177 of its 184 ms there (13 ms with this index; BENCHMARKS.md).
 */
export class AlignmentByTaskAndJurisdiction1796700000000 implements MigrationInterface {
  name = 'AlignmentByTaskAndJurisdiction1796700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_task_alignment_task_jurisdiction" ON public.task_alignment (task_id, other_jurisdiction_code) INCLUDE (status, other_task_id)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX public."IDX_task_alignment_task_jurisdiction"`);
  }
}
