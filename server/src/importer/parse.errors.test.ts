import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parsePlanFile, parsePlanText } from './parse.js';
import { PlanParseError } from './parsed-plan.js';
import { buildDocxBomb, readSeed, seedLines } from './testing/fixtures.js';

const tongzhou = seedLines('tongzhou-2021.txt');
const xuzhou = seedLines('xuzhou-2021.md');

/** The error a parse throws, or a failure when it does not throw one. */
function refusal(run: () => unknown): PlanParseError {
  try {
    run();
  } catch (error) {
    if (error instanceof PlanParseError) return error;
    throw error;
  }
  throw new Error('the plan was accepted');
}

async function asyncRefusal(run: () => Promise<unknown>): Promise<PlanParseError> {
  const error = await run().then(
    () => new Error('the plan was accepted'),
    (thrown: unknown) => thrown,
  );
  if (error instanceof PlanParseError) return error;
  throw error;
}

const fields = ({ file, line, field }: PlanParseError) => ({ file, line, field });

/** The Tongzhou text cut just before the given text (first occurrence). */
function tongzhouCutBefore(marker: string): string {
  const text = tongzhou.join('\n');
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`no ${marker} in the seed`);
  return text.slice(0, at);
}

describe('refusing what is not a plan', () => {
  it('refuses random bytes as an encoding problem on line 1', async () => {
    const error = await asyncRefusal(() => parsePlanFile('noise.txt', randomBytes(4096)));
    expect(fields(error)).toEqual({ file: 'noise.txt', line: 1, field: 'encoding' });
    expect(error.expected).toBe('UTF-8 or GB18030 text');
    expect(error.message).toBe('noise.txt:1: encoding: expected UTF-8 or GB18030 text');
  });

  it('reads a file cut inside a character as truncated, not as a wrong encoding', async () => {
    const bytes = readSeed('xuzhou-2021.md');
    // Line 50 ends in task 9's first bracket; cutting one byte into the next line's first
    // character leaves an incomplete UTF-8 sequence at the very end.
    const cutAt = bytes.indexOf(Buffer.from('10.落实国务院', 'utf8')) + 4;
    const error = await asyncRefusal(() => parsePlanFile('cut.md', bytes.subarray(0, cutAt)));
    expect(error.field).not.toBe('encoding');
  });

  it('refuses a file that stops at a task number', async () => {
    const text = readSeed('xuzhou-2021.md').toString('utf8');
    const cut = text.slice(0, text.indexOf('10.落实国务院') + 3);
    expect(fields(refusal(() => parsePlanText('cut.md', cut, 'MARKDOWN')))).toEqual({ file: 'cut.md', line: 52, field: 'task' });
  });

  it('refuses a file that stops before the attachment its notice announces', () => {
    const text = readSeed('xuzhou-2021.md').toString('utf8');
    const cut = text.slice(0, text.indexOf('附件\n'));
    expect(fields(refusal(() => parsePlanText('cut.md', cut, 'MARKDOWN')))).toEqual({ file: 'cut.md', line: 88, field: 'attachment' });
  });

  it('refuses a file cut inside its 推进表, after the header of a new page', () => {
    const text = readSeed('xuzhou-2021.md').toString('utf8');
    // Rows 1–21 complete, then the page header of the next page (line 133), and nothing more.
    const cut = text.slice(0, text.indexOf('四\t严厉打击食品安全违法犯罪\t22'));
    const error = refusal(() => parsePlanText('cut.md', cut, 'MARKDOWN'));
    expect(fields(error)).toEqual({ file: 'cut.md', line: 133, field: 'schedule' });
  });

  it('refuses a file cut inside the last row of its 推进表, before the unit columns', () => {
    const text = readSeed('xuzhou-2021.md').toString('utf8');
    const cut = text.slice(0, text.lastIndexOf('\t市食安委办公室\t市食安委相关成员单位'));
    const error = refusal(() => parsePlanText('cut.md', cut, 'MARKDOWN'));
    expect(fields(error)).toEqual({ file: 'cut.md', line: 163, field: 'schedule' });
    expect(error.expected).toContain('row 37');
  });

  it('names the line of a corrupt byte in an otherwise UTF-8 file', async () => {
    const bytes = Buffer.from(readSeed('tongzhou-2021.txt'));
    const line23 = bytes.indexOf(Buffer.from('1.  强化党政同责', 'utf8'));
    bytes[line23 + 10] = 0xff;
    expect(fields(await asyncRefusal(() => parsePlanFile('corrupt.txt', bytes)))).toEqual({
      file: 'corrupt.txt',
      line: 23,
      field: 'encoding',
    });
  });

  it('refuses binary data that merely carries a known extension', async () => {
    const binary = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1]), randomBytes(512)]);
    expect(fields(await asyncRefusal(() => parsePlanFile('plan.md', binary)))).toMatchObject({ field: 'encoding' });
    expect(fields(await asyncRefusal(() => parsePlanFile('plan.docx', Buffer.from('not a zip'))))).toMatchObject({ field: 'docx' });
  });

  it('refuses a .docx that inflates past 32 MiB, before inflating it, whatever its headers claim', async () => {
    const expected = 'a Word document of at most 32 MB uncompressed';
    const bomb = buildDocxBomb(64 * 2 ** 20);
    expect(bomb.length).toBeLessThan(256 * 1024);
    const started = performance.now();
    const honest = await asyncRefusal(() => parsePlanFile('bomb.docx', bomb));
    expect({ ...fields(honest), expected: honest.expected }).toEqual({ file: 'bomb.docx', line: 1, field: 'docx', expected });
    // Its directory claims 1 MiB: jszip would only notice the lie after inflating all 64.
    const lying = await asyncRefusal(() => parsePlanFile('lying.docx', buildDocxBomb(64 * 2 ** 20, 2 ** 20)));
    expect({ ...fields(lying), expected: lying.expected }).toEqual({ file: 'lying.docx', line: 1, field: 'docx', expected });
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('refuses an empty file and one holding only blank lines', async () => {
    expect(fields(await asyncRefusal(() => parsePlanFile('empty.txt', new Uint8Array())))).toEqual({
      file: 'empty.txt',
      line: 1,
      field: 'content',
    });
    expect(fields(refusal(() => parsePlanText('blank.txt', '\n \n\t\n', 'TEXT')))).toMatchObject({ field: 'content' });
  });

  it('refuses a file with only the covering notice', () => {
    const error = refusal(() => parsePlanText('header.txt', tongzhou.slice(0, 19).join('\n'), 'TEXT'));
    expect(fields(error)).toEqual({ file: 'header.txt', line: 19, field: 'section' });
  });

  it('refuses a plan without its title', () => {
    const lines = tongzhou.filter((_, index) => index !== 18);
    expect(fields(refusal(() => parsePlanText('untitled.txt', lines.join('\n'), 'TEXT')))).toEqual({
      file: 'untitled.txt',
      line: 21,
      field: 'title',
    });
  });
});

