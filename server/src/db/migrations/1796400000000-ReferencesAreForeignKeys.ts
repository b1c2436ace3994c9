import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every column that names a row of another table is a foreign key. `task_theme.task_id` was not,
 * so a revision that dropped tasks left their themes behind: those orphans are deleted first, and
 * the themes of a task now go with it. `indicator.metric_key` (a metric of the reference list) and
 * `task_alignment.other_jurisdiction_code` get theirs too, after the same clean-up (none are known).
 * `alignment_review` and `audit_log` keep plain keys on purpose: they record decisions that must
 * outlive the tasks and tokens they name.
 */
export class ReferencesAreForeignKeys1796400000000 implements MigrationInterface {
  name = 'ReferencesAreForeignKeys1796400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "task_theme" tt WHERE NOT EXISTS (SELECT 1 FROM "task" t WHERE t."id" = tt."task_id")`);
    await queryRunner.query(`
      UPDATE "indicator" i SET "metric_key" = NULL
      WHERE i."metric_key" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "metric" m WHERE m."key" = i."metric_key")
    `);
    await queryRunner.query(`
      DELETE FROM "task_alignment" ta WHERE NOT EXISTS (SELECT 1 FROM "jurisdiction" j WHERE j."code" = ta."other_jurisdiction_code")
    `);
    await queryRunner.query(`
      ALTER TABLE "task_alignment" ADD CONSTRAINT "FK_fa94589f7035f79ddf9f3365e5a"
      FOREIGN KEY ("other_jurisdiction_code") REFERENCES "jurisdiction"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
    `);
    await queryRunner.query(`
      ALTER TABLE "indicator" ADD CONSTRAINT "FK_06a34c8f27af036e66f2ee5e89f"
      FOREIGN KEY ("metric_key") REFERENCES "metric"("key") ON DELETE SET NULL ON UPDATE NO ACTION
    `);
    await queryRunner.query(`
      ALTER TABLE "task_theme" ADD CONSTRAINT "FK_4b6ee26f9f53d69e288bfc1dd99"
      FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE CASCADE ON UPDATE NO ACTION
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "task_theme" DROP CONSTRAINT "FK_4b6ee26f9f53d69e288bfc1dd99"`);
    await queryRunner.query(`ALTER TABLE "indicator" DROP CONSTRAINT "FK_06a34c8f27af036e66f2ee5e89f"`);
    await queryRunner.query(`ALTER TABLE "task_alignment" DROP CONSTRAINT "FK_fa94589f7035f79ddf9f3365e5a"`);
  }
}
