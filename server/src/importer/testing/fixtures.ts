/**
 * Test fixtures built from the seed plans: the same content as a saved portal page and as a .docx,
 * so the HTML and DOCX paths can be checked against the counts the seeds give.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { chineseNumeral } from '../outline.js';

const SEEDS = fileURLToPath(new URL('../../../../seeds/', import.meta.url));

export function readSeed(name: 'tongzhou-2021.txt' | 'xuzhou-2021.md'): Buffer {
  return readFileSync(SEEDS + name);
}

export function seedLines(name: 'tongzhou-2021.txt' | 'xuzhou-2021.md'): string[] {
  return readSeed(name).toString('utf8').split('\n');
}

/**
 * A plan of `taskCount` tasks numbered through, in parts of 100 (一、 … 八十、): Tongzhou's covering
 * notice, title and preamble, then Tongzhou's 22 tasks over and over, each with its own number and
 * responsibility brackets. 8 000 tasks make a 5 MB file, near the largest plans sent in (6.8 MB, 8 222 tasks).
 */
export function buildLargePlan(taskCount: number): Buffer {
  const lines = seedLines('tongzhou-2021.txt');
  const firstSection = lines.findIndex((line) => line.startsWith('一、'));
  const tasks = lines.flatMap((line) => {
    const match = /^\d+\.\s+(.*〕)\s*$/.exec(line);
    return match ? [match[1]] : [];
  });
  const body: string[] = [];
  for (let number = 1; number <= taskCount; number++) {
    if (number % 100 === 1) body.push(`${chineseNumeral(Math.ceil(number / 100))}、第${Math.ceil(number / 100)}部分重点工作`);
    body.push(`${number}.  ${tasks[(number - 1) % tasks.length]}`);
  }
  return Buffer.from([...lines.slice(0, firstSection), ...body, ''].join('\n'), 'utf8');
}

/**
 * A cell of a fixture table; `rowSpan` covers the cells below it, which later rows omit; `colSpan`
 * covers the cells to its right. A line break in `text` starts a new paragraph in the cell.
 */
export interface FixtureCell {
  text: string;
  rowSpan?: number;
  colSpan?: number;
}

