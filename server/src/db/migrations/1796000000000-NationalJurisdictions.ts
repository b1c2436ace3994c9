import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The whole country's divisions (seeds/reference/jurisdictions.json): pinyin initials for search,
 * and the years a division was in force with its successor, so plans of renamed or re-coded
 * divisions (海门市 → 海门区, 2020) keep the code of their year. The rows come from loadReferenceData.
 */
export class NationalJurisdictions1796000000000 implements MigrationInterface {
    name = 'NationalJurisdictions1796000000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "jurisdiction"
            ADD "pinyin" text NOT NULL DEFAULT ''
        `);
        await queryRunner.query(`
            ALTER TABLE "jurisdiction"
            ADD "valid_from" smallint
        `);
        await queryRunner.query(`
            ALTER TABLE "jurisdiction"
            ADD "valid_until" smallint
        `);
        await queryRunner.query(`
            ALTER TABLE "jurisdiction"
            ADD "successor_code" character varying(6)
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_51ded70ad4e18e1b52f413ab10" ON "jurisdiction" ("successor_code")
        `);
        await queryRunner.query(`
            ALTER TABLE "jurisdiction"
            ADD CONSTRAINT "FK_51ded70ad4e18e1b52f413ab101" FOREIGN KEY ("successor_code") REFERENCES "jurisdiction"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "jurisdiction" DROP CONSTRAINT "FK_51ded70ad4e18e1b52f413ab101"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_51ded70ad4e18e1b52f413ab10"
        `);
        await queryRunner.query(`
            ALTER TABLE "jurisdiction" DROP COLUMN "successor_code"
        `);
        await queryRunner.query(`
            ALTER TABLE "jurisdiction" DROP COLUMN "valid_until"
        `);
        await queryRunner.query(`
            ALTER TABLE "jurisdiction" DROP COLUMN "valid_from"
        `);
        await queryRunner.query(`
            ALTER TABLE "jurisdiction" DROP COLUMN "pinyin"
        `);
    }

}