describe('refusing a truncated plan instead of half-importing it', () => {
  it('refuses a cut in the middle of a clause in section 3', () => {
    const error = refusal(() => parsePlanText('cut.txt', tongzhouCutBefore('推进落实进口冷链食品道路运输电子运单'), 'TEXT'));
    expect(fields(error)).toEqual({ file: 'cut.txt', line: 36, field: 'responsibility' });
  });

  it('refuses a cut inside a responsibility bracket', () => {
    const error = refusal(() => parsePlanText('cut.txt', tongzhouCutBefore('区交通运输局按职责分工负责'), 'TEXT'));
    expect(fields(error)).toEqual({ file: 'cut.txt', line: 35, field: 'responsibility' });
    expect(error.expected).toContain('closing bracket');
  });

  it('refuses a cut right after a section heading', () => {
    const error = refusal(() => parsePlanText('cut.txt', tongzhouCutBefore('11.  推广使用'), 'TEXT'));
    expect(fields(error)).toEqual({ file: 'cut.txt', line: 34, field: 'task' });
  });

  it('refuses a cut in the middle of a task number line and of the last task', () => {
    expect(fields(refusal(() => parsePlanText('cut.txt', tongzhouCutBefore('省、市、区《保健食品'), 'TEXT')))).toMatchObject({
      line: 30,
      field: 'responsibility',
    });
    expect(fields(refusal(() => parsePlanText('cut.txt', tongzhouCutBefore('将食品安全重点工作安排落实情况作为'), 'TEXT')))).toEqual({
      file: 'cut.txt',
      line: 50,
      field: 'responsibility',
    });
  });

  it('refuses a Markdown plan cut in the middle of a sentence split by a page break', () => {
    const error = refusal(() => parsePlanText('cut.md', xuzhou.slice(0, 52).join('\n'), 'MARKDOWN'));
    expect(fields(error)).toEqual({ file: 'cut.md', line: 52, field: 'responsibility' });
  });
});

describe('refusing numbering gaps', () => {
  it('names the line of a task that skips a number', () => {
    const lines = tongzhou.filter((line) => !line.startsWith('5.  实施校园'));
    expect(fields(refusal(() => parsePlanText('gap.txt', lines.join('\n'), 'TEXT')))).toEqual({ file: 'gap.txt', line: 28, field: 'task' });
  });

  it('names the line of a section that skips a numeral', () => {
    const lines = tongzhou.map((line) => line.replace(/^三、/, '四、'));
    const error = refusal(() => parsePlanText('gap.txt', lines.join('\n'), 'TEXT'));
    expect(fields(error)).toEqual({ file: 'gap.txt', line: 34, field: 'section' });
    expect(error.expected).toContain('三、');
  });

  it('names the line of a schedule row that skips a number', () => {
    const lines = xuzhou.filter((_, index) => index !== 100);
    expect(fields(refusal(() => parsePlanText('gap.md', lines.join('\n'), 'MARKDOWN')))).toEqual({
      file: 'gap.md',
      line: 101,
      field: 'schedule',
    });
  });
});

describe('accepting what a plan may legitimately be', () => {
  it('accepts a complete document with a 发文字号 and no 版记 (抄送, 印发)', () => {
    const withoutRecord = xuzhou.slice(0, 164).join('\n');
    const plan = parsePlanText('no-record.md', withoutRecord, 'MARKDOWN');
    expect(plan.header).toMatchObject({ documentNumber: '徐食安委〔2021〕1号', printedOn: null, copyTo: null });
    expect(plan.schedule).toHaveLength(37);
  });

  it('accepts the seed itself after the error cases (sanity)', async () => {
    await expect(parsePlanFile('tongzhou-2021.txt', readSeed('tongzhou-2021.txt'))).resolves.toMatchObject({ year: 2021 });
  });
});
