import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityManager } from 'typeorm';
import { seedsDir } from '../common/paths.js';
import { upsert, type RowOf } from '../db/bulk-write.js';
import { Jurisdiction, JurisdictionLevel } from './jurisdiction.entity.js';

export type JurisdictionSeed = Pick<
  Jurisdiction,
  'code' | 'name' | 'fullName' | 'shortName' | 'pinyin' | 'level' | 'parentCode' | 'validFrom' | 'validUntil' | 'successorCode'
>;

/** The country's code: national plans (国务院办公厅) belong to it, and the provinces hang off it. */
export const COUNTRY_CODE = '100000';

/** One entry of seeds/reference/jurisdiction-changes.json: a county-level division that ceased. */
export interface JurisdictionChange {
  /** The year of the change: the last in force of the old division, the first of a recoded successor. */
  year: number;
  code: string;
  name: string;
  successorCode: string;
  /** recoded: the successor is a new division in its place (海门市 → 海门区); merged: absorbed by one that continues (港闸区 → 崇川区). */
  kind: 'recoded' | 'merged';
  note: string;
}

/** A name the reference data does not carry (seeds/reference/jurisdiction-aliases.json). */
export interface JurisdictionAlias {
  alias: string;
  code: string;
  /** Whether the alias names an issuer by itself (国务院, 国办发); otherwise it only places a document (南通高新区). */
  issuer: boolean;
}

export interface JurisdictionAliases {
  /** Names in the text: landmarks and bodies (城市副中心, 国务院). */
  aliases: JurisdictionAlias[];
  /** How 发文字号 open (国办发, 皖): `alias` is the prefix. */
  documentNumberPrefixes: JurisdictionAlias[];
}

/** The country's divisions (GB/T 2260), those that ceased since 2015 included: see docs/reference-data.md. */
export function readJurisdictionSeeds(path = join(seedsDir, 'reference', 'jurisdictions.json')): JurisdictionSeed[] {
  const { jurisdictions } = JSON.parse(readFileSync(path, 'utf8')) as { jurisdictions: Partial<JurisdictionSeed>[] };
  return jurisdictions.map((jurisdiction) => {
    if (!jurisdiction.level || !(jurisdiction.level in JurisdictionLevel)) {
      throw new Error(`${path}: ${jurisdiction.code} has unknown level ${jurisdiction.level}`);
    }
    return { validFrom: null, validUntil: null, successorCode: null, ...jurisdiction } as JurisdictionSeed;
  });
}

export function readJurisdictionAliases(path = join(seedsDir, 'reference', 'jurisdiction-aliases.json')): JurisdictionAliases {
  return JSON.parse(readFileSync(path, 'utf8')) as JurisdictionAliases;
}

let defaultAliases: JurisdictionAliases | undefined;

/**
 * Writes the reference jurisdictions: one statement that writes only rows that are missing or
 * differ (foreign keys are checked at its end, so children may precede parents). Returns how many
 * rows it wrote.
 */
export function syncJurisdictions(manager: EntityManager, seeds = readJurisdictionSeeds()): Promise<number> {
  const rows = seeds.map((seed): RowOf<Jurisdiction> => ({
    code: seed.code,
    name: seed.name,
    fullName: seed.fullName,
    shortName: seed.shortName,
    pinyin: seed.pinyin,
    level: seed.level,
    parentCode: seed.parentCode,
    validFrom: seed.validFrom,
    validUntil: seed.validUntil,
    successorCode: seed.successorCode,
  }));
  return upsert(manager, Jurisdiction, rows);
}

/** What a plan says about who issued it (GB/T 9704 版头 and 标题). */
export interface IssuerEvidence {
  /** 发文机关署名, e.g. 南通市通州区食品安全委员会办公室. */
  issuer: string | null;
  /** 发文机关标志, e.g. 徐州市食品安全委员会文件. */
  issuerMark: string | null;
  /** 发文字号, e.g. 通食安办〔2021〕2号. */
  documentNumber: string | null;
  /** The plan's title, e.g. 2021年通州区食品安全重点工作安排. */
  title: string | null;
  /** 主送机关: names subordinate units, which can tell which city a same-named district is in. */
  addressees: string | null;
  /** 抄送机关: a district copies its city (抄送：南通市食品安全委员会办公室). */
  copyTo: string | null;
  /** The plan's own text (preamble and body): place names it mentions (南通高新区, 城市副中心). */
  body: string | null;
  /** Agency names as printed in the plan (区市场监管局, 北京市通州区卫生健康委). */
  agencies: string[];
  /** The plan's year: a division renamed or re-coded resolves to the code in force that year. */
  year: number;
}

