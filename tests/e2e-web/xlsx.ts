import { inflateRawSync } from 'node:zlib';

/**
 * The text of every XML part of an .xlsx file (a ZIP archive), read through the archive's central
 * directory, so a test can check what a spreadsheet holds without a spreadsheet library.
 */
export function xlsxXmlText(file: Buffer): string {
  const end = file.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('Not a ZIP archive: no end-of-central-directory record.');
  const entries = file.readUInt16LE(end + 10);
  let offset = file.readUInt32LE(end + 16);
  const parts: string[] = [];
  for (let i = 0; i < entries; i += 1) {
    const method = file.readUInt16LE(offset + 10);
    const compressedSize = file.readUInt32LE(offset + 20);
    const nameLength = file.readUInt16LE(offset + 28);
    const extraLength = file.readUInt16LE(offset + 30);
    const commentLength = file.readUInt16LE(offset + 32);
    const localHeader = file.readUInt32LE(offset + 42);
    const name = file.toString('utf8', offset + 46, offset + 46 + nameLength);
    const dataStart = localHeader + 30 + file.readUInt16LE(localHeader + 26) + file.readUInt16LE(localHeader + 28);
    const data = file.subarray(dataStart, dataStart + compressedSize);
    if (name.endsWith('.xml')) parts.push((method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return parts.join('\n');
}
