import type { JurisdictionSeed } from '../../src/jurisdiction/jurisdiction.service.js';
import type { ParsedPlanFile } from '../../src/importer/import-service.js';
import { benchJurisdictions } from './jurisdictions.js';
import { generatePlan, type Lineage, type Templates } from './plans.js';

export interface CorpusOptions {
  /** Same seed, same corpus. */
  seed: number;
  years: number[];
  /** The first n of the 31 provinces (in code order), or those whose codes open with these two digits; default all. */
  provinces?: number | readonly string[];
  /** At most this many jurisdictions (in code order), for a small smoke corpus. */
  limit?: number;
}

/** The corpus's jurisdictions and, lazily, its plans: one per jurisdiction and year. */
export class Corpus {
  readonly jurisdictions: JurisdictionSeed[];
  private readonly byCode: Map<string, JurisdictionSeed>;

  constructor(
    private readonly templates: Templates,
    readonly options: CorpusOptions,
  ) {
    const all = benchJurisdictions(options.provinces);
    this.byCode = new Map(all.map((jurisdiction) => [jurisdiction.code, jurisdiction]));
    // Ancestors stay in the table even when `limit` cuts their children short.
    this.jurisdictions = all;
  }

  /** Jurisdictions that get plans, in code order. */
  get planned(): JurisdictionSeed[] {
    const sorted = [...this.jurisdictions].sort((a, b) => (a.code < b.code ? -1 : 1));
    return this.options.limit === undefined ? sorted : sorted.slice(0, this.options.limit);
  }

  get planCount(): number {
    return this.planned.length * this.options.years.length;
  }

  lineage(code: string): Lineage {
    const chain: JurisdictionSeed[] = [];
    for (let current = this.byCode.get(code); current; current = current.parentCode ? this.byCode.get(current.parentCode) : undefined)
      chain.push(current);
    return chain;
  }

  /**
   * The plans in batches of `size`, year by year, each batch in jurisdiction code order; only
   * those of the planned jurisdictions from index `from` to `to` (to load a corpus in stages).
   */
  *batches(size: number, from = 0, to = Infinity): Generator<ParsedPlanFile[]> {
    let batch: ParsedPlanFile[] = [];
    const jurisdictions = this.planned.slice(from, to);
    for (const year of this.options.years) {
      for (const jurisdiction of jurisdictions) {
        batch.push(generatePlan(this.templates, this.lineage(jurisdiction.code), year, this.options.seed));
        if (batch.length === size) {
          yield batch;
          batch = [];
        }
      }
    }
    if (batch.length) yield batch;
  }
}