/** No jurisdiction, or more than one, fits what the plan says about its issuer. */
export class JurisdictionNotIdentifiedError extends Error {
  constructor(
    readonly reason: 'unknown' | 'ambiguous' | 'conflicting',
    /** What was read and what it matched, for the message. */
    readonly detail: string,
    /** The jurisdictions the evidence could mean (empty when it names none), for the user to choose from. */
    readonly candidates: JurisdictionSeed[] = [],
  ) {
    super(`jurisdiction ${reason}: ${detail}`);
    this.name = 'JurisdictionNotIdentifiedError';
  }
}

/** Whether a division was in force in a year (both the old and the new one in the year of a change). */
export function inForce(jurisdiction: JurisdictionSeed, year: number): boolean {
  return (jurisdiction.validFrom ?? -Infinity) <= year && year <= (jurisdiction.validUntil ?? Infinity);
}

/** A name found in a text, and the divisions it can denote. */
interface Mention {
  start: number;
  end: number;
  text: string;
  candidates: JurisdictionSeed[];
}

/** How much each kind of corroborating evidence counts, per field that carries it. */
const FULL_NAME_WEIGHT = 2;
const SHORT_NAME_WEIGHT = 1;

/** The jurisdictions, indexed for identification and for walking up to the country. */
export class JurisdictionDirectory {
  private readonly byCode: Map<string, JurisdictionSeed>;
  /** Official names and issuer aliases (国务院) → divisions. */
  private readonly byName = new Map<string, JurisdictionSeed[]>();
  private readonly byShortName = new Map<string, JurisdictionSeed[]>();
  private readonly longestName: number;

  constructor(
    readonly all: readonly JurisdictionSeed[],
    private readonly aliases: JurisdictionAliases = (defaultAliases ??= readJurisdictionAliases()),
  ) {
    this.byCode = new Map(all.map((jurisdiction) => [jurisdiction.code, jurisdiction]));
    const add = (index: Map<string, JurisdictionSeed[]>, key: string, jurisdiction: JurisdictionSeed | undefined) => {
      if (!jurisdiction || key.length < 2) return;
      const list = index.get(key) ?? [];
      if (!list.includes(jurisdiction)) list.push(jurisdiction);
      index.set(key, list);
    };
    for (const jurisdiction of all) {
      add(this.byName, jurisdiction.name, jurisdiction);
      add(this.byShortName, jurisdiction.shortName, jurisdiction);
    }
    for (const alias of aliases.aliases) if (alias.issuer) add(this.byName, alias.alias, this.byCode.get(alias.code));
    this.longestName = Math.max(...[...this.byName.keys(), ...this.byShortName.keys()].map((key) => key.length));
  }

  static async load(manager: EntityManager): Promise<JurisdictionDirectory> {
    return new JurisdictionDirectory(await manager.find(Jurisdiction, { order: { code: 'ASC' } }));
  }

  get(code: string): JurisdictionSeed | undefined {
    return this.byCode.get(code);
  }

  /** The jurisdiction and its ancestors, nearest first (ending with the country). */
  lineage(code: string): JurisdictionSeed[] {
    const chain: JurisdictionSeed[] = [];
    for (let current = this.byCode.get(code); current; current = current.parentCode ? this.byCode.get(current.parentCode) : undefined) {
      chain.push(current);
    }
    return chain;
  }

