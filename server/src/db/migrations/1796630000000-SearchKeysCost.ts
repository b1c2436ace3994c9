import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The planner's price of a task's search keys. `search_keys` (and the `search_grams` it calls)
 * split a task's title and text into character pairs: ~100–160 µs a task, priced at PostgreSQL's
 * default for a function (COST 100, a quarter of a µs in its units). On a small table (the two seed
 * plans, 41 tasks) the planner then preferred computing the keys of every task in a sequential scan
 * (6.6 ms for 冷链) to the GIN index that holds them (0.25 ms). COST 5000 prices a call near what it
 * takes, so the index wins wherever it can serve.
 */
export class SearchKeysCost1796630000000 implements MigrationInterface {
  name = 'SearchKeysCost1796630000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER FUNCTION public.search_grams(text) COST 5000`);
    await queryRunner.query(`ALTER FUNCTION public.search_keys(text, text, integer, text[]) COST 5000`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER FUNCTION public.search_keys(text, text, integer, text[]) COST 100`);
    await queryRunner.query(`ALTER FUNCTION public.search_grams(text) COST 100`);
  }
}
