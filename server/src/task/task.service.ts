import type { DataSource } from 'typeorm';
import { EntityReader } from '../graphql/batch.js';
import { paginate, type Connection, type Keyset, type PageArgs, type PageOptions, type PageSql } from '../graphql/connection.js';
import { TaskOrder } from './task-match.type.js';
import { searchPage, type SearchKeyset } from './task.search-page.js';
import { Task } from './task.entity.js';
import type { TaskFilter } from './task.input.js';

/** Tasks page plan by plan (plan ids sort by jurisdiction, then year), in document order. */
export const TASK_KEYSET: Keyset<Task> = {
  name: 'TaskConnection',
  columns: ['task.planId', 'task.ordinal'],
  kinds: ['text', 'integer'],
  values: (task) => [task.planId, task.ordinal],
};

/** The document order of a text search (searchPage): TASK_KEYSET's cursors, its columns as SQL. */
const SEARCH_KEYSET: SearchKeyset = { ...TASK_KEYSET, sql: ['task.plan_id', 'task.ordinal'] };

/**
 * A text search by relevance: tasks whose title holds the text (rank 0) before the others (1).
 * `inTitle` is that condition in SQL (the search's `holds` on `task.title`).
 */
function relevanceKeyset(text: string, folded: boolean, inTitle: string): SearchKeyset {
  const holds = (title: string | null | undefined) => (folded ? title?.toLowerCase().includes(text.toLowerCase()) : title?.includes(text));
  const sql = [`(CASE WHEN ${inTitle} THEN 0 ELSE 1 END)`, 'task.plan_id', 'task.ordinal'];
  return {
    name: 'TaskConnection',
    columns: sql,
    sql,
    kinds: ['integer', 'text', 'integer'],
    values: (task) => [holds(task.title) ? 0 : 1, task.planId, task.ordinal],
  };
}

/** `text` as a LIKE pattern that matches it literally anywhere. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** Whether the text has letters with an upper and a lower case (Latin, Greek…), unlike 校园 or 2021. */
export function hasCase(text: string): boolean {
  return text.toLowerCase() !== text.toUpperCase();
}

/**
 * Whether the search index alone finds exactly the tasks holding `text`, with no substring check
 * of them: two Han characters (校园, 农村) are one pair of the index, which holds the pairs of
 * `lower(title || ' ' || text)`, and lower() neither changes a Han character nor makes one, nor is
 * the space between title and text one. Longer words are their pairs anywhere in the task (保健 and
 * 食品 apart), and other characters fold or stand beside that space: the check (`holds` in
 * findTasks) keeps those. Skipping it for 农村 (8,382 matches nationally) saves a fifth of the
 * database's CPU time of its scan.
 */
export function isIndexedExactly(text: string): boolean {
  return /^\p{Script=Han}{2}$/u.test(text);
}

/** One page of the tasks matching `filter`. */
/** A text of two characters or more is searched through the search index, one statement a page (searchPage). */
export function searchesByIndex(text: string | null | undefined): text is string {
  return text != null && [...text].length >= 2;
}