  /**
   * The jurisdiction that issued a plan, among those in force in its year. The issuer, letterhead,
   * title and a 发文字号 of the State Council (国办发) name it: the most specific division named
   * (南通市通州区食品安全委员会办公室 → 通州区 in 南通市), with names of other divisions only on its
   * line of descent (南京市 and 徐州市 in one header is refused). Short names (通州食安办) count only
   * when no full name is printed. A name several divisions share (通州区, 鼓楼区) keeps those whose
   * ancestor is named too; otherwise the rest of the document decides: 主送, 抄送, the 文号's
   * opening, agency names (北京市通州区卫生健康委) and landmarks in the body (城市副中心) that lie
   * on one candidate's line and not the others'. Failing that, it refuses, listing the candidates.
   */
  identify(evidence: IssuerEvidence): JurisdictionSeed {
    const read = describeEvidence(evidence);
    const { year } = evidence;
    const strong = [evidence.issuer, evidence.issuerMark, evidence.title].map(compact).filter((text) => text !== '');
    let mentions = strong.flatMap((text) => this.mentions(text, this.byName, year));
    mentions.push(...this.documentNumberMentions(evidence.documentNumber, year));
    if (mentions.length === 0) mentions = strong.flatMap((text) => this.mentions(text, this.byShortName, year));
    if (mentions.length === 0) {
      throw new JurisdictionNotIdentifiedError(
        'unknown',
        `no jurisdiction named in ${read}, of those in force in ${year}${this.outOfForce(strong, year)}`,
      );
    }

    const isAncestor = (ancestor: JurisdictionSeed, of: JurisdictionSeed) => of !== ancestor && this.lineage(of.code).includes(ancestor);
    // A shared name keeps the divisions whose ancestor another name names (南通市…通州区); 淮安 alone,
    // both 淮安市 and its 淮安区, stays ambiguous.
    mentions = mentions.map((mention) => {
      const elsewhere = mentions.filter((other) => other.text !== mention.text).flatMap((other) => other.candidates);
      const anchored = mention.candidates.filter((candidate) => elsewhere.some((other) => isAncestor(other, candidate)));
      return anchored.length > 0 ? { ...mention, candidates: anchored } : mention;
    });
    // In the year of a re-coding both codes are in force: a name both carry (三元区) means the new one.
    mentions = mentions.map((mention) => {
      const codes = new Set(mention.candidates.map((candidate) => candidate.code));
      return { ...mention, candidates: mention.candidates.filter((candidate) => !codes.has(candidate.successorCode ?? '')) };
    });
    const kept = new Set(mentions.flatMap((mention) => mention.candidates));
    // A mention all of whose divisions are ancestors of another's only places that one (南通市 of 通州区).
    const leaves = mentions.filter(
      (mention) =>
        !mention.candidates.every((candidate) =>
          [...kept].some((other) => isAncestor(candidate, other) && !mention.candidates.includes(other)),
        ),
    );
    let candidates = leaves[0].candidates;
    for (const mention of leaves.slice(1)) candidates = candidates.filter((candidate) => mention.candidates.includes(candidate));
    if (candidates.length === 0) {
      const all = [...new Set(leaves.flatMap((mention) => mention.candidates))];
      throw new JurisdictionNotIdentifiedError('conflicting', `${read} names ${this.describe(all)}`, all);
    }
    if (candidates.length === 1) return candidates[0];
    const corroborated = this.corroborated(candidates, evidence);
    if (corroborated.length === 1) return corroborated[0];
    throw new JurisdictionNotIdentifiedError(
      'ambiguous',
      `${read} names ${this.describe(candidates)}, and nothing else in the document (主送, 抄送, 文号, agencies, body) tells which; ` +
        `choose one with --jurisdiction CODE`,
      candidates,
    );
  }

  /**
   * The divisions named in a text, longest names first: a name inside a longer one (城区 in 主城区,
   * 通州 in 通州区) does not count. A two-character district name (城区, 东区, 郊区) is an ordinary
   * word too: it counts only right after its city's name (阳泉市城区).
   */
  private mentions(text: string, index: Map<string, JurisdictionSeed[]>, year: number | null): Mention[] {
    const found: Mention[] = [];
    for (let start = 0; start < text.length; start++) {
      for (let length = Math.min(this.longestName, text.length - start); length >= 2; length--) {
        const name = text.slice(start, start + length);
        const candidates = index.get(name)?.filter((jurisdiction) => year === null || inForce(jurisdiction, year));
        if (candidates?.length) found.push({ start, end: start + length, text: name, candidates });
      }
    }
    const longest = found.filter(
      (mention) =>
        !found.some(
          (other) => other.start <= mention.start && other.end >= mention.end && other.end - other.start > mention.end - mention.start,
        ),
    );
    return longest.flatMap((mention) => {
      if (!/^.区$/.test(mention.text)) return [mention];
      const before = longest.filter((other) => other.end === mention.start).flatMap((other) => other.candidates);
      const candidates = mention.candidates.filter((candidate) => before.some((ancestor) => ancestor.code === candidate.parentCode));
      return candidates.length > 0 ? [{ ...mention, candidates }] : [];
    });
  }

