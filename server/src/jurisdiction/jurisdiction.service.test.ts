import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.js';
import {
  type IssuerEvidence,
  JurisdictionDirectory,
  JurisdictionNotIdentifiedError,
  readJurisdictionSeeds,
  syncJurisdictions,
} from './jurisdiction.service.js';

const directory = new JurisdictionDirectory(readJurisdictionSeeds());
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
    expect(identify({ issuer: '通州食安办' })).toBe('320612');
  });

  it('tells same-named districts apart by their city', () => {
    expect(identify({ issuer: '徐州市鼓楼区食品安全委员会办公室' })).toBe('320302');
    expect(identify({ issuer: '南京市鼓楼区食品安全委员会办公室' })).toBe('320106');
    expect(identify({ issuer: '鼓楼区食安办', addressees: '徐州市鼓楼区各街道办事处' })).toBe('320302');
    expect(() => identify({ issuer: '鼓楼区食品安全委员会办公室', documentNumber: '鼓食安办〔2021〕1号' })).toThrow(
      /ambiguous: .*鼓楼区食品安全委员会办公室.* names 江苏省南京市鼓楼区 320106, 江苏省徐州市鼓楼区 320302/,
    );
  });

  it('refuses an issuer it cannot place, saying what it read', () => {
    const unknown = () => identify({ issuer: '某某食品安全委员会', documentNumber: '某食安委〔2021〕1号' });
    expect(unknown).toThrow(JurisdictionNotIdentifiedError);
    expect(unknown).toThrow(/unknown: no jurisdiction named in issuer "某某食品安全委员会", .*document number "某食安委〔2021〕1号"/);
    expect(() => identify({ issuer: '南京市食品安全委员会', title: '2021年徐州市食品安全重点工作安排' })).toThrow(
      /conflicting: .* names 江苏省南京市 320100, 江苏省徐州市 320300/,
    );
    // 淮安 is the short name of both 淮安市 and its 淮安区.
    expect(() => identify({ issuer: '淮安食安办' })).toThrow(/ambiguous/);
  });
});

describe('syncJurisdictions', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('loads the reference data once and rewrites nothing when run again', async () => {
    await syncJurisdictions(db.dataSource.manager);
    const versions = async () =>
      (await db.dataSource.query(`SELECT code, xmin::text AS version FROM jurisdiction ORDER BY code`)) as unknown[];
    const first = await versions();
    expect(first).toHaveLength(readJurisdictionSeeds().length);
    await syncJurisdictions(db.dataSource.manager);
    expect(await versions()).toEqual(first);
    const [tongzhou] = await db.dataSource.query(`SELECT * FROM jurisdiction WHERE code = '320612'`);
    expect(tongzhou).toMatchObject({ name: '通州区', short_name: '通州', level: 'DISTRICT', parent_code: '320600' });
  });
});
