import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.js';
import { seedsDir } from '../common/paths.js';
import { JurisdictionLevel } from './jurisdiction.entity.js';
import {
  COUNTRY_CODE,
  type IssuerEvidence,
  type JurisdictionChange,
  JurisdictionDirectory,
  JurisdictionNotIdentifiedError,
  readJurisdictionSeeds,
  syncJurisdictions,
} from './jurisdiction.service.js';

const seeds = readJurisdictionSeeds();
const byCode = new Map(seeds.map((seed) => [seed.code, seed]));
const directory = new JurisdictionDirectory(seeds);
const none: IssuerEvidence = {
  issuer: null,
  issuerMark: null,
  documentNumber: null,
  title: null,
  addressees: null,
  copyTo: null,
  body: null,
  agencies: [],
  year: 2021,
};
const identify = (evidence: Partial<IssuerEvidence>) => directory.identify({ ...none, ...evidence }).code;

describe('the reference jurisdictions', () => {
  it('cover the country: 31 provinces, ~330 prefectures, ~2,850 county-level divisions, under one root', () => {
    const count = (level: JurisdictionLevel) => seeds.filter((seed) => seed.level === level && seed.validUntil === null).length;
    expect(byCode.get(COUNTRY_CODE)).toMatchObject({ name: '中华人民共和国', level: JurisdictionLevel.COUNTRY, parentCode: null });
    expect(count(JurisdictionLevel.PROVINCE)).toBe(31);
    expect(count(JurisdictionLevel.CITY)).toBeGreaterThan(320);
    expect(count(JurisdictionLevel.DISTRICT) + count(JurisdictionLevel.COUNTY) + count(JurisdictionLevel.COUNTY_CITY)).toBeGreaterThan(
      2_800,
    );
    expect(new Set(seeds.map((seed) => seed.code)).size).toBe(seeds.length);
    for (const seed of seeds) {
      if (seed.code !== COUNTRY_CODE) expect(byCode.has(seed.parentCode!), `${seed.code}'s parent ${seed.parentCode}`).toBe(true);
      expect(seed.pinyin, seed.name).toMatch(/^[a-z]+$/);
    }
  });

  it('skip GB/T 2260’s grouping codes: their children hang off the province', () => {
    expect(seeds.filter((seed) => /市辖区|^县$|直辖县级/.test(seed.name))).toEqual([]);
    expect(byCode.has('110100')).toBe(false);
    expect(byCode.has('429000')).toBe(false);
    expect(byCode.get('110112')).toMatchObject({ fullName: '北京市通州区', shortName: '通州', pinyin: 'tzq', parentCode: '110000' });
    expect(byCode.get('429004')).toMatchObject({ name: '仙桃市', level: JurisdictionLevel.COUNTY_CITY, parentCode: '420000' });
    expect(byCode.get('469025')).toMatchObject({ shortName: '白沙', parentCode: '460000' });
    // Prefecture-level cities without counties have no children, not a copy of themselves.
    for (const city of ['441900', '442000', '460400', '620200']) {
      expect(byCode.get(city)?.level).toBe(JurisdictionLevel.CITY);
      expect(seeds.filter((seed) => seed.parentCode === city)).toEqual([]);
    }
  });

  it('give short names without suffix or nationality, and levels by kind', () => {
    expect(byCode.get('320000')).toMatchObject({ shortName: '江苏', parentCode: COUNTRY_CODE });
    expect(byCode.get('150000')?.shortName).toBe('内蒙古');
    expect(byCode.get('450000')?.shortName).toBe('广西');
    expect(byCode.get('532900')).toMatchObject({ name: '大理白族自治州', shortName: '大理', level: JurisdictionLevel.CITY });
    expect(byCode.get('152900')).toMatchObject({ shortName: '阿拉善', level: JurisdictionLevel.CITY });
    expect(byCode.get('429021')).toMatchObject({ shortName: '神农架', level: JurisdictionLevel.COUNTY });
    expect(byCode.get('320322')?.shortName).toBe('沛县');
  });

  it('carry every change of jurisdiction-changes.json: the old division until its year, the new one from it', () => {
    const { changes } = JSON.parse(readFileSync(join(seedsDir, 'reference', 'jurisdiction-changes.json'), 'utf8')) as {
      changes: JurisdictionChange[];
    };
    for (const change of changes) {
      expect(byCode.get(change.code), change.name).toMatchObject({
        name: change.name,
        validUntil: change.year,
        successorCode: change.successorCode,
      });
      const successor = byCode.get(change.successorCode)!;
      expect(successor.validUntil).toBeNull();
      if (change.kind === 'recoded') expect(successor.validFrom).toBe(change.year);
    }
    expect(byCode.get('320684')).toMatchObject({
      name: '海门市',
      fullName: '江苏省南通市海门市',
      validUntil: 2020,
      successorCode: '320614',
    });
    expect(byCode.get('320614')).toMatchObject({ name: '海门区', validFrom: 2020, validUntil: null });
  });
});

