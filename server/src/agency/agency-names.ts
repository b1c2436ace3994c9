import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedsDir } from '../common/paths.js';
import type { Jurisdiction, JurisdictionLevel } from '../jurisdiction/jurisdiction.entity.js';
import { AgencyKind } from './agency.entity.js';

/** One kind of `seeds/reference/agency-kinds.json`: the keywords that give a body this kind. */
interface KindRule {
  kind: AgencyKind;
  keywords: string[];
  collective?: boolean;
  /** The kind holds only with a collective qualifier in front (各镇（街道）人民政府, not 区政府). */
  requiresQualifier?: boolean;
  /** The qualifier the canonical name carries (有关县（市）区人民政府 → 各县（市）区人民政府). */
  canonicalQualifier?: string;
  /** Whether the unit belongs to a level (市/区/县) and takes its prefix; false for 徐州海关, 南通高新区管委会. */
  levelPrefix: boolean;
}

export interface AgencyNameRules {
  levelPrefixes: Record<JurisdictionLevel, string>;
  collectiveQualifiers: string[];
  /** [variant, canonical] fragment rewrites, applied in order. */
  abbreviations: [string, string][];
  kinds: KindRule[];
}

/** The name rules, read once from the reference data. */
export function loadAgencyNameRules(path = join(seedsDir, 'reference', 'agency-kinds.json')): AgencyNameRules {
  const rules = JSON.parse(readFileSync(path, 'utf8')) as AgencyNameRules;
  for (const rule of rules.kinds) {
    if (!(rule.kind in AgencyKind)) throw new Error(`${path}: unknown agency kind ${rule.kind}`);
  }
  return rules;
}

/** A printed name resolved to the agency it denotes. */
export interface CanonicalAgency {
  /** The jurisdiction the unit belongs to: the plan's own, or the ancestor its prefix names (省/市). */
  jurisdictionCode: string;
  /** The canonical name, e.g. 区卫生健康委 for 区卫健委. */
  name: string;
  kind: AgencyKind;
  collective: boolean;
  /** The printed name, normalised (full-width brackets, no spaces, no trailing 等). */
  printedName: string;
}

/** The parts of a jurisdiction the name rules look at. */
export type JurisdictionRef = Pick<Jurisdiction, 'code' | 'name' | 'level'>;

const HALF_TO_FULL: Record<string, string> = { '(': '（', ')': '）' };

/** Full-width brackets, no whitespace, no trailing 等 ("and others") or stray punctuation. */
export function normaliseAgencyName(printed: string): string {
  return printed
    .replace(/[()]/g, (char) => HALF_TO_FULL[char])
    .replace(/[\s\u3000]/g, '')
    .replace(/^[，、；。,;:：]+|[，、；。,;:：]+$/g, '')
    .replace(/等$/, '');
}

interface Classification {
  rule: KindRule | null;
  /** Where the deciding keyword starts in the body; -1 for none. */
  at: number;
}

/**
 * Canonicalises printed agency names for the jurisdictions of one plan. Names are resolved by
 * rules (see agency-kinds.json), so plans never seen before resolve the same way as the seeds.
 */
export class AgencyNamer {
  private readonly abbreviations: [string, string][];
  private readonly qualifiers: string[];

  constructor(private readonly rules: AgencyNameRules = loadAgencyNameRules()) {
    this.abbreviations = rules.abbreviations;
    // Longest first, so 有关 is not read as a shorter qualifier.
    this.qualifiers = [...rules.collectiveQualifiers].sort((a, b) => b.length - a.length);
  }

