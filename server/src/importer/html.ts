import { load, type CheerioAPI } from 'cheerio';

type AnyNode = ReturnType<ReturnType<CheerioAPI['root']>['contents']>[number];
type ElementNode = Extract<AnyNode, { name: string; attribs: Record<string, string> }>;

/** Where government portals (TRS, Hanweb, …) put the article body. */
const ARTICLE_SELECTORS = [
  '.TRS_Editor',
  '#zoom',
  '.zoom',
  '#UCAP-CONTENT',
  '.article-content',
  '.art_con',
  'article',
  '#content',
  '.content',
  'main',
];
const SKIPPED = new Set(['script', 'style', 'noscript', 'head', 'title', 'nav', 'iframe', 'form', 'button', 'select', 'svg']);
const BLOCKS = new Set([
  'p',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'section',
  'article',
  'blockquote',
  'pre',
  'center',
  'header',
  'footer',
  'main',
  'dd',
  'dt',
  'dl',
  'address',
  'tr',
  'td',
  'th',
  'body',
  'figure',
]);

/**
 * Turns an HTML page (a saved government-portal page, or mammoth's rendering of a .docx) into the
 * plain text the parser reads: one paragraph per line, a data table's rows as tab-separated lines
 * with rowspans repeated and colspans padded, so a 推进表 reads like the Markdown one.
 */
export function renderHtmlAsText(html: string): string {
  const $ = load(html);
  const lines: string[] = [];
  let current = '';
  const flush = () => {
    const text = current.replace(/[ \t\r\n\f\u00A0]+/g, ' ').trim();
    if (text) lines.push(text);
    current = '';
  };
  const walk = (node: AnyNode) => {
    if (kindOf(node) === 'text') {
      current += $(node).text();
      return;
    }
    if (!isElement(node) || SKIPPED.has(node.name)) return;
    if (node.name === 'br') return flush();
    if (node.name === 'table' && isDataTable($, node)) {
      flush();
      lines.push(...renderTable($, node));
      return;
    }
    const block = BLOCKS.has(node.name) || node.name === 'table';
    if (block) flush();
    $(node)
      .contents()
      .each((_, child) => walk(child));
    if (block) flush();
  };
  const article = findArticle($);
  // Portals often print the title in a page heading outside the article body.
  const heading = $('h1').first();
  const headingText = heading.text().replace(/\s+/g, ' ').trim();
  if (headingText && $(article).find(heading).length === 0 && !$(article).text().includes(headingText)) {
    lines.push(headingText);
  }
  walk(article);
  flush();
  return lines.join('\n');
}

function kindOf(node: AnyNode): string {
  return String(node.type);
}

function isElement(node: AnyNode): node is ElementNode {
  const kind = kindOf(node);
  return kind === 'tag' || kind === 'script' || kind === 'style';
}

function findArticle($: CheerioAPI): AnyNode {
  for (const selector of ARTICLE_SELECTORS) {
    const found = $(selector)
      .toArray()
      .find((element) => $(element).text().trim().length >= 100);
    if (found) return found;
  }
  // Otherwise the element whose own paragraphs (three or more: not a table cell) hold the most text.
  let best: AnyNode | null = null;
  let bestLength = 0;
  $('body, div, td, section, article, main').each((_, element) => {
    const paragraphs = $(element).children('p');
    const length = paragraphs.length >= 3 ? paragraphs.text().length : 0;
    if (length > bestLength) {
      best = element;
      bestLength = length;
    }
  });
  return best ?? $('body').get(0) ?? $.root().get(0)!;
}

/** A layout table (one holding other tables, or a single column) is read as ordinary blocks. */
function isDataTable($: CheerioAPI, table: ElementNode): boolean {
  if ($(table).find('table').length > 0) return false;
  return ownRows($, table).some((row) => $(row).children('td, th').length > 1);
}

function ownRows($: CheerioAPI, table: ElementNode): AnyNode[] {
  return $(table)
    .find('tr')
    .toArray()
    .filter((row) => $(row).closest('table').get(0) === table);
}

function renderTable($: CheerioAPI, table: ElementNode): string[] {
  const grid: string[][] = [];
  ownRows($, table).forEach((row, r) => {
    grid[r] ??= [];
    let column = 0;
    $(row)
      .children('td, th')
      .each((_, cell) => {
        while (grid[r][column] !== undefined) column++;
        const text = cellText($, cell);
        const rowSpan = Math.max(1, Number($(cell).attr('rowspan')) || 1);
        const colSpan = Math.max(1, Number($(cell).attr('colspan')) || 1);
        for (let dr = 0; dr < rowSpan; dr++) {
          grid[r + dr] ??= [];
          for (let dc = 0; dc < colSpan; dc++) grid[r + dr][column + dc] = dc === 0 ? text : '';
        }
        column += colSpan;
      });
  });
  return grid
    .map((cells) => Array.from(cells, (cell) => cell ?? '').join('\t'))
    .filter((line) => line.replace(/\t/g, '').trim().length > 0);
}

/**
 * A cell's text on one line. Word cells often hold one unit per paragraph (县市场监管局 / 县公安局):
 * paragraphs and line breaks become spaces, so the names do not run together.
 */
function cellText($: CheerioAPI, cell: AnyNode): string {
  let text = '';
  const walk = (node: AnyNode) => {
    if (kindOf(node) === 'text') {
      text += $(node).text();
      return;
    }
    if (!isElement(node) || SKIPPED.has(node.name)) return;
    const block = node.name === 'br' || BLOCKS.has(node.name);
    if (block) text += ' ';
    $(node)
      .contents()
      .each((_, child) => walk(child));
    if (block) text += ' ';
  };
  $(cell)
    .contents()
    .each((_, child) => walk(child));
  return text.replace(/\s+/g, ' ').trim();
}
