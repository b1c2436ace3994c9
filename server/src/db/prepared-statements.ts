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
 * query from GraphiQL) never takes a name. A connection holds at most {@link PER_CONNECTION}
 * named statements and never lets one go (no DEALLOCATE slipped between a request's statements):
 * the product's texts are few, its batches say `= ANY($1)` whatever their size, and beyond the
 * limit a text simply runs unnamed as before. Only a text pg would have sent by the extended
 * protocol anyway (with values), or one plain SELECT (no `;`, which the extended protocol would
 * refuse as several commands), is named.
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
/** Texts counted before being named; the count starts over when there are this many. */
const MAX_COUNTED = 10_000;
/** Texts named in a process; beyond, a new text runs unnamed. */
const MAX_NAMED = 1_000;

const PLAIN_SELECT = /^\s*(?:SELECT|WITH)\s/i;

/** The names of one pool's statements, shared by its connections. */
export class StatementNames {
  private readonly runs = new Map<string, number>();
  private readonly names = new Map<string, string>();

  /** The name `text` runs under on a connection holding `named` (its names so far), or undefined to run it unnamed. */
  nameFor(text: string, values: unknown, named: Set<string>): string | undefined {
    if (!(Array.isArray(values) && values.length > 0) && !(PLAIN_SELECT.test(text) && !text.includes(';'))) return undefined;
    let name = this.names.get(text);
    if (name === undefined) {
      const runs = (this.runs.get(text) ?? 0) + 1;
      if (runs < 2 || this.names.size >= MAX_NAMED) {
        if (this.runs.size >= MAX_COUNTED) this.runs.clear();
        this.runs.set(text, runs);
        return undefined;
      }
      this.runs.delete(text);
      name = `plan_atlas_${this.names.size + 1}`;
      this.names.set(text, name);
    }
    if (named.has(name)) return name;
    if (named.size >= PER_CONNECTION) return undefined;
    named.add(name);
    return name;
  }
}
