/**
 * The lines of a document around one line, to show a refused upload's offending line in context.
 * Lines are numbered from 1, as the parser's messages number them.
 */
export interface SourceLine {
  number: number;
  text: string;
  /** The line the message is about. */
  current: boolean;
}

export function linesAround(text: string, line: number, radius = 3): SourceLine[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (line < 1 || line > lines.length) return [];
  const first = Math.max(1, line - radius);
  const last = Math.min(lines.length, line + radius);
  return lines.slice(first - 1, last).map((content, index) => ({ number: first + index, text: content, current: first + index === line }));
}

/** A text file's content as the server reads it: UTF-8, or GB18030 when it is not valid UTF-8. */
export function decodePlanText(bytes: ArrayBuffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}
