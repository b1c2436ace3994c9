import { inflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { renderHtmlAsText } from './html.js';
import { PlanParseError } from './parsed-plan.js';

/** A plan's Word XML is a few megabytes, with images tens; a zip bomb inflates to gigabytes. */
export const MAX_DOCX_UNCOMPRESSED_BYTES = 32 * 2 ** 20;

/** jszip's record of an entry (not in its typings): the central directory's size and the bytes as stored. */
interface ZipEntryData {
  uncompressedSize: number;
  compressedContent: Uint8Array;
  compression: { magic: string };
}

const DEFLATE_MAGIC = '\x08\x00';

/**
 * Renders a .docx as the parser's text: mammoth turns it into HTML (tables stay tables, merged
 * cells become rowspans), then the HTML path reads it like a web page. A document that would
 * inflate past {@link MAX_DOCX_UNCOMPRESSED_BYTES} is refused before mammoth inflates anything.
 */
export async function renderDocxAsText(fileName: string, bytes: Uint8Array): Promise<string> {
  await checkUncompressedSize(fileName, bytes);
  const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
  return renderHtmlAsText(`<body>${html}</body>`);
}

async function checkUncompressedSize(fileName: string, bytes: Uint8Array): Promise<void> {
  const tooLarge = () => new PlanParseError(fileName, 1, 'docx', 'a Word document of at most 32 MB uncompressed');
  // Reads the central directory; inflates nothing.
  const zip = await JSZip.loadAsync(bytes);
  const entries = Object.values(zip.files)
    .filter((entry) => !entry.dir)
    .map((entry) => (entry as unknown as { _data: ZipEntryData })._data);
  if (entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0) > MAX_DOCX_UNCOMPRESSED_BYTES) throw tooLarge();
  // The directory's sizes are the sender's word, and jszip checks them only once it has inflated
  // the whole entry: inflate each here, stopped at its declared size, so a lie costs no more.
  for (const entry of entries) {
    if (entry.compression.magic !== DEFLATE_MAGIC) continue;
    try {
      inflateRawSync(entry.compressedContent, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
      throw error;
    }
  }
}
