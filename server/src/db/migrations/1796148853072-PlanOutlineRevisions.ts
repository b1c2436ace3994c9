import { MigrationInterface, QueryRunner } from "typeorm";

export class PlanOutlineRevisions1796148853072 implements MigrationInterface {
    name = 'PlanOutlineRevisions1796148853072'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "section_group" (
                "id" text NOT NULL,
                "plan_id" text NOT NULL,
                "section_id" text NOT NULL,
                "ordinal" integer NOT NULL,
                "label" text NOT NULL,
                "title" text NOT NULL,
                "preamble" text,
                "span_start" integer NOT NULL,
                "span_end" integer NOT NULL,
                CONSTRAINT "PK_a1deda6d34d025757c59bc65c3c" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_68ca8c57faf5b8154e0f4d919d" ON "section_group" ("plan_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_96e539ee2d7389e0b1c722fc08" ON "section_group" ("section_id", "ordinal")
        `);
        await queryRunner.query(`
            CREATE TABLE "plan_revision" (
                "id" text NOT NULL,
                "plan_id" text NOT NULL,
                "number" integer NOT NULL,
                "title" text NOT NULL,
                "document_number" text,
                "source_text" text NOT NULL,
                "source_format" character varying(16) NOT NULL,
                "source_sha256" character(64) NOT NULL,
                "source_file_name" text NOT NULL,
                "source_bytes" bytea,
                "imported_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "replaced_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "replaced_by" text NOT NULL,
                "reason" text NOT NULL,
                CONSTRAINT "PK_588869e0bf5cfa9a4499461525b" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_5b9c746c1043c381b77beb4a20" ON "plan_revision" ("plan_id", "number")
        `);
        await queryRunner.query(`
            ALTER TABLE "plan"
            ADD "draft" boolean NOT NULL DEFAULT false
        `);
        await queryRunner.query(`
            ALTER TABLE "plan"
            ADD "attribution" character varying(16) NOT NULL DEFAULT 'DOCUMENT'
        `);
        await queryRunner.query(`
            ALTER TABLE "section"
            ADD "preamble" text
        `);
        await queryRunner.query(`
            ALTER TABLE "task"
            ADD "group_id" text
        `);
        await queryRunner.query(`
            ALTER TABLE "task"
            ADD "label" text NOT NULL DEFAULT ''
        `);
        await queryRunner.query(`
            ALTER TABLE "task"
            ADD "path" text array NOT NULL DEFAULT '{}'
        `);
        await queryRunner.query(`
            ALTER TABLE "task"
            ADD "full_label" text NOT NULL DEFAULT ''
        `);
        await queryRunner.query(`
            ALTER TABLE "task"
            ADD "deadline" text
        `);
        await queryRunner.query(`
            ALTER TABLE "task"
            ADD "deadline_date" date
        `);
        await queryRunner.query(`
            ALTER TABLE "task"
            ADD "deadline_span_start" integer
        `);
        await queryRunner.query(`
            ALTER TABLE "task"
            ADD "deadline_span_end" integer
        `);
        await queryRunner.query(`
            ALTER TABLE "clause"
            ADD "deadline" text
        `);
        await queryRunner.query(`
            ALTER TABLE "clause"
            ADD "deadline_date" date
        `);
        await queryRunner.query(`
            ALTER TABLE "clause"
            ADD "deadline_span_start" integer
        `);
        await queryRunner.query(`
            ALTER TABLE "clause"
            ADD "deadline_span_end" integer
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_465a127df1ace09f377dd2eef6" ON "task" ("group_id")
        `);
        // Added by hand: plans imported before labels existed numbered their tasks through the document.
        await queryRunner.query(`
            UPDATE "task" SET "label" = "ordinal"::text, "full_label" = "ordinal"::text WHERE "label" = ''
        `);
        await queryRunner.query(`
            ALTER TABLE "section_group"
            ADD CONSTRAINT "FK_68ca8c57faf5b8154e0f4d919d1" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "section_group"
            ADD CONSTRAINT "FK_d88708a4a5660058b12f87fc632" FOREIGN KEY ("section_id") REFERENCES "section"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "task"
            ADD CONSTRAINT "FK_465a127df1ace09f377dd2eef6f" FOREIGN KEY ("group_id") REFERENCES "section_group"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "plan_revision"
            ADD CONSTRAINT "FK_1fc36928d5aa4b467d762e62cba" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "plan_revision" DROP CONSTRAINT "FK_1fc36928d5aa4b467d762e62cba"
        `);
        await queryRunner.query(`
            ALTER TABLE "task" DROP CONSTRAINT "FK_465a127df1ace09f377dd2eef6f"
        `);
        await queryRunner.query(`
            ALTER TABLE "section_group" DROP CONSTRAINT "FK_d88708a4a5660058b12f87fc632"
        `);
        await queryRunner.query(`
            ALTER TABLE "section_group" DROP CONSTRAINT "FK_68ca8c57faf5b8154e0f4d919d1"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_465a127df1ace09f377dd2eef6"
        `);
        await queryRunner.query(`
            ALTER TABLE "clause" DROP COLUMN "deadline_span_end"
        `);
        await queryRunner.query(`
            ALTER TABLE "clause" DROP COLUMN "deadline_span_start"
        `);
        await queryRunner.query(`
            ALTER TABLE "clause" DROP COLUMN "deadline_date"
        `);
        await queryRunner.query(`
            ALTER TABLE "clause" DROP COLUMN "deadline"
        `);
        await queryRunner.query(`
            ALTER TABLE "task" DROP COLUMN "deadline_span_end"
        `);
        await queryRunner.query(`
            ALTER TABLE "task" DROP COLUMN "deadline_span_start"
        `);
        await queryRunner.query(`
            ALTER TABLE "task" DROP COLUMN "deadline_date"
        `);
        await queryRunner.query(`
            ALTER TABLE "task" DROP COLUMN "deadline"
        `);
        await queryRunner.query(`
            ALTER TABLE "task" DROP COLUMN "full_label"
        `);
        await queryRunner.query(`
            ALTER TABLE "task" DROP COLUMN "path"
        `);
        await queryRunner.query(`
            ALTER TABLE "task" DROP COLUMN "label"
        `);
        await queryRunner.query(`
            ALTER TABLE "task" DROP COLUMN "group_id"
        `);
        await queryRunner.query(`
            ALTER TABLE "section" DROP COLUMN "preamble"
        `);
        await queryRunner.query(`
            ALTER TABLE "plan" DROP COLUMN "attribution"
        `);
        await queryRunner.query(`
            ALTER TABLE "plan" DROP COLUMN "draft"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_5b9c746c1043c381b77beb4a20"
        `);
        await queryRunner.query(`
            DROP TABLE "plan_revision"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_96e539ee2d7389e0b1c722fc08"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_68ca8c57faf5b8154e0f4d919d"
        `);
        await queryRunner.query(`
            DROP TABLE "section_group"
        `);
    }

}
