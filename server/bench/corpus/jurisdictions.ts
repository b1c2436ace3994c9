import type { EntityManager } from 'typeorm';
import { JurisdictionLevel } from '../../src/jurisdiction/jurisdiction.entity.js';
import { readJurisdictionSeeds, syncJurisdictions, type JurisdictionSeed } from '../../src/jurisdiction/jurisdiction.service.js';
import { Random } from './random.js';

/** The 31 province-level divisions (GB/T 2260 first two digits) and their short names (简称 as used in prose). */
const PROVINCES: ReadonlyArray<readonly [string, string, string]> = [
  ['11', '北京市', '北京'],
  ['12', '天津市', '天津'],
  ['13', '河北省', '河北'],
  ['14', '山西省', '山西'],
  ['15', '内蒙古自治区', '内蒙古'],
  ['21', '辽宁省', '辽宁'],
  ['22', '吉林省', '吉林'],
  ['23', '黑龙江省', '黑龙江'],
  ['31', '上海市', '上海'],
  ['32', '江苏省', '江苏'],
  ['33', '浙江省', '浙江'],
  ['34', '安徽省', '安徽'],
  ['35', '福建省', '福建'],
  ['36', '江西省', '江西'],
  ['37', '山东省', '山东'],
  ['41', '河南省', '河南'],
  ['42', '湖北省', '湖北'],
  ['43', '湖南省', '湖南'],
  ['44', '广东省', '广东'],
  ['45', '广西壮族自治区', '广西'],
  ['46', '海南省', '海南'],
  ['50', '重庆市', '重庆'],
  ['51', '四川省', '四川'],
  ['52', '贵州省', '贵州'],
  ['53', '云南省', '云南'],
  ['54', '西藏自治区', '西藏'],
  ['61', '陕西省', '陕西'],
  ['62', '甘肃省', '甘肃'],
  ['63', '青海省', '青海'],
  ['64', '宁夏回族自治区', '宁夏'],
  ['65', '新疆维吾尔自治区', '新疆'],
];

/** Characters Chinese place names are commonly made of; two of them make a synthetic name. */
const PLACE_CHARACTERS = [
  ...'安平阳山江河城宁德兴丰华和新东西南北源泉清林川海湖州口台庆昌武永临长乐广嘉云龙凤宝金石白青黄桥溪水原定远济泰康荣盛富隆鹤岚松柏桂兰梅竹峰岭峪川沙洲滨湾浦津渡',
];

/** Jiangsu's real divisions are in seeds/; the other 30 provinces get this many, like China's average (~3,200 in all). */
const CITIES_PER_PROVINCE = [7, 14] as const;
const COUNTIES_PER_CITY = [6, 11] as const;

/**
 * The bench's jurisdictions: Jiangsu's real ones (seeds/reference) and, for every other province,
 * a plausible tree of cities and counties with GB/T 2260-shaped codes (PPCC00 cities; PPCCxx with
 * xx 02–20 districts, 21–80 counties, 81+ county-level cities). Synthetic names are unique.
 * `provinces` keeps the first n provinces in code order (for a smaller corpus).
 */
export function benchJurisdictions(seed: number, provinces = PROVINCES.length): JurisdictionSeed[] {
  const random = new Random(`jurisdictions:${seed}`);
  const real = readJurisdictionSeeds();
  const used = new Set(real.map((jurisdiction) => jurisdiction.shortName));
  const uniqueShortName = () => {
    for (;;) {
      const name = random.pick(PLACE_CHARACTERS) + random.pick(PLACE_CHARACTERS);
      if (name[0] !== name[1] && !used.has(name)) {
        used.add(name);
        return name;
      }
    }
  };
  const all: JurisdictionSeed[] = [];
  for (const [prefix, name, shortName] of PROVINCES.slice(0, provinces)) {
    if (prefix === '32') {
      all.push(...real);
      continue;
    }
    const provinceCode = `${prefix}0000`;
    all.push({ code: provinceCode, name, fullName: name, shortName, level: JurisdictionLevel.PROVINCE, parentCode: null });
    const cities = random.int(...CITIES_PER_PROVINCE);
    for (let city = 1; city <= cities; city++) {
      const cityShort = uniqueShortName();
      const cityCode = `${prefix}${String(city).padStart(2, '0')}00`;
      const cityName = `${cityShort}市`;
      all.push({
        code: cityCode,
        name: cityName,
        fullName: name + cityName,
        shortName: cityShort,
        level: JurisdictionLevel.CITY,
        parentCode: provinceCode,
      });
      const counties = random.int(...COUNTIES_PER_CITY);
      const districts = random.int(1, Math.min(5, counties));
      for (let index = 0; index < counties; index++) {
        const countyShort = uniqueShortName();
        const level =
          index < districts
            ? JurisdictionLevel.DISTRICT
            : index === counties - 1 && random.chance(0.5)
              ? JurisdictionLevel.COUNTY_CITY
              : JurisdictionLevel.COUNTY;
        const suffix = level === JurisdictionLevel.DISTRICT ? 2 + index : level === JurisdictionLevel.COUNTY ? 21 + index - districts : 81;
        const countyName = countyShort + (level === JurisdictionLevel.DISTRICT ? '区' : level === JurisdictionLevel.COUNTY ? '县' : '市');
        all.push({
          code: `${prefix}${String(city).padStart(2, '0')}${String(suffix).padStart(2, '0')}`,
          name: countyName,
          fullName: name + cityName + countyName,
          shortName: countyShort,
          level,
          parentCode: cityCode,
        });
      }
    }
  }
  return all;
}

/** Writes the bench's jurisdictions with the product's own statement (bench databases only). */
export async function insertBenchJurisdictions(manager: EntityManager, jurisdictions: JurisdictionSeed[]): Promise<void> {
  const CHUNK = 2_000;
  // Parents come first in `jurisdictions`, and each chunk is one statement.
  for (let start = 0; start < jurisdictions.length; start += CHUNK) {
    await syncJurisdictions(manager, jurisdictions.slice(start, start + CHUNK));
  }
}