describe('JurisdictionDirectory.identify', () => {
  it('reads the seeds’ issuers', () => {
    expect(
      identify({
        issuer: '南通市通州区食品安全委员会办公室',
        issuerMark: '南通市通州区食品安全委员会办公室',
        documentNumber: '通食安办〔2021〕2号',
        title: '2021 年通州区食品安全重点工作安排',
      }),
    ).toBe('320612');
    expect(
      identify({
        issuer: '徐州市食品安全委员会',
        issuerMark: '徐州市食品安全委员会文件',
        documentNumber: '徐食安委〔2021〕1号',
        title: '2021年徐州市食品安全重点工作安排',
      }),
    ).toBe('320300');
  });

  it('takes the most specific jurisdiction on one line of descent', () => {
    expect(identify({ issuer: '南通市食品安全委员会办公室', title: '2021年通州区食品安全重点工作安排' })).toBe('320612');
    expect(identify({ title: '2021年江苏省食品安全重点工作安排' })).toBe('320000');
    expect(identify({ issuer: '阳泉市城区食品安全委员会办公室' })).toBe('140302');
  });

  it('falls back to short names, which need the rest of the document when several divisions share them', () => {
    expect(identify({ issuer: '浏阳食安办' })).toBe('430181');
    expect(identify({ issuer: '通州食安办', copyTo: '南通市食品安全委员会办公室' })).toBe('320612');
    // 淮安 is the short name of both 淮安市 and its 淮安区.
    expect(() => identify({ issuer: '淮安食安办' })).toThrow(/ambiguous: .*江苏省淮安市 320800, 江苏省淮安市淮安区 320803/);
  });

  it('tells same-named districts apart by their city', () => {
    expect(identify({ issuer: '徐州市鼓楼区食品安全委员会办公室' })).toBe('320302');
    expect(identify({ issuer: '南京市鼓楼区食品安全委员会办公室' })).toBe('320106');
    expect(identify({ issuer: '鼓楼区食安办', addressees: '徐州市鼓楼区各街道办事处' })).toBe('320302');
    expect(identify({ issuer: '鼓楼区食安办', agencies: ['开封市鼓楼区市场监管局', '区卫生健康委'] })).toBe('410204');
    expect(() => identify({ issuer: '鼓楼区食品安全委员会办公室', documentNumber: '鼓食安办〔2021〕1号' })).toThrow(
      /ambiguous: .*鼓楼区食品安全委员会办公室.* names 江苏省南京市鼓楼区 320106, 江苏省徐州市鼓楼区 320302, 福建省福州市鼓楼区 350102, 河南省开封市鼓楼区 410204.*--jurisdiction CODE/,
    );
  });

  it('refuses an issuer it cannot place, saying what it read', () => {
    const unknown = () => identify({ issuer: '某某食品安全委员会', documentNumber: '某食安委〔2021〕1号' });
    expect(unknown).toThrow(JurisdictionNotIdentifiedError);
    expect(unknown).toThrow(
      /unknown: no jurisdiction named in issuer "某某食品安全委员会", .*document number "某食安委〔2021〕1号".*, of those in force in 2021/,
    );
    expect(() => identify({ issuer: '南京市食品安全委员会', title: '2021年徐州市食品安全重点工作安排' })).toThrow(
      /conflicting: .* names 江苏省南京市 320100, 江苏省徐州市 320300/,
    );
  });

  it('takes the division in force in the plan’s year', () => {
    expect(identify({ issuer: '海门市食品安全委员会办公室', title: '海门市2019年食品安全重点工作安排', year: 2019 })).toBe('320684');
    expect(identify({ issuer: '海门区食品安全委员会办公室', title: '海门区2021年食品安全重点工作安排', year: 2021 })).toBe('320614');
    expect(identify({ issuer: '海门区食品安全委员会办公室', year: 2019 })).toBe('320684');
    expect(identify({ issuer: '密云县食品药品安全委员会办公室', year: 2014 })).toBe('110228');
    // In the year of a re-coding a name both codes carry means the new one.
    expect(identify({ issuer: '三明市三元区食安办', year: 2020 })).toBe('350403');
    expect(identify({ issuer: '三明市三元区食安办', year: 2021 })).toBe('350404');
  });
});

describe('syncJurisdictions', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('loads the reference data in one statement, and rewrites nothing when run again', async () => {
    const started = performance.now();
    expect(await syncJurisdictions(db.dataSource.manager)).toBe(seeds.length);
    const milliseconds = performance.now() - started;
    console.info(`syncJurisdictions: ${seeds.length} rows into an empty table in ${milliseconds.toFixed(0)} ms`);
    expect(milliseconds).toBeLessThan(2_000);
    const versions = async () =>
      (await db.dataSource.query(`SELECT code, xmin::text AS version FROM jurisdiction ORDER BY code`)) as unknown[];
    const first = await versions();
    expect(first).toHaveLength(seeds.length);
    expect(await syncJurisdictions(db.dataSource.manager)).toBe(0);
    expect(await versions()).toEqual(first);
    const [tongzhou] = await db.dataSource.query(`SELECT * FROM jurisdiction WHERE code = '320612'`);
    expect(tongzhou).toMatchObject({ name: '通州区', short_name: '通州', pinyin: 'tzq', level: 'DISTRICT', parent_code: '320600' });
    const [haimen] = await db.dataSource.query(`SELECT * FROM jurisdiction WHERE code = '320684'`);
    expect(haimen).toMatchObject({ valid_until: 2020, successor_code: '320614' });
  });
});
