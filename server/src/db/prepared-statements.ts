import { createHash } from 'node:crypto';

/**
 * Named prepared statements for the statements a process sends again and again.
 *
 * pg sends a statement with parameters as an unnamed one: PostgreSQL parses and analyses its text
 * anew on every request. Named once on a connection, it is parsed there once, and each later run
 * only binds its values. On the seed plans PostgreSQL spent 0.20 ms a plan list and 0.71 ms a task
 * search unnamed, where PostGraphile (which names its statements the same way, 100 per connection)
 * cost it 0.09 and 0.31 (BENCHMARKS.md, "Against PostGraphile").
 *
 * A text is named the second time the process sends it: what runs once (a migration, a one-off
 * query from GraphiQL) never takes a name. Its name is a hash of the text, so every connection
 * names it alike and nothing process-wide fills up. A connection holds at most
 * {@link PER_CONNECTION} named statements and lets none go while it lives (no DEALLOCATE slipped
 * between a request's statements); beyond the limit a text runs unnamed as before. Connections live
 * at most {@link CONNECTION_LIFETIME_SECONDS} (data-source.ts), so the slots of texts no longer sent
 * (the columns a researcher's queries asked for last week) come back. The product's own texts are
 * few: its batches say `= ANY($1)` whatever their size. Only a text pg would have sent by the
 * extended protocol anyway (with values), or one plain SELECT (no `;`, which the extended protocol
 * would refuse as several commands), is named.
 *
 * How each run is planned is PostgreSQL's default (`plan_cache_mode = auto`), as for every client
 * that prepares: the first five runs of a statement are planned for their values, later ones use a
 * plan for any values when it is estimated no dearer. On the national corpus no request got slower
 * by it (BENCHMARKS.md); a database where one does can say `ALTER DATABASE … SET plan_cache_mode =
 * force_custom_plan` (each run planned again, its text still parsed once), which the connections
 * do not override.
 */

/** How many statements one connection keeps named; PostGraphile's default is the same. */
export const PER_CONNECTION = 100;
/** How long a connection lives, after which its named statements go with it (pg-pool's maxLifetimeSeconds). */
export const CONNECTION_LIFETIME_SECONDS = 3_600;
/** Texts counted before being named; the count starts over when there are this many. */
const MAX_COUNTED = 10_000;

const PLAIN_SELECT = /^\s*(?:SELECT|WITH)\s/i;

/** The statements one connection has named: their text, and the name each runs under. */
export type NamedStatements = Map<string, string>;

/** Which texts a pool's connections name, and under what name. */
export class StatementNames {
  private readonly runs = new Map<string, number>();

  /** The name `text` runs under on a connection that has named `named` so far, or undefined to run it unnamed. */
  nameFor(text: string, values: unknown, named: NamedStatements): string | undefined {
    const known = named.get(text);
    if (known !== undefined) return known;
    if (named.size >= PER_CONNECTION) return undefined;
    if (!(Array.isArray(values) && values.length > 0) && !(PLAIN_SELECT.test(text) && !text.includes(';'))) return undefined;
    const runs = (this.runs.get(text) ?? 0) + 1;
    if (this.runs.size >= MAX_COUNTED) this.runs.clear();
    this.runs.set(text, runs);
    if (runs < 2) return undefined;
    const name = `plan_atlas_${createHash('sha1').update(text).digest('base64url')}`;
    named.set(text, name);
    return name;
  }
}
