import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedsDir } from '../common/paths.js';
import {
  type IssuerEvidence,
  JurisdictionDirectory,
  JurisdictionNotIdentifiedError,
  readJurisdictionSeeds,
} from './jurisdiction.service.js';

/**
 * Plans of many provinces, levels and years, attributed from what their headers, covering notices
 * and bodies say. The documents are written here in the shapes of real ones (GB/T 9704 headers,
 * portal reposts without 文号, national notices): their full texts cannot be reached from here.
 */
const directory = new JurisdictionDirectory(readJurisdictionSeeds());

/** The evidence the importer gathers from a document: header fields, title, body and agency names. */
function evidence(document: {
  issuerMark?: string;
  documentNumber?: string;
  title: string;
  addressees?: string;
  body?: string;
  agencies?: string[];
  issuer?: string;
  copyTo?: string;
  year: number;
}): IssuerEvidence {
  return {
    issuerMark: document.issuerMark ?? null,
    documentNumber: document.documentNumber ?? null,
    title: document.title,
    addressees: document.addressees ?? null,
    body: document.body ?? null,
    agencies: document.agencies ?? [],
    issuer: document.issuer ?? null,
    copyTo: document.copyTo ?? null,
    year: document.year,
  };
}

const attributed = (document: Parameters<typeof evidence>[0]) => directory.identify(evidence(document)).code;

