import { describe, expect, it } from 'vitest';
import { JurisdictionDirectory, readJurisdictionSeeds } from '../jurisdiction/jurisdiction.service.js';
import { AgencyNamer, normaliseAgencyName } from './agency-names.js';
import { AgencyKind } from './agency.entity.js';

const directory = new JurisdictionDirectory(readJurisdictionSeeds());
const namer = new AgencyNamer();
const TONGZHOU = '320612';
const NANTONG = '320600';
const XUZHOU = '320300';
const in_ = (code: string) => (printed: string) => namer.canonicalise(printed, directory.lineage(code));
const tongzhou = in_(TONGZHOU);
const xuzhou = in_(XUZHOU);

describe('normaliseAgencyName', () => {
  it('makes brackets full-width, drops spaces and a trailing 等', () => {
    expect(normaliseAgencyName(' 各县(市)区人民政府 ')).toBe('各县（市）区人民政府');
    expect(normaliseAgencyName('徐州海关等')).toBe('徐州海关');
    expect(normaliseAgencyName('市 场监管局')).toBe('市场监管局');
  });
});

describe('AgencyNamer', () => {
  it('merges abbreviations into one canonical name', () => {
    expect(tongzhou('区卫健委').name).toBe('区卫生健康委');
    expect(tongzhou('区卫生健康委').name).toBe('区卫生健康委');
    expect(tongzhou('区卫生健康委员会').name).toBe('区卫生健康委');
    for (const printed of ['市发改委', '市发展改革委', '市发展和改革委员会']) {
      expect(xuzhou(printed)).toMatchObject({ name: '市发展改革委', kind: AgencyKind.DEVELOPMENT_REFORM });
    }
    expect(xuzhou('市食安委办公室')).toMatchObject({ name: '市食安办', kind: AgencyKind.FOOD_SAFETY_OFFICE });
    expect(xuzhou('市食品安全委员会办公室').name).toBe('市食安办');
  });

  it('folds the variants of the food-safety committee members into one collective', () => {
    const variants = [
      '区食安委各成员单位',
      '区食品安全委员会各成员单位',
      '区食安委成员单位',
      '区食品安全委员会成员单位',
      '区食安委各成员部门',
    ];
    for (const printed of variants) {
      expect(tongzhou(printed)).toMatchObject({
        jurisdictionCode: TONGZHOU,
        name: '区食安委成员单位',
        kind: AgencyKind.FOOD_SAFETY_COMMITTEE_MEMBERS,
        collective: true,
      });
    }
    for (const printed of ['市食安委相关成员单位', '市食安委有关成员单位', '市食安委成员单位', '市食安委各成员单位']) {
      expect(xuzhou(printed).name).toBe('市食安委成员单位');
    }
  });

  it('gives a department printed without its level prefix the plan’s own', () => {
    expect(xuzhou('市场监管局')).toMatchObject({ name: '市市场监管局', kind: AgencyKind.MARKET_REGULATION, printedName: '市场监管局' });
    expect(xuzhou('市市场监管局').name).toBe('市市场监管局');
    expect(tongzhou('公安局').name).toBe('区公安局');
  });

  it('keeps names that carry their own place', () => {
    expect(tongzhou('南通高新区管委会')).toMatchObject({
      jurisdictionCode: TONGZHOU,
      name: '南通高新区管委会',
      kind: AgencyKind.DEVELOPMENT_ZONE,
      collective: false,
    });
    expect(xuzhou('徐州海关等')).toMatchObject({ name: '徐州海关', kind: AgencyKind.CUSTOMS });
  });

  it('marks lower-level governments as one collective, 有关 and 相关 folded into 各', () => {
    expect(tongzhou('各镇（街道）人民政府（办事处）')).toMatchObject({
      name: '各镇（街道）人民政府（办事处）',
      kind: AgencyKind.SUBORDINATE_GOVERNMENTS,
      collective: true,
    });
    for (const printed of ['各县（市）区人民政府', '有关县(市)区人民政府', '各县(市)区政府']) {
      expect(xuzhou(printed)).toMatchObject({ name: '各县（市）区人民政府', kind: AgencyKind.SUBORDINATE_GOVERNMENTS, collective: true });
    }
    expect(xuzhou('各县（市）区党委、政府')).toMatchObject({ kind: AgencyKind.SUBORDINATE_GOVERNMENTS, collective: true });
    // Without a collective qualifier, a government is one unit, not the subordinate ones.
    expect(tongzhou('区政府').kind).toBe(AgencyKind.OTHER);
  });

  it('reads kinds from keywords, not from a list of names', () => {
    expect(tongzhou('区教体局').kind).toBe(AgencyKind.EDUCATION);
    expect(tongzhou('区委宣传部').kind).toBe(AgencyKind.PROPAGANDA);
    expect(xuzhou('市科协').kind).toBe(AgencyKind.SCIENCE_ASSOCIATION);
    expect(xuzhou('市科学技术局')).toMatchObject({ name: '市科技局', kind: AgencyKind.SCIENCE_TECHNOLOGY });
    expect(xuzhou('市邮政管理局').kind).toBe(AgencyKind.POSTAL);
    expect(tongzhou('区行政审批局').kind).toBe(AgencyKind.ADMINISTRATIVE_APPROVAL);
    expect(tongzhou('区供销合作总社').kind).toBe(AgencyKind.SUPPLY_MARKETING_COOP);
  });

  it('reads a second nameplate in brackets as the same agency', () => {
    expect(tongzhou('区发展改革委(粮食和储备局)')).toMatchObject({
      name: '区发展改革委',
      kind: AgencyKind.DEVELOPMENT_REFORM,
      printedName: '区发展改革委（粮食和储备局）',
    });
  });

  it('imports unknown units as OTHER under their printed name', () => {
    expect(tongzhou('区应急管理局')).toMatchObject({
      jurisdictionCode: TONGZHOU,
      name: '区应急管理局',
      kind: AgencyKind.OTHER,
      collective: false,
    });
    expect(xuzhou('有关部门')).toMatchObject({ name: '有关部门', kind: AgencyKind.OTHER, collective: true });
  });

  it('places a unit of a higher level in that jurisdiction', () => {
    expect(tongzhou('市食安办')).toMatchObject({ jurisdictionCode: NANTONG, name: '市食安办' });
    expect(tongzhou('南通市市场监督管理局')).toMatchObject({ jurisdictionCode: NANTONG, name: '市市场监管局' });
    expect(tongzhou('南通市通州区市场监督管理局')).toMatchObject({ jurisdictionCode: TONGZHOU, name: '区市场监管局' });
    expect(xuzhou('徐州市卫生健康委员会')).toMatchObject({ jurisdictionCode: XUZHOU, name: '市卫生健康委' });
    // A county-level city calls itself 市: its own bureau, not the prefecture's.
    expect(in_('320382')('市卫健委')).toMatchObject({ jurisdictionCode: '320382', name: '市卫生健康委' });
    expect(in_('320322')('市卫健委')).toMatchObject({ jurisdictionCode: XUZHOU, name: '市卫生健康委' });
    expect(in_('320322')('县卫健委')).toMatchObject({ jurisdictionCode: '320322', name: '县卫生健康委' });
  });
});
