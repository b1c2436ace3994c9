import { MigrationInterface, QueryRunner } from "typeorm";

export class ReadCacheAndTaskSearch1795534714986 implements MigrationInterface {
    name = 'ReadCacheAndTaskSearch1795534714986'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "data_version" (
                "id" smallint NOT NULL,
                "version" bigint NOT NULL DEFAULT '0',
                CONSTRAINT "PK_3148924ffcfb626029b309ba4e5" PRIMARY KEY ("id")
            )
        `);
        // Added by hand: the one row the read cache keys on, and the trigram index of task search
        // (TypeORM cannot declare an operator class; the entity marks it synchronize: false). The
        // version starts at a random point, so two databases sharing one Redis never share keys.
        await queryRunner.query(`
            INSERT INTO "data_version" ("id", "version") VALUES (1, floor(random() * 4503599627370496)::bigint)
        `);
        await queryRunner.query(`
            CREATE EXTENSION IF NOT EXISTS pg_trgm
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_task_text_trgm" ON "task" USING gin ("text" gin_trgm_ops)
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."IDX_task_text_trgm"
        `);
        await queryRunner.query(`
            DROP TABLE "data_version"
        `);
    }

}