describe('attributing plans across the country', () => {
  it('Anhui: a district’s 2020 portal repost with no 文号, and the province’s own plan', () => {
    expect(
      attributed({
        title: '池州市贵池区2020年食品安全重点工作安排',
        body: '为认真贯彻落实《安徽省2020年食品安全重点工作安排》和池州市有关要求，切实做好全区食品安全工作，现制定如下安排。',
        agencies: ['区市场监管局', '区农业农村局', '各乡镇人民政府、街道办事处'],
        issuer: '池州市贵池区食品安全委员会办公室',
        year: 2020,
      }),
    ).toBe('341702');
    expect(
      attributed({
        issuerMark: '安徽省食品安全委员会办公室',
        documentNumber: '皖食安办〔2020〕6号',
        title: '安徽省2020年食品安全重点工作安排',
        addressees: '各市、县人民政府食品安全委员会，省食安委各成员单位：',
        issuer: '安徽省食品安全委员会办公室',
        copyTo: '国务院食品安全委员会办公室',
        year: 2020,
      }),
    ).toBe('340000');
  });

  it('Yunnan: a county of an autonomous prefecture, the prefecture given by its short form (大理州)', () => {
    expect(
      attributed({
        issuerMark: '宾川县食品安全委员会文件',
        documentNumber: '宾食安委〔2021〕3号',
        title: '云南省大理州宾川县2021年食品安全重点工作安排',
        addressees: '各乡镇人民政府，县食安委各成员单位：',
        issuer: '宾川县食品安全委员会',
        copyTo: '大理州食品安全委员会办公室',
        year: 2021,
      }),
    ).toBe('532924');
  });

  it('Hunan: a county-level city', () => {
    expect(
      attributed({
        issuerMark: '浏阳市食品安全委员会办公室',
        documentNumber: '浏食安办〔2021〕4号',
        title: '2021年浏阳市食品安全重点工作安排',
        addressees: '各镇人民政府、街道办事处，市食安委各成员单位：',
        issuer: '浏阳市食品安全委员会办公室',
        copyTo: '长沙市食品安全委员会办公室',
        year: 2021,
      }),
    ).toBe('430181');
  });

  it('Beijing’s 通州区, by its letterhead, or by the body and agencies when the letterhead drops the city', () => {
    expect(
      attributed({
        issuerMark: '北京市通州区食品药品安全委员会办公室',
        documentNumber: '通食药安办〔2022〕5号',
        title: '2022年通州区食品安全重点工作安排',
        addressees: '各乡镇人民政府、街道办事处，区食药安委各成员单位：',
        issuer: '北京市通州区食品药品安全委员会办公室',
        year: 2022,
      }),
    ).toBe('110112');
    expect(
      attributed({
        documentNumber: '通食药安办〔2022〕5号',
        title: '2022年通州区食品安全重点工作安排',
        body: '围绕城市副中心高质量发展，持续推进国家食品安全示范城市创建。',
        agencies: ['北京市通州区卫生健康委', '区市场监管局'],
        issuer: '通州区食品药品安全委员会办公室',
        year: 2022,
      }),
    ).toBe('110112');
  });

  it('Xuzhou’s 鼓楼区, the city named in the 抄送 only', () => {
    expect(
      attributed({
        issuerMark: '鼓楼区食品安全委员会办公室',
        documentNumber: '鼓食安办〔2021〕2号',
        title: '2021年鼓楼区食品安全重点工作安排',
        addressees: '各街道办事处，区食安委各成员单位：',
        issuer: '鼓楼区食品安全委员会办公室',
        copyTo: '徐州市食品安全委员会办公室',
        year: 2021,
      }),
    ).toBe('320302');
  });

  it('the State Council: its 文号, its office, its food-safety committee', () => {
    expect(
      attributed({
        documentNumber: '国办发〔2017〕28号',
        title: '国务院办公厅关于印发2017年食品安全重点工作安排的通知',
        addressees: '各省、自治区、直辖市人民政府，国务院各部委、各直属机构：',
        issuer: '国务院办公厅',
        year: 2017,
      }),
    ).toBe('100000');
    expect(attributed({ documentNumber: '国食安委〔2021〕1号', title: '2021年食品安全重点工作安排', year: 2021 })).toBe('100000');
    expect(attributed({ issuer: '国务院食品安全委员会办公室', title: '2020年食品安全重点工作安排', year: 2020 })).toBe('100000');
  });

  it('Nantong’s 通州区, from the seed document’s own header, body and covering notice', () => {
    const text = readFileSync(join(seedsDir, 'tongzhou-2021.txt'), 'utf8');
    const lines = text.split('\n').map((line) => line.trim());
    const nonEmpty = lines.filter((line) => line !== '');
    expect(
      attributed({
        issuerMark: nonEmpty[0],
        documentNumber: nonEmpty.find((line) => /〔\d{4}〕\d+号$/.test(line)),
        title: nonEmpty.find((line) => /^2021 ?年通州区食品安全重点工作安排$/.test(line))!,
        addressees: nonEmpty.find((line) => line.endsWith('：')),
        body: text,
        issuer: nonEmpty[0],
        year: 2021,
      }),
    ).toBe('320612');
    // Without the city in its header, the body’s 南通高新区 still places it.
    expect(attributed({ issuer: '通州区食品安全委员会办公室', title: '2021年通州区食品安全重点工作安排', body: text, year: 2021 })).toBe(
      '320612',
    );
  });

  it('refuses a bare 通州区食安办, listing both 通州区 and how to choose', () => {
    let refusal: unknown;
    try {
      directory.identify(evidence({ issuer: '通州区食安办', title: '2021年食品安全重点工作安排', year: 2021 }));
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(JurisdictionNotIdentifiedError);
    const error = refusal as JurisdictionNotIdentifiedError;
    expect(error.reason).toBe('ambiguous');
    expect(error.candidates.map((candidate) => candidate.code)).toEqual(['110112', '320612']);
    expect(error.detail).toContain('北京市通州区 110112, 江苏省南通市通州区 320612');
    expect(error.detail).toContain('--jurisdiction CODE');
  });

  it('attributes 海门 by the plan’s year', () => {
    const plan = (name: string, year: number) =>
      attributed({ issuer: `${name}食品安全委员会办公室`, title: `${name}${year}年食品安全重点工作安排`, year, copyTo: '南通市食安办' });
    expect(plan('海门市', 2019)).toBe('320684');
    expect(plan('海门区', 2021)).toBe('320614');
  });
});