export async function findTasks(
  dataSource: DataSource,
  filter: TaskFilter | null | undefined,
  page: PageArgs,
  order: TaskOrder = TaskOrder.DOCUMENT,
  options: PageOptions = {},
): Promise<Connection<Task>> {
  // The statement is written here, not by TypeORM's query builder, which rebuilt it on every page (PageSql).
  const query: PageSql = { dataSource, alias: 'task', where: [], params: [] };
  const parameter = (value: unknown) => `$${query.params.push(value)}`;
  const text = filter?.text;
  // The search index (migration TaskSearchKeys) finds the tasks holding every character pair of the
  // text, two characters or more, and with it the year and the role asked for, kept as tags beside
  // the pairs: one index scan, then only the tasks found are read. A single character has no pair:
  // it is found by the substring check alone, reading every task.
  const indexed = searchesByIndex(text);
  const searchTags: string[] = [];
  if (filter?.jurisdictionCodes) {
    // A task has one plan: a semi-join keeps each task once, as the join it stands for would.
    query.where.push(
      `EXISTS (SELECT 1 FROM plan WHERE plan.id = task.plan_id AND plan.jurisdiction_code = ANY(${parameter(filter.jurisdictionCodes)}))`,
    );
  }
  if (filter?.year != null) {
    // The plan's year, copied onto its tasks.
    if (!indexed) query.where.push(`task.year = ${parameter(filter.year)}`);
    searchTags.push(`@${filter.year}`);
  }
  // A parameter named once however many conditions use it, and only if one does: PostgreSQL cannot type a parameter no condition names.
  const once = (value: unknown) => {
    let name: string | undefined;
    return () => (name ??= parameter(value));
  };
  const role = once(filter?.role);
  if (filter?.agencyKind) {
    // Kind and role must hold for the same assignment: "tasks led by a market-regulation bureau".
    const conditions = ['clause.task_id = task.id', `agency.kind = ${parameter(filter.agencyKind)}`];
    if (filter.role) conditions.push(`assignment.role = ${role()}`);
    query.where.push(
      `EXISTS (SELECT 1 FROM assignment JOIN clause ON clause.id = assignment.clause_id JOIN agency ON agency.id = assignment.agency_id WHERE ${conditions.join(' AND ')})`,
    );
  }
  if (filter?.role) {
    // The roles the task's clauses name agencies in, summed up on the task by the importer: no probe
    // of clause and assignment per task (with a kind, a cheap first cut before the EXISTS above).
    if (!indexed) query.where.push(`${role()} = ANY(task.clause_roles)`);
    searchTags.push(`#${filter.role}`);
  }
  if (filter?.themeKeys) {
    // A semi-join, not a join: a task in two of the themes must still appear once. The probe by
    // (task_id, theme_key) is task_theme's primary key.
    query.where.push(
      `EXISTS (SELECT 1 FROM task_theme WHERE task_theme.task_id = task.id AND task_theme.theme_key = ANY(${parameter(filter.themeKeys)}))`,
    );
  }
  if (!text) return paginate(query, TASK_KEYSET, page, EntityReader.of(dataSource, Task), options);
  // A check of each task found then keeps those where the pairs stand together. Without cased
  // letters (Chinese, digits), that is strpos, a plain substring search, which PostgreSQL does not
  // estimate: LIKE '%保健食品%' had it read the text column's statistics at every plan (保健食品
  // nationally, in the server's log: planning 1.5 → 1.1 ms a search; finding its tasks 10.8 → 10.2
  // ms, median of 30). A text with cased letters keeps ILIKE, which folds both sides.
  const folded = hasCase(text);
  const searched = once(text);
  const pattern = once(containsPattern(text));
  const holds = (column: string) => (folded ? `${column} ILIKE ${pattern()} ESCAPE '\\'` : `strpos(${column}, ${searched()}) > 0`);
  if (indexed) {
    // The expression of the index, word for word, or PostgreSQL does not use it. Its tags say the
    // year and role exactly: the conditions above on the columns are left out, so that PostgreSQL
    // does not count them twice when it estimates how many tasks the index finds.
    query.where.push(
      `search_keys(task.title, task.text, task.year, task.clause_roles) @> (search_query_grams(${searched()}) || CAST(${parameter(searchTags)} AS text[]))`,
    );
  }
  if (!isIndexedExactly(text)) query.where.push(`(${holds('task.text')} OR ${holds('task.title')})`);
  const keyset = order === TaskOrder.RELEVANCE ? relevanceKeyset(text, folded, holds('task.title')) : indexed ? SEARCH_KEYSET : TASK_KEYSET;
  // Found through the index, the matches are few enough to be listed by their sort keys alone,
  // their page sorted out of that list and read after, and counted from it (searchPage). A single
  // character reads every task: paged by the (plan_id, ordinal) index, it stops at the page's end.
  const connection = indexed
    ? await searchPage(query, keyset as SearchKeyset, page, EntityReader.of(dataSource, Task), options)
    : await paginate(query, keyset, page, EntityReader.of(dataSource, Task), options);
  for (const task of connection.nodes) task.search = { text, folded };
  return connection;
}
