import { MigrationInterface, QueryRunner } from "typeorm";

export class InitialSchema1795533117157 implements MigrationInterface {
    name = 'InitialSchema1795533117157'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "jurisdiction" (
                "code" character varying(6) NOT NULL,
                "name" text NOT NULL,
                "full_name" text NOT NULL,
                "short_name" text NOT NULL,
                "level" character varying(16) NOT NULL,
                "parent_code" character varying(6),
                CONSTRAINT "PK_c1d6ad3bf29ee463d99f0d08a0b" PRIMARY KEY ("code")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_cbccce51075ebaaf0260e138e1" ON "jurisdiction" ("parent_code")
        `);
        await queryRunner.query(`
            CREATE TABLE "agency" (
                "id" SERIAL NOT NULL,
                "jurisdiction_code" character varying(6) NOT NULL,
                "name" text NOT NULL,
                "kind" character varying(40) NOT NULL,
                "collective" boolean NOT NULL DEFAULT false,
                "aliases" text array NOT NULL DEFAULT '{}',
                CONSTRAINT "PK_ab1244724d1c216e9720635a2e5" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_41256523921bfd63ae93d21e07" ON "agency" ("jurisdiction_code")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_925a9b1f3704b357009b449087" ON "agency" ("kind")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_c006ccf796451eb4540519a65b" ON "agency" ("jurisdiction_code", "name")
        `);
        await queryRunner.query(`
            CREATE TABLE "plan" (
                "id" text NOT NULL,
                "jurisdiction_code" character varying(6) NOT NULL,
                "year" integer NOT NULL,
                "title" text NOT NULL,
                "notice_title" text,
                "issuer_mark" text,
                "document_number" text,
                "issuer" text,
                "issued_on" date,
                "disclosure" text,
                "addressees" text,
                "copy_to" text,
                "printed_by" text,
                "printed_on" date,
                "attachments" text array NOT NULL DEFAULT '{}',
                "preamble" text,
                "source_text" text NOT NULL,
                "source_format" character varying(16) NOT NULL,
                "source_sha256" character(64) NOT NULL,
                "source_file_name" text NOT NULL,
                "source_bytes" bytea,
                "imported_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_54a2b686aed3b637654bf7ddbb3" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_3d3752962d1e30020c061ea585" ON "plan" ("source_sha256")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_bc590bca8edf95adcb6026ee60" ON "plan" ("jurisdiction_code", "year")
        `);
        await queryRunner.query(`
            CREATE TABLE "section" (
                "id" text NOT NULL,
                "plan_id" text NOT NULL,
                "ordinal" integer NOT NULL,
                "label" text NOT NULL,
                "title" text NOT NULL,
                "span_start" integer NOT NULL,
                "span_end" integer NOT NULL,
                CONSTRAINT "PK_3c41d2d699384cc5e8eac54777d" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_80fcec59caa52668e7853699a8" ON "section" ("plan_id", "ordinal")
        `);
        await queryRunner.query(`
            CREATE TABLE "task" (
                "id" text NOT NULL,
                "plan_id" text NOT NULL,
                "section_id" text NOT NULL,
                "ordinal" integer NOT NULL,
                "title" text,
                "text" text NOT NULL,
                "span_start" integer NOT NULL,
                "span_end" integer NOT NULL,
                CONSTRAINT "PK_fb213f79ee45060ba925ecd576e" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_73620fc3cdc308ec576f8ee55f" ON "task" ("section_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_9db2a731bebc6d0b5ea4ebf61d" ON "task" ("plan_id", "ordinal")
        `);
        await queryRunner.query(`
            CREATE TABLE "clause" (
                "id" text NOT NULL,
                "task_id" text NOT NULL,
                "ordinal" integer NOT NULL,
                "text" text NOT NULL,
                "responsibility" text NOT NULL,
                "span_start" integer NOT NULL,
                "span_end" integer NOT NULL,
                CONSTRAINT "PK_f7be76ec8bb5379f6c9ea05bac7" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_89989343421230b10655774765" ON "clause" ("task_id", "ordinal")
        `);
        await queryRunner.query(`
            CREATE TABLE "schedule_item" (
                "id" text NOT NULL,
                "plan_id" text NOT NULL,
                "task_id" text NOT NULL,
                "ordinal" integer NOT NULL,
                "work_title" text,
                "content" text NOT NULL,
                "q1" text,
                "q2" text,
                "q3" text,
                "q4" text,
                "span_start" integer NOT NULL,
                "span_end" integer NOT NULL,
                CONSTRAINT "PK_037099c2c743979d14e408aca87" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_93ec113720c1068eeb82ea560e" ON "schedule_item" ("task_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_3d68193a711fabfae26f7c4672" ON "schedule_item" ("plan_id", "ordinal")
        `);
        await queryRunner.query(`
            CREATE TABLE "assignment" (
                "id" SERIAL NOT NULL,
                "clause_id" text,
                "schedule_item_id" text,
                "agency_id" integer NOT NULL,
                "role" character varying(16) NOT NULL,
                "ordinal" integer NOT NULL,
                "printed_name" text NOT NULL,
                "span_start" integer NOT NULL,
                "span_end" integer NOT NULL,
                CONSTRAINT "CHK_efc2bf3ac546defd31b1fdc3ad" CHECK (
                    (clause_id IS NULL) <> (schedule_item_id IS NULL)
                ),
                CONSTRAINT "PK_43c2f5a3859f54cedafb270f37e" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_a96c1c2a4f0a5aa6e4b1ee2572" ON "assignment" ("clause_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_4fd99830ed59c71b1202e4f90b" ON "assignment" ("schedule_item_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_af71e725396f498c2f9a4de853" ON "assignment" ("agency_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "indicator" (
                "id" text NOT NULL,
                "task_id" text NOT NULL,
                "clause_id" text,
                "schedule_item_id" text,
                "ordinal" integer NOT NULL,
                "subject" text NOT NULL,
                "comparator" character varying(8) NOT NULL,
                "value" double precision NOT NULL,
                "unit" text NOT NULL,
                "period" character varying(4) NOT NULL,
                "cumulative" boolean NOT NULL DEFAULT false,
                "qualifier" text,
                "source_text" text NOT NULL,
                "span_start" integer NOT NULL,
                "span_end" integer NOT NULL,
                CONSTRAINT "PK_4693fe4c2cb912a71e05c589e7e" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_bd409acfe408cbf472a230731c" ON "indicator" ("task_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_0444c006d1223befb36a53e1f7" ON "indicator" ("clause_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_29a9eecfe13c5f94f9df9665d7" ON "indicator" ("schedule_item_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "jurisdiction"
            ADD CONSTRAINT "FK_cbccce51075ebaaf0260e138e1d" FOREIGN KEY ("parent_code") REFERENCES "jurisdiction"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "agency"
            ADD CONSTRAINT "FK_41256523921bfd63ae93d21e078" FOREIGN KEY ("jurisdiction_code") REFERENCES "jurisdiction"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "plan"
            ADD CONSTRAINT "FK_696e9660b80aa64943f4e626f66" FOREIGN KEY ("jurisdiction_code") REFERENCES "jurisdiction"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "section"
            ADD CONSTRAINT "FK_fc66d9631a0f539c5dd90400728" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "task"
            ADD CONSTRAINT "FK_861fe9e94ad32e4f9b010e2cf48" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "task"
            ADD CONSTRAINT "FK_73620fc3cdc308ec576f8ee55ff" FOREIGN KEY ("section_id") REFERENCES "section"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "clause"
            ADD CONSTRAINT "FK_51442f154fc99d0e1d664c53c3d" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "schedule_item"
            ADD CONSTRAINT "FK_7afc594e7a862965f010ddae464" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "schedule_item"
            ADD CONSTRAINT "FK_93ec113720c1068eeb82ea560e8" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "assignment"
            ADD CONSTRAINT "FK_a96c1c2a4f0a5aa6e4b1ee25725" FOREIGN KEY ("clause_id") REFERENCES "clause"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "assignment"
            ADD CONSTRAINT "FK_4fd99830ed59c71b1202e4f90b7" FOREIGN KEY ("schedule_item_id") REFERENCES "schedule_item"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "assignment"
            ADD CONSTRAINT "FK_af71e725396f498c2f9a4de8537" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "indicator"
            ADD CONSTRAINT "FK_bd409acfe408cbf472a230731c9" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "indicator"
            ADD CONSTRAINT "FK_0444c006d1223befb36a53e1f75" FOREIGN KEY ("clause_id") REFERENCES "clause"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "indicator"
            ADD CONSTRAINT "FK_29a9eecfe13c5f94f9df9665d79" FOREIGN KEY ("schedule_item_id") REFERENCES "schedule_item"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "indicator" DROP CONSTRAINT "FK_29a9eecfe13c5f94f9df9665d79"
        `);
        await queryRunner.query(`
            ALTER TABLE "indicator" DROP CONSTRAINT "FK_0444c006d1223befb36a53e1f75"
        `);
        await queryRunner.query(`
            ALTER TABLE "indicator" DROP CONSTRAINT "FK_bd409acfe408cbf472a230731c9"
        `);
        await queryRunner.query(`
            ALTER TABLE "assignment" DROP CONSTRAINT "FK_af71e725396f498c2f9a4de8537"
        `);
        await queryRunner.query(`
            ALTER TABLE "assignment" DROP CONSTRAINT "FK_4fd99830ed59c71b1202e4f90b7"
        `);
        await queryRunner.query(`
            ALTER TABLE "assignment" DROP CONSTRAINT "FK_a96c1c2a4f0a5aa6e4b1ee25725"
        `);
        await queryRunner.query(`
            ALTER TABLE "schedule_item" DROP CONSTRAINT "FK_93ec113720c1068eeb82ea560e8"
        `);
        await queryRunner.query(`
            ALTER TABLE "schedule_item" DROP CONSTRAINT "FK_7afc594e7a862965f010ddae464"
        `);
        await queryRunner.query(`
            ALTER TABLE "clause" DROP CONSTRAINT "FK_51442f154fc99d0e1d664c53c3d"
        `);
        await queryRunner.query(`
            ALTER TABLE "task" DROP CONSTRAINT "FK_73620fc3cdc308ec576f8ee55ff"
        `);
        await queryRunner.query(`
            ALTER TABLE "task" DROP CONSTRAINT "FK_861fe9e94ad32e4f9b010e2cf48"
        `);
        await queryRunner.query(`
            ALTER TABLE "section" DROP CONSTRAINT "FK_fc66d9631a0f539c5dd90400728"
        `);
        await queryRunner.query(`
            ALTER TABLE "plan" DROP CONSTRAINT "FK_696e9660b80aa64943f4e626f66"
        `);
        await queryRunner.query(`
            ALTER TABLE "agency" DROP CONSTRAINT "FK_41256523921bfd63ae93d21e078"
        `);
        await queryRunner.query(`
            ALTER TABLE "jurisdiction" DROP CONSTRAINT "FK_cbccce51075ebaaf0260e138e1d"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_29a9eecfe13c5f94f9df9665d7"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_0444c006d1223befb36a53e1f7"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_bd409acfe408cbf472a230731c"
        `);
        await queryRunner.query(`
            DROP TABLE "indicator"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_af71e725396f498c2f9a4de853"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_4fd99830ed59c71b1202e4f90b"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_a96c1c2a4f0a5aa6e4b1ee2572"
        `);
        await queryRunner.query(`
            DROP TABLE "assignment"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_3d68193a711fabfae26f7c4672"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_93ec113720c1068eeb82ea560e"
        `);
        await queryRunner.query(`
            DROP TABLE "schedule_item"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_89989343421230b10655774765"
        `);
        await queryRunner.query(`
            DROP TABLE "clause"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_9db2a731bebc6d0b5ea4ebf61d"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_73620fc3cdc308ec576f8ee55f"
        `);
        await queryRunner.query(`
            DROP TABLE "task"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_80fcec59caa52668e7853699a8"
        `);
        await queryRunner.query(`
            DROP TABLE "section"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_bc590bca8edf95adcb6026ee60"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_3d3752962d1e30020c061ea585"
        `);
        await queryRunner.query(`
            DROP TABLE "plan"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_c006ccf796451eb4540519a65b"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_925a9b1f3704b357009b449087"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_41256523921bfd63ae93d21e07"
        `);
        await queryRunner.query(`
            DROP TABLE "agency"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_cbccce51075ebaaf0260e138e1"
        `);
        await queryRunner.query(`
            DROP TABLE "jurisdiction"
        `);
    }

}
