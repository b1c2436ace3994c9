import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The plans each audited change touched, so editors can read the log plan by plan. Entries
 * written before are filled in from what they recorded: an upload's summary names its plan, a
 * review its two tasks (`<task>~<task>`), task themes their task.
 */
export class AuditLogPlans1796300000000 implements MigrationInterface {
  name = 'AuditLogPlans1796300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_log" ADD "plan_ids" text array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`
      UPDATE "audit_log" SET "plan_ids" = ARRAY["after"->>'planId'] WHERE "mutation" = 'importPlan' AND "after"->>'planId' IS NOT NULL
    `);
    await queryRunner.query(`
      UPDATE "audit_log" a SET "plan_ids" = ARRAY(
        SELECT DISTINCT t."plan_id" FROM "task" t
        WHERE t."id" IN (a."args"->>'taskId', split_part(a."args"->>'id', '~', 1), split_part(a."args"->>'id', '~', 2))
      ) WHERE a."mutation" IN ('reviewAlignment', 'setTaskThemes')
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_log" DROP COLUMN "plan_ids"`);
  }
}
