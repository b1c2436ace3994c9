import chardet from 'chardet';
import iconv from 'iconv-lite';
import { PlanParseError } from './parsed-plan.js';

const EXPECTED_ENCODING = 'UTF-8 or GB18030 text';

/**
 * Decodes a plan file's bytes. Chinese government files come as UTF-8 (with or without BOM) or
 * in the legacy GB2312/GBK/GB18030 family; anything else (binary, random bytes) is refused rather
 * than imported as mojibake.
 */
export function decodePlanText(fileName: string, bytes: Uint8Array): string {
  const text = decodeBytes(bytes);
  if (text === null || !looksLikeText(text)) {
    throw new PlanParseError(fileName, firstBadUtf8Line(bytes), 'encoding', EXPECTED_ENCODING);
  }
  return text;
}

/**
 * A file cut short can end inside a multi-byte character: drop that partial character, so the
 * parser reports the truncation where the text stops rather than an encoding error.
 */
function decodeUtf8AllowingCutEnd(bytes: Uint8Array): string | null {
  for (let cut = 0; cut <= 3 && cut < bytes.length; cut++) {
    const text = decodeUtf8(bytes.subarray(0, bytes.length - cut));
    if (text !== null) return text;
  }
  return null;
}

/** The line of the first byte that is not UTF-8, for files that are mostly UTF-8; 1 otherwise. */
function firstBadUtf8Line(bytes: Uint8Array): number {
  const lenient = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const bad = lenient.indexOf('\uFFFD');
  if (bad < 0 || !looksLikeText(lenient.replaceAll('\uFFFD', ''))) return 1;
  return lenient.slice(0, bad).split('\n').length;
}

function decodeBytes(bytes: Uint8Array): string | null {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return decodeUtf8(bytes.subarray(3));
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const utf8 = decodeUtf8AllowingCutEnd(bytes);
  if (utf8 !== null) return utf8;
  return isProbablyGb18030(bytes) ? iconv.decode(Buffer.from(bytes), 'gb18030') : null;
}

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** chardet names the Chinese legacy encodings GB18030; GBK and GB2312 are subsets of it. */
function isProbablyGb18030(bytes: Uint8Array): boolean {
  const candidates = chardet.analyse(bytes);
  return candidates.some((match) => /^(GB18030|GBK|GB2312)$/i.test(match.name) && match.confidence >= 10);
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

/** Characters a plan can contain: CJK, ASCII, Chinese punctuation and full-width forms. */
const READABLE =
  /[\t\n\r\x20-\x7E\u00A0-\u00FF\u2000-\u206F\u2100-\u22FF\u2460-\u24FF\u25A0-\u25FF\u3000-\u303F\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]/;

/** Refuses decoded garbage: control characters, replacement characters, unusual scripts. */
function looksLikeText(text: string): boolean {
  if (text.includes('\u0000') || text.includes('\uFFFD')) return false;
  let readable = 0;
  for (const char of text) if (READABLE.test(char)) readable++;
  const total = [...text].length;
  return total === 0 || readable / total >= 0.97;
}