  /**
   * Resolves a printed name in a plan of `lineage[0]`; `lineage` lists that jurisdiction and its
   * ancestors, nearest first, so 市食安办 printed in a district's plan resolves to the city's office.
   */
  canonicalise(printed: string, lineage: readonly JurisdictionRef[]): CanonicalAgency {
    const own = lineage[0];
    const printedName = normaliseAgencyName(printed);
    const { owner, prefix, rest } = this.splitPrefix(printedName, lineage);
    let body = this.abbreviate(rest);
    const { rule, at } = this.classify(body);
    let name: string;
    if (rule?.canonicalQualifier !== undefined) {
      body = rule.canonicalQualifier + this.stripQualifier(body);
    }
    if (rule && !rule.collective && rule.kind !== AgencyKind.OTHER) body = stripNameplate(body);
    if (prefix !== null) {
      name = prefix + body;
    } else if (rule?.levelPrefix && at === 0) {
      // 市场监管局 printed without its 市 in a city's plan is still the city's bureau.
      name = this.rules.levelPrefixes[own.level] + body;
    } else {
      name = body;
    }
    const collective = rule?.collective ?? this.stripQualifier(body) !== body;
    return {
      jurisdictionCode: owner.code,
      name,
      kind: rule?.kind ?? AgencyKind.OTHER,
      collective,
      printedName,
    };
  }

  /**
   * Finds what a name says about its level: a jurisdiction's own name (南通市通州区…), or a level
   * character (区卫健委, 市委宣传部). A leading 市 that opens a keyword (市场监管局) is not a prefix.
   */
  private splitPrefix(name: string, lineage: readonly JurisdictionRef[]): { owner: JurisdictionRef; prefix: string | null; rest: string } {
    let rest = name;
    let named: JurisdictionRef | null = null;
    for (let stripped = true; stripped;) {
      stripped = false;
      for (const jurisdiction of lineage) {
        if (rest.startsWith(jurisdiction.name) && rest.length > jurisdiction.name.length) {
          rest = rest.slice(jurisdiction.name.length);
          // The most specific jurisdiction named wins: 南通市通州区 is the district.
          if (!named || lineage.indexOf(jurisdiction) < lineage.indexOf(named)) named = jurisdiction;
          stripped = true;
        }
      }
    }
    if (named) return { owner: named, prefix: this.rules.levelPrefixes[named.level], rest };
    const first = name[0];
    const levelOwner = lineage.find((jurisdiction) => this.rules.levelPrefixes[jurisdiction.level] === first);
    if (!levelOwner || name.length < 2 || this.classify(this.abbreviate(name)).at === 0) {
      return { owner: lineage[0], prefix: null, rest: name };
    }
    return { owner: levelOwner, prefix: first, rest: name.slice(1) };
  }

  private abbreviate(body: string): string {
    let result = body;
    for (const [variant, canonical] of this.abbreviations) result = result.replaceAll(variant, canonical);
    return result;
  }

  /** The kind whose keyword comes first in the body, outside parentheses (ties: the longer keyword). */
  private classify(body: string): Classification {
    const outside = body.replace(/（[^（）]*）/g, (group) => '　'.repeat(group.length));
    const qualified = this.stripQualifier(body) !== body;
    let best: Classification = { rule: null, at: -1 };
    let bestLength = 0;
    for (const rule of this.rules.kinds) {
      if (rule.requiresQualifier && !qualified) continue;
      for (const keyword of rule.keywords) {
        const at = outside.indexOf(keyword);
        if (at < 0) continue;
        if (best.at < 0 || at < best.at || (at === best.at && keyword.length > bestLength)) {
          best = { rule, at };
          bestLength = keyword.length;
        }
      }
    }
    return best;
  }

  private stripQualifier(body: string): string {
    let result = body;
    for (let stripped = true; stripped;) {
      stripped = false;
      for (const qualifier of this.qualifiers) {
        if (result.startsWith(qualifier)) {
          result = result.slice(qualifier.length);
          stripped = true;
        }
      }
    }
    return result;
  }
}

/**
 * 发展改革委（粮食和储备局）: one body with two nameplates is one agency, known by the first.
 * Only a trailing group is dropped, and only when something is left before it.
 */
function stripNameplate(body: string): string {
  const match = /^(.+?)（[^（）]+）$/.exec(body);
  return match ? match[1] : body;
}
