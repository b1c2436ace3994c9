import { describe, expect, it } from 'vitest';
import { MappedText } from './mapped-text.js';
import { repair } from './normalize.js';
import { bracketDeadline, isResponsibility, parseAssignments, readDutyLine } from './responsibility.js';

const rolesIn = (inner: string) => parseAssignments(repair(MappedText.fromSource(inner))).map(({ name, role }) => [name, role]);
const dutiesIn = (line: string) => readDutyLine(repair(MappedText.fromSource(line)))?.map(({ role, value }) => [role, value.text]) ?? null;

describe('agencies joined by 和, 及 and 等部门和', () => {
  it('splits at a 和 between two names, not at one inside a name', () => {
    expect(rolesIn('区市场监管局和区卫生健康委配合')).toEqual([
      ['区市场监管局', 'SUPPORT'],
      ['区卫生健康委', 'SUPPORT'],
    ]);
    expect(rolesIn('区发展和改革委员会、区住房和城乡建设局负责')).toEqual([
      ['区发展和改革委员会', 'RESPONSIBLE'],
      ['区住房和城乡建设局', 'RESPONSIBLE'],
    ]);
  });

  it('drops 等部门 before the next name, and 以 before 及', () => {
    expect(rolesIn('县市场监管局牵头，县公安局、县农业农村局等部门和各乡镇人民政府食安委配合')).toEqual([
      ['县市场监管局', 'LEAD'],
      ['县公安局', 'SUPPORT'],
      ['县农业农村局', 'SUPPORT'],
      ['各乡镇人民政府食安委', 'SUPPORT'],
    ]);
    expect(rolesIn('市教育局以及市卫生健康委协办')).toEqual([
      ['市教育局', 'SUPPORT'],
      ['市卫生健康委', 'SUPPORT'],
    ]);
  });

  it('keeps 相关成员单位 and 有关部门 as printed', () => {
    expect(rolesIn('市食安委办公室牵头，市食安委相关成员单位及有关部门配合')).toEqual([
      ['市食安委办公室', 'LEAD'],
      ['市食安委相关成员单位', 'SUPPORT'],
      ['有关部门', 'SUPPORT'],
    ]);
  });
});

describe('duty lines (牵头单位：…)', () => {
  it('reads each label, full- or half-width colon, several on one line', () => {
    expect(dutiesIn('牵头单位：区教育局')).toEqual([['LEAD', '区教育局']]);
    expect(dutiesIn('责任部门:区农业农村局、区商务局。')).toEqual([['RESPONSIBLE', '区农业农村局、区商务局']]);
    expect(dutiesIn('牵头单位：区食安办；配合单位：区卫健委 完成时限：6月底前')).toEqual([
      ['LEAD', '区食安办'],
      ['SUPPORT', '区卫健委'],
      ['DEADLINE', '6月底前'],
    ]);
    expect(dutiesIn('协办单位：区公安局')).toEqual([['SUPPORT', '区公安局']]);
    expect(dutiesIn('配合部门：各乡镇人民政府')).toEqual([['SUPPORT', '各乡镇人民政府']]);
  });

  it('is not a line that merely mentions a unit', () => {
    expect(dutiesIn('督促牵头单位：按时报送进展')).toBeNull();
    expect(dutiesIn('各责任单位要按时报送')).toBeNull();
  });
});

describe('brackets carrying a deadline or duty labels', () => {
  it('reads the agencies before a trailing deadline', () => {
    expect(isResponsibility('区教育局负责，2021年6月底前完成')).toBe(true);
    expect(isResponsibility('区教育局负责；完成时限：年底前')).toBe(true);
    expect(rolesIn('区教育局牵头，区卫健委配合，6月底前完成')).toEqual([
      ['区教育局', 'LEAD'],
      ['区卫健委', 'SUPPORT'],
    ]);
    const inner = repair(MappedText.fromSource('区教育局负责；完成时限：年底前'));
    expect(bracketDeadline(inner)?.text).toBe('年底前');
    expect(bracketDeadline(repair(MappedText.fromSource('区教育局、区卫健委负责')))).toBeNull();
  });

  it('reads duty labels inside a bracket', () => {
    expect(isResponsibility('牵头单位：区教育局；配合单位：区卫健委')).toBe(true);
    expect(rolesIn('牵头单位：区教育局；配合单位：区卫健委；完成时限：年底前')).toEqual([
      ['区教育局', 'LEAD'],
      ['区卫健委', 'SUPPORT'],
    ]);
  });

  it('still ignores brackets that name no one', () => {
    expect(isResponsibility('2020-2021年')).toBe(false);
    expect(isResponsibility('6月底前完成')).toBe(false);
  });
});
