import { MigrationInterface, QueryRunner } from "typeorm";

export class AlignmentThemesMetricsAuth1795533523907 implements MigrationInterface {
    name = 'AlignmentThemesMetricsAuth1795533523907'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "task_alignment" (
                "id" text NOT NULL,
                "task_id" text NOT NULL,
                "other_task_id" text NOT NULL,
                "other_jurisdiction_code" character varying(6) NOT NULL,
                "score" double precision NOT NULL,
                "evidence" text array NOT NULL DEFAULT '{}',
                "method" character varying(12) NOT NULL,
                "status" character varying(12) NOT NULL,
                "note" text,
                "reviewed_by" text,
                "reviewed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_473817e85d20c3a51a03e5963dc" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_d8c36b5d626a02dc1391499b3d" ON "task_alignment" ("other_task_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_fa94589f7035f79ddf9f3365e5" ON "task_alignment" ("other_jurisdiction_code")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_f26ac7c2a145a555121b0f5cf6" ON "task_alignment" ("task_id", "other_task_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "alignment_review" (
                "task_id" text NOT NULL,
                "other_task_id" text NOT NULL,
                "status" character varying(12) NOT NULL,
                "note" text,
                "reviewed_by" text NOT NULL,
                "reviewed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_5953ae2f8fc85390a31c428f135" PRIMARY KEY ("task_id", "other_task_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "api_token" (
                "id" SERIAL NOT NULL,
                "name" text NOT NULL,
                "role" character varying(8) NOT NULL,
                "prefix" character varying(16) NOT NULL,
                "sha256" character(64) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_d862311c568d175c26f41bc6f98" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_809d53d86ec3feff3e5d3760c3" ON "api_token" ("prefix")
        `);
        await queryRunner.query(`
            CREATE TABLE "audit_log" (
                "id" SERIAL NOT NULL,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "token_id" integer NOT NULL,
                "actor" text NOT NULL,
                "mutation" text NOT NULL,
                "args" jsonb NOT NULL,
                "before" jsonb,
                "after" jsonb,
                CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_ba27cef5b8b2b1a756e06ebcc5" ON "audit_log" ("at")
        `);
        await queryRunner.query(`
            CREATE TABLE "metric" (
                "key" text NOT NULL,
                "name" text NOT NULL,
                "name_en" text NOT NULL,
                "unit" text NOT NULL,
                "higher_is_stricter" boolean NOT NULL,
                "description" text NOT NULL,
                "match" jsonb NOT NULL,
                "ordinal" integer NOT NULL,
                CONSTRAINT "PK_612a9a5fc23f3e2a9473b21d23c" PRIMARY KEY ("key")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "theme" (
                "key" text NOT NULL,
                "name" text NOT NULL,
                "name_en" text NOT NULL,
                "description" text NOT NULL,
                "keywords" text array NOT NULL DEFAULT '{}',
                "ordinal" integer NOT NULL,
                CONSTRAINT "PK_7b0e03a94450de6bb2114896b24" PRIMARY KEY ("key")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "task_theme" (
                "task_id" text NOT NULL,
                "theme_key" text NOT NULL,
                "source" character varying(8) NOT NULL,
                "primary" boolean NOT NULL DEFAULT false,
                "score" double precision NOT NULL,
                "keywords" text array NOT NULL DEFAULT '{}',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_29bacc5a649bac57a145e93a8cc" PRIMARY KEY ("task_id", "theme_key")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_5ed0969226264f2ed4d5c04905" ON "task_theme" ("theme_key")
        `);
        await queryRunner.query(`
            ALTER TABLE "indicator"
            ADD "metric_key" text
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_06a34c8f27af036e66f2ee5e89" ON "indicator" ("metric_key")
        `);
        await queryRunner.query(`
            ALTER TABLE "task_alignment"
            ADD CONSTRAINT "FK_d4543f2a8a51d152acae2d83dff" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "task_alignment"
            ADD CONSTRAINT "FK_d8c36b5d626a02dc1391499b3da" FOREIGN KEY ("other_task_id") REFERENCES "task"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "task_theme"
            ADD CONSTRAINT "FK_5ed0969226264f2ed4d5c04905a" FOREIGN KEY ("theme_key") REFERENCES "theme"("key") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "task_theme" DROP CONSTRAINT "FK_5ed0969226264f2ed4d5c04905a"
        `);
        await queryRunner.query(`
            ALTER TABLE "task_alignment" DROP CONSTRAINT "FK_d8c36b5d626a02dc1391499b3da"
        `);
        await queryRunner.query(`
            ALTER TABLE "task_alignment" DROP CONSTRAINT "FK_d4543f2a8a51d152acae2d83dff"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_06a34c8f27af036e66f2ee5e89"
        `);
        await queryRunner.query(`
            ALTER TABLE "indicator" DROP COLUMN "metric_key"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_5ed0969226264f2ed4d5c04905"
        `);
        await queryRunner.query(`
            DROP TABLE "task_theme"
        `);
        await queryRunner.query(`
            DROP TABLE "theme"
        `);
        await queryRunner.query(`
            DROP TABLE "metric"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_ba27cef5b8b2b1a756e06ebcc5"
        `);
        await queryRunner.query(`
            DROP TABLE "audit_log"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_809d53d86ec3feff3e5d3760c3"
        `);
        await queryRunner.query(`
            DROP TABLE "api_token"
        `);
        await queryRunner.query(`
            DROP TABLE "alignment_review"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_f26ac7c2a145a555121b0f5cf6"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_fa94589f7035f79ddf9f3365e5"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_d8c36b5d626a02dc1391499b3d"
        `);
        await queryRunner.query(`
            DROP TABLE "task_alignment"
        `);
    }

}
