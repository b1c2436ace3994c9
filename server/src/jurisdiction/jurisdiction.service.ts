import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityManager } from 'typeorm';
import { seedsDir } from '../common/paths.js';
import { upsert, type Columns } from '../db/bulk-write.js';
import { Jurisdiction, JurisdictionLevel } from './jurisdiction.entity.js';

export type JurisdictionSeed = Pick<Jurisdiction, 'code' | 'name' | 'fullName' | 'shortName' | 'level' | 'parentCode'>;

/** Jiangsu's divisions (GB/T 2260): the province, its cities and their county-level divisions. */
export function readJurisdictionSeeds(path = join(seedsDir, 'reference', 'jurisdictions-jiangsu.json')): JurisdictionSeed[] {
  const { jurisdictions } = JSON.parse(readFileSync(path, 'utf8')) as { jurisdictions: JurisdictionSeed[] };
  for (const jurisdiction of jurisdictions) {
    if (!(jurisdiction.level in JurisdictionLevel)) {
      throw new Error(`${path}: ${jurisdiction.code} has unknown level ${jurisdiction.level}`);
    }
  }
  return jurisdictions;
}

/**
 * Writes the reference jurisdictions: one statement that writes only rows that are missing or
 * differ (foreign keys are checked at its end, so children may precede parents). Returns how many
 * rows it wrote.
 */
export function syncJurisdictions(manager: EntityManager, seeds = readJurisdictionSeeds()): Promise<number> {
  const rows = seeds.map((seed) => ({
    code: seed.code,
    name: seed.name,
    full_name: seed.fullName,
    short_name: seed.shortName,
    level: seed.level,
    parent_code: seed.parentCode,
  }));
  return upsert(manager, 'jurisdiction', JURISDICTION_COLUMNS, rows, { key: 'code' });
}

const JURISDICTION_COLUMNS: Columns = {
  code: 'varchar',
  name: 'text',
  full_name: 'text',
  short_name: 'text',
  level: 'varchar',
  parent_code: 'varchar',
};

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

/** The jurisdictions, indexed for identification and for walking up to the province. */
export class JurisdictionDirectory {
  private readonly byCode: Map<string, JurisdictionSeed>;

  constructor(readonly all: readonly JurisdictionSeed[]) {
    this.byCode = new Map(all.map((jurisdiction) => [jurisdiction.code, jurisdiction]));
  }

  static async load(manager: EntityManager): Promise<JurisdictionDirectory> {
    return new JurisdictionDirectory(await manager.find(Jurisdiction, { order: { code: 'ASC' } }));
  }

  get(code: string): JurisdictionSeed | undefined {
    return this.byCode.get(code);
  }

  /** The jurisdiction and its ancestors, nearest first. */
  lineage(code: string): JurisdictionSeed[] {
    const chain: JurisdictionSeed[] = [];
    for (let current = this.byCode.get(code); current; current = current.parentCode ? this.byCode.get(current.parentCode) : undefined) {
      chain.push(current);
    }
    return chain;
  }

  /**
   * The jurisdiction that issued a plan: the most specific one named in the issuing body, the
   * letterhead or the title (南通市通州区食品安全委员会办公室 → 通州区 in 南通市). Everything named
   * must lie on one line of descent, so 南京市 and 徐州市 in one header is refused, and a name two
   * cities share (鼓楼区) needs its city named too, or the 发文字号's or addressees' corroboration.
   */
  identify(evidence: IssuerEvidence): JurisdictionSeed {
    const read = describeEvidence(evidence);
    const strong = [evidence.issuer, evidence.issuerMark, evidence.title].map(compact).filter((text) => text !== '');
    let named = this.all.filter((jurisdiction) => strong.some((text) => text.includes(jurisdiction.name)));
    if (named.length === 0) {
      // Issuers sometimes drop the 市/区/县 (通州食安办): fall back to short names.
      named = this.all.filter(
        (jurisdiction) => jurisdiction.shortName.length >= 2 && strong.some((text) => text.includes(jurisdiction.shortName)),
      );
      // 淮安 is both 淮安市 and its 淮安区: a short name does not say which.
      const shared = named.filter((candidate) => named.some((other) => other !== candidate && other.shortName === candidate.shortName));
      if (shared.length > 0) {
        throw new JurisdictionNotIdentifiedError('ambiguous', `${read} names ${this.describe(shared)}`);
      }
    }
    if (named.length === 0) {
      // A 发文字号 alone is not enough: 通 opens the numbers of both 南通市 and 通州区.
      throw new JurisdictionNotIdentifiedError('unknown', `no jurisdiction named in ${read}`);
    }
    // A name that several jurisdictions share keeps those whose ancestors were named too.
    const kept = named.filter((candidate) => {
      const twins = named.filter((other) => other.name === candidate.name);
      if (twins.length === 1) return true;
      const anchored = (jurisdiction: JurisdictionSeed) =>
        this.lineage(jurisdiction.code)
          .slice(1)
          .some((ancestor) => named.includes(ancestor));
      return anchored(candidate) || !twins.some(anchored);
    });
    const leaves = kept.filter((candidate) => !kept.some((other) => other !== candidate && this.lineage(other.code).includes(candidate)));
    if (leaves.length === 1) return leaves[0];
    if (!leaves.every((leaf) => leaf.name === leaves[0].name)) {
      throw new JurisdictionNotIdentifiedError('conflicting', `${read} names ${this.describe(leaves)}`);
    }
    const corroborated = this.corroborated(leaves, evidence);
    if (corroborated.length !== 1) {
      throw new JurisdictionNotIdentifiedError('ambiguous', `${read} names ${this.describe(leaves)}`);
    }
    return corroborated[0];
  }

  private describe(list: JurisdictionSeed[]): string {
    return list
      .map(
        (item) =>
          `${this.lineage(item.code)
            .reverse()
            .map((j) => j.name)
            .join('')} ${item.code}`,
      )
      .join(', ');
  }

  /** Among same-named candidates, those whose city the 发文字号 or the addressees mention. */
  private corroborated(candidates: JurisdictionSeed[], evidence: IssuerEvidence): JurisdictionSeed[] {
    const prefix = documentNumberPrefix(evidence.documentNumber);
    const addressees = compact(evidence.addressees);
    const mentions = (jurisdiction: JurisdictionSeed) =>
      this.lineage(jurisdiction.code)
        .slice(1)
        .filter((ancestor) => ancestor.level !== JurisdictionLevel.PROVINCE)
        .some((ancestor) => (prefix !== null && ancestor.shortName.includes(prefix)) || addressees.includes(ancestor.shortName));
    return candidates.filter(mentions);
  }
}

/** Spaces out: titles come as 2021 年通州区…. */
function compact(text: string | null): string {
  return (text ?? '').replace(/[\s\u3000]/g, '');
}

/** The place character a 发文字号 opens with: 通 in 通食安办〔2021〕2号, 徐 in 徐食安委〔2021〕1号. */
function documentNumberPrefix(documentNumber: string | null): string | null {
  const match = /^\s*([\u4e00-\u9fff])/.exec(documentNumber ?? '');
  return match ? match[1] : null;
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
