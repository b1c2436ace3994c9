import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Chinese task search by character grams (task.service.ts): a GIN index over the characters and
 * character pairs of each task's title and text. pg_trgm cannot index words under three
 * characters, and two-character words (校园, 冷链, 抽检) are what people search for. The index is
 * an expression over the row, so the importer's bulk insert keeps its columns; it replaces the
 * trigram index, which only that search used. Written by hand: TypeORM cannot declare either.
 */
export class TaskSearchGrams1796220000000 implements MigrationInterface {
  name = 'TaskSearchGrams1796220000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Every character and every pair of neighbouring characters, lower-cased (GIN drops duplicates).
    await queryRunner.query(`
      CREATE FUNCTION search_grams(document text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT array(SELECT substr(lower(document), i, 1) FROM generate_series(1, length(document)) i
                     UNION ALL
                     SELECT substr(lower(document), i, 2) FROM generate_series(1, length(document) - 1) i)
      $$`);
    // What a document must contain for `query` to occur in it: its pairs, or its one character.
    await queryRunner.query(`
      CREATE FUNCTION search_query_grams(query text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT CASE WHEN length(query) < 2 THEN ARRAY[lower(query)]
               ELSE array(SELECT DISTINCT substr(lower(query), i, 2) FROM generate_series(1, length(query) - 1) i) END
      $$`);
    await queryRunner.query(`CREATE INDEX "IDX_task_search_grams" ON "task" USING gin (search_grams(coalesce("title", '') || ' ' || "text"))`);
    await queryRunner.query(`DROP INDEX "public"."IDX_task_text_trgm"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_task_text_trgm" ON "task" USING gin ("text" gin_trgm_ops)`);
    await queryRunner.query(`DROP INDEX "public"."IDX_task_search_grams"`);
    await queryRunner.query(`DROP FUNCTION search_query_grams(text)`);
    await queryRunner.query(`DROP FUNCTION search_grams(text)`);
  }
}