  /** A 发文字号 that by itself names its issuer (国办发〔2017〕28号). */
  private documentNumberMentions(documentNumber: string | null, year: number): Mention[] {
    const number = compact(documentNumber);
    return this.aliases.documentNumberPrefixes
      .filter((prefix) => prefix.issuer && number.startsWith(prefix.alias))
      .map((prefix) => this.byCode.get(prefix.code))
      .filter((jurisdiction): jurisdiction is JurisdictionSeed => jurisdiction !== undefined && inForce(jurisdiction, year))
      .map((jurisdiction) => ({ start: 0, end: 0, text: number, candidates: [jurisdiction] }));
  }

  /** For an unknown issuer: the divisions named that were not in force that year (海门市 in 2021). */
  private outOfForce(texts: string[], year: number): string {
    const named = texts.flatMap((text) => this.mentions(text, this.byName, null)).flatMap((mention) => mention.candidates);
    const outside = [...new Set(named)].filter((jurisdiction) => !inForce(jurisdiction, year));
    if (outside.length === 0) return '';
    return ` (${outside.map((jurisdiction) => `${this.describe([jurisdiction])} was in force ${validity(jurisdiction)}`).join('; ')})`;
  }

  /**
   * Among same-named candidates, those the rest of the document places best: each field (文号,
   * 主送, 抄送, agencies, body) counts for a candidate when it names one of the candidate's
   * ancestors (in full, or by short name: less) or a landmark on its line; the one with the highest
   * count wins, and a tie leaves them all.
   */
  private corroborated(candidates: JurisdictionSeed[], evidence: IssuerEvidence): JurisdictionSeed[] {
    const prefix = compact(evidence.documentNumber);
    const fields = [evidence.addressees, evidence.copyTo, evidence.agencies.join('\n'), evidence.body].map(compact);
    const scores = candidates.map((candidate) => {
      const ancestors = this.lineage(candidate.code)
        .slice(1)
        .filter((ancestor) => ancestor.level !== JurisdictionLevel.COUNTRY);
      const onLine = (code: string) => code === candidate.code || ancestors.some((ancestor) => ancestor.code === code);
      const places = this.aliases.aliases.filter((alias) => !alias.issuer && onLine(alias.code)).map((alias) => alias.alias);
      let score = 0;
      // The 文号 opens with the issuer's own short name (通食安办) or, less often, its city's or province's (皖).
      const ownOpening = candidate.shortName.slice(0, 1);
      if (prefix !== '' && !prefix.startsWith(ownOpening)) {
        if (
          ancestors.some((ancestor) => ancestor.level !== JurisdictionLevel.PROVINCE && prefix.startsWith(ancestor.shortName.slice(0, 1)))
        ) {
          score += SHORT_NAME_WEIGHT;
        }
      }
      if (
        this.aliases.documentNumberPrefixes.some((opening) => !opening.issuer && onLine(opening.code) && prefix.startsWith(opening.alias))
      ) {
        score += SHORT_NAME_WEIGHT;
      }
      for (const field of fields) {
        if (field === '') continue;
        if (ancestors.some((ancestor) => field.includes(ancestor.name)) || places.some((place) => field.includes(place))) {
          score += FULL_NAME_WEIGHT;
        } else if (ancestors.some((ancestor) => ancestor.shortName.length >= 2 && field.includes(ancestor.shortName))) {
          score += SHORT_NAME_WEIGHT;
        }
      }
      return score;
    });
    const best = Math.max(...scores);
    if (best === 0) return candidates;
    return candidates.filter((_, index) => scores[index] === best);
  }

  private describe(list: JurisdictionSeed[]): string {
    return list
      .map((item) => `${item.fullName} ${item.code}${item.validFrom !== null || item.validUntil !== null ? ` (${validity(item)})` : ''}`)
      .join(', ');
  }
}

function validity(jurisdiction: JurisdictionSeed): string {
  return `${jurisdiction.validFrom ?? '…'}–${jurisdiction.validUntil ?? ''}`;
}

/** Spaces out: titles come as 2021 年通州区…. */
function compact(text: string | null): string {
  return (text ?? '').replace(/[\s\u3000]/g, '');
}

function describeEvidence(evidence: IssuerEvidence): string {
  const parts = [
    ['issuer', evidence.issuer],
    ['issuer mark', evidence.issuerMark],
    ['document number', evidence.documentNumber],
    ['title', evidence.title],
  ].map(([label, value]) => `${label} ${value ? `"${compact(value)}"` : '(none)'}`);
  return parts.join(', ');
}