/** The Markdown seed's paragraphs as plain text (no # headings, no ** bold). */
export function xuzhouParagraphs(fromLine: number, toLine: number): string[] {
  return seedLines('xuzhou-2021.md')
    .slice(fromLine - 1, toLine)
    .map((line) =>
      line
        .replace(/^#+\s*/, '')
        .replace(/\*\*/g, '')
        .trim(),
    )
    .filter((line) => line.length > 0);
}

/**
 * Rows 1–8 of the Xuzhou 推进表 laid out as a designer would: the section numeral, section title and
 * task heading cells span the rows they group.
 */
export function xuzhouScheduleTable(): FixtureCell[][] {
  const lines = seedLines('xuzhou-2021.md');
  const rows = [95, 96, 97, 100, 101, 102, 105, 106].map((lineNumber) => {
    const cells = lines[lineNumber - 1].split('\t');
    const numberAt = cells.findIndex((cell) => /^\d+$/.test(cell.trim()));
    const [content, q1, q2, q3, q4, ...units] = cells.slice(numberAt + 1).map((cell) => cell.trim());
    const [lead, responsible] = units.length >= 2 ? units : ['', units[0] ?? ''];
    return { number: cells[numberAt].trim(), fields: [content, q1, q2, q3, q4, lead, responsible] };
  });
  const taskHeadings: [string, number][] = [
    ['实施风险评估与监测专项提升行动', 5],
    ['实施校园食品安全守护行动', 2],
    ['开展农村假冒伪劣食品专项执法行动', 1],
  ];
  const header: FixtureCell[] = [
    '序号',
    '重点工作',
    '',
    '序号',
    '具体内容',
    '一季度目标',
    '二季度目标',
    '三季度目标',
    '四季度目标',
    '牵头单位',
    '责任单位',
  ].map((text) => ({ text }));
  const body = rows.map((row, index) => {
    const cells: FixtureCell[] = [];
    if (index === 0) cells.push({ text: '一', rowSpan: 8 }, { text: '深入开展食品安全放心工程建设攻坚行动', rowSpan: 8 });
    let start = 0;
    for (const [heading, span] of taskHeadings) {
      if (index === start) cells.push({ text: heading, rowSpan: span });
      start += span;
    }
    cells.push({ text: row.number }, ...row.fields.map((text) => ({ text })));
    return cells;
  });
  return [header, ...body];
}

export function htmlPage(paragraphs: string[], table: FixtureCell[][] | null, trailer: string[] = []): string {
  const p = (text: string) => `<p style="text-indent:2em">\n  ${escapeHtml(text).replace(/ /g, '&nbsp;')}\n</p>`;
  const tableHtml = table
    ? `<table border="1">${table
        .map(
          (row) =>
            `<tr>${row
              .map(
                (cell) =>
                  `<td${cell.rowSpan ? ` rowspan="${cell.rowSpan}"` : ''}${cell.colSpan ? ` colspan="${cell.colSpan}"` : ''}>${cell.text
                    .split('\n')
                    .map((text) => `<p>${escapeHtml(text)}</p>`)
                    .join('')}</td>`,
              )
              .join('')}</tr>`,
        )
        .join('\n')}</table>`
    : '';
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>政府信息公开</title><script>var nav = "首页 > 通知公告";</script></head>
<body>
<div class="header"><ul><li>首页</li><li>政务公开</li><li>政务服务</li></ul></div>
<div class="main"><div class="crumb">首页 &gt; 政务公开</div>
<div class="info">发布时间：2021-05-07 来源：本站 字号：大 中 小</div>
<div class="TRS_Editor">${paragraphs.map(p).join('\n')}${tableHtml}${trailer.map(p).join('\n')}</div>
</div>
<div class="footer"><p>主办单位：某某人民政府 网站标识码 3206000000</p></div>
</body></html>`;
}

/** A minimal .docx (a zip of three parts) holding paragraphs, then an optional table with merged cells. */
export function buildDocx(paragraphs: string[], table: FixtureCell[][] | null = null, trailer: string[] = []): Buffer {
  return zip(docxParts(paragraphs, table, trailer));
}

/**
 * A zip bomb: a small .docx whose document.xml inflates to `inflatedBytes`, padded with spaces
 * (deflate packs 64 MiB of them into 64 KB); its headers tell the truth, or claim `declaredBytes`.
 */
export function buildDocxBomb(inflatedBytes: number, declaredBytes?: number): Buffer {
  return zip(
    docxParts(['2021年食品安全重点工作安排']).map((part) =>
      part.name === 'word/document.xml'
        ? { ...part, data: Buffer.concat([part.data, Buffer.alloc(inflatedBytes - part.data.length, 0x20)]), declaredSize: declaredBytes }
        : part,
    ),
  );
}

interface ZipPart {
  name: string;
  data: Buffer;
  /** The size the headers state; the real one when absent. */
  declaredSize?: number;
  /** `data` deflated already, with its CRC and size: for parts too large to hold whole. */
  deflated?: { packed: Buffer; checksum: number; size: number };
}

/**
 * A .docx of `xmlBytes` of Word XML in short paragraphs (the issue's 111 kB file of 30 MB), built
 * without holding that XML: one megabyte of paragraphs is deflated once (ending on a sync flush, so
 * copies of it chain into one deflate stream) and repeated, so a test's own heap stays small.
 */
export function buildDocxOfParagraphs(xmlBytes: number): Buffer {
  const [head, tail] = docxParts(['2021年食品安全重点工作安排', '\0'])
    .find((part) => part.name === 'word/document.xml')!
    .data.toString('utf8')
    .split(/<w:p><w:r><w:t xml:space="preserve">\0<\/w:t><\/w:r><\/w:p>/);
  const paragraph = '<w:p><w:r><w:t xml:space="preserve">食品安全</w:t></w:r></w:p>';
  const chunk = Buffer.from(paragraph.repeat(Math.floor(2 ** 20 / Buffer.byteLength(paragraph))), 'utf8');
  const copies = Math.max(1, Math.round(xmlBytes / chunk.length));
  const flushed = (data: Buffer, last: boolean) =>
    deflateRawSync(data, { finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH });
  const headBytes = Buffer.from(head, 'utf8');
  const tailBytes = Buffer.from(tail, 'utf8');
  const packedChunk = flushed(chunk, false);
  let checksum = crc32(headBytes);
  for (let copy = 0; copy < copies; copy++) checksum = crc32(chunk, checksum);
  checksum = crc32(tailBytes, checksum);
  const packed = Buffer.concat([flushed(headBytes, false), ...Array<Buffer>(copies).fill(packedChunk), flushed(tailBytes, true)]);
  const size = headBytes.length + copies * chunk.length + tailBytes.length;
  return zip(
    docxParts([]).map((part) =>
      part.name === 'word/document.xml' ? { ...part, data: Buffer.alloc(0), deflated: { packed, checksum, size } } : part,
    ),
  );
}

function docxParts(paragraphs: string[], table: FixtureCell[][] | null = null, trailer: string[] = []): ZipPart[] {
  const paragraph = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${escapeHtml(text)}</w:t></w:r></w:p>`;
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraphs.map(paragraph).join('')}${
    table ? docxTable(table, paragraph) : ''
  }${trailer.map(paragraph).join('')}</w:body></w:document>`;
  const parts: [string, string][] = [
    [
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ],
    [
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ],
    ['word/document.xml', document],
  ];
  return parts.map(([name, content]) => ({ name, data: Buffer.from(content, 'utf8') }));
}

/**
 * Word writes a rowspan as vMerge (the first cell restarts, the covered ones continue) and a
 * colspan as gridSpan on one cell.
 */
function docxTable(rows: FixtureCell[][], paragraph: (text: string) => string): string {
  const covered: number[][] = [];
  const xmlRows = rows.map((row, r) => {
    const cells: string[] = [];
    let column = 0;
    const queue = [...row];
    while (queue.length > 0 || (covered[r]?.[column] ?? 0) > 0) {
      if ((covered[r]?.[column] ?? 0) > 0) {
        cells.push('<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>');
        column++;
        continue;
      }
      const cell = queue.shift()!;
      const span = cell.rowSpan ?? 1;
      for (let below = 1; below < span; below++) (covered[r + below] ??= [])[column] = 1;
      const properties = [
        cell.colSpan && cell.colSpan > 1 ? `<w:gridSpan w:val="${cell.colSpan}"/>` : '',
        span > 1 ? '<w:vMerge w:val="restart"/>' : '',
      ].join('');
      const merge = properties ? `<w:tcPr>${properties}</w:tcPr>` : '';
      cells.push(`<w:tc>${merge}${cell.text.split('\n').map(paragraph).join('')}</w:tc>`);
      column += cell.colSpan ?? 1;
    }
    return `<w:tr>${cells.join('')}</w:tr>`;
  });
  return `<w:tbl>${xmlRows.join('')}</w:tbl>`;
}

function zip(files: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data, deflated, declaredSize = deflated?.size ?? data.length } of files) {
    const nameBytes = Buffer.from(name, 'utf8');
    const packed = deflated?.packed ?? deflateRawSync(data);
    const checksum = deflated?.checksum ?? crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(checksum, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(declaredSize, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(checksum, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(declaredSize, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const centralSize = centrals.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
