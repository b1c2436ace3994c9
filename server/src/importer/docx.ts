import mammoth from 'mammoth';
import { renderHtmlAsText } from './html.js';

/**
 * Renders a .docx as the parser's text: mammoth turns it into HTML (tables stay tables, merged
 * cells become rowspans), then the HTML path reads it like a web page.
 */
export async function renderDocxAsText(bytes: Uint8Array): Promise<string> {
  const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
  return renderHtmlAsText(`<body>${html}</body>`);
}
