import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Chinese task search by character pairs (task.service.ts): a GIN index over the pairs of
 * neighbouring characters of each task's title and text. pg_trgm cannot index words under three
 * characters, and two-character words (校园, 冷链, 抽检) are what people search for. The index is
 * an expression over the row, so the importer's bulk insert keeps its columns; it replaces the
 * trigram index, which only that search used. Written by hand: TypeORM cannot declare either.
 */
export class TaskSearchGrams1796220000000 implements MigrationInterface {
  name = 'TaskSearchGrams1796220000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Every pair of neighbouring characters, lower-cased (GIN drops duplicates).
    // string_to_array(…, NULL) splits into characters and the two-array unnest pairs them in one
    // pass: substr() per position is quadratic and ~30× slower on a task.
    await queryRunner.query(`
      CREATE FUNCTION search_grams(document text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT array(SELECT a || b FROM unnest(chars[1:cardinality(chars) - 1], chars[2:]) AS pair(a, b))
        FROM string_to_array(lower(document), NULL) AS chars
      $$`);
    // What a document must contain for `query` (two characters or more) to occur in it.
    await queryRunner.query(`
      CREATE FUNCTION search_query_grams(query text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT array(SELECT DISTINCT a || b FROM unnest(chars[1:cardinality(chars) - 1], chars[2:]) AS pair(a, b))
        FROM string_to_array(lower(query), NULL) AS chars
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
