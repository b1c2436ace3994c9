import { inflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import type { ParseProgress } from './import-progress.js';
import { renderHtmlAsText } from './html.js';
import { PlanParseError } from './parsed-plan.js';

/** A plan's Word XML is a few megabytes, with images tens; a zip bomb inflates to gigabytes. */
export const MAX_DOCX_UNCOMPRESSED_BYTES = 32 * 2 ** 20;

/**
 * The Word XML mammoth parses (every part but the media, which are never read). mammoth takes
 * 2–4 s a megabyte of paragraphs on a busy 2-core machine, so a file of 30 MB of XML in 111 kB
 * would keep a worker busy for minutes: refused by its size at once. 8 MiB is well past a plan of
 * hundreds of tasks; a document under it that still reads too slowly is the time budget's to stop.
 */
export const MAX_DOCX_XML_BYTES = 8 * 2 ** 20;

/** jszip's record of an entry (not in its typings): the central directory's size and the bytes as stored. */
interface ZipEntryData {
  uncompressedSize: number;
  compressedContent: Uint8Array;
  compression: { magic: string };
}

const DEFLATE_MAGIC = '\x08\x00';

/** Images are not part of a plan's text: mammoth is given an empty one, and never inflates the picture. */
const noImage = mammoth.images.imgElement(() => Promise.resolve({ src: '' }));

/**
 * Renders a .docx as the parser's text: mammoth turns it into HTML (tables stay tables, merged
 * cells become rowspans), then the HTML path reads it like a web page. A document that would
 * inflate past {@link MAX_DOCX_UNCOMPRESSED_BYTES}, or whose XML passes {@link MAX_DOCX_XML_BYTES},
 * is refused before mammoth inflates anything.
 */
export async function renderDocxAsText(fileName: string, bytes: Uint8Array, progress?: ParseProgress): Promise<string> {
  await checkUncompressedSize(fileName, bytes, progress);
  const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, { convertImage: noImage });
  return renderHtmlAsText(`<body>${html}</body>`);
}

const megabytes = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

async function checkUncompressedSize(fileName: string, bytes: Uint8Array, progress?: ParseProgress): Promise<void> {
  const tooLarge = () => new PlanParseError(fileName, 1, 'docx', 'a Word document of at most 32 MB uncompressed');
  // Reads the central directory; inflates nothing.
  const zip = await JSZip.loadAsync(bytes);
  const files = Object.values(zip.files).filter((entry) => !entry.dir);
  const entries = files.map((entry) => (entry as unknown as { _data: ZipEntryData })._data);
  const total = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  const xml = files.reduce((sum, entry, index) => sum + (/\.(?:xml|rels)$/i.test(entry.name) ? entries[index].uncompressedSize : 0), 0);
  progress?.inflated?.(total, xml);
  if (total > MAX_DOCX_UNCOMPRESSED_BYTES) throw tooLarge();
  if (xml > MAX_DOCX_XML_BYTES) {
    throw new PlanParseError(
      fileName,
      1,
      'docx',
      `a Word document whose text (its XML) is at most ${megabytes(MAX_DOCX_XML_BYTES)} uncompressed (this one: ${megabytes(xml)} in a file of ${(bytes.length / 1024).toFixed(0)} kB)`,
    );
  }
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
