/**
 * Saves a table as CSV or XLSX in the browser, with no server round trip. The XLSX writer is
 * imported when first used, so it stays out of the initial download.
 */

/** RFC 4180 CSV with a byte-order mark, which Excel needs to read Chinese as UTF-8. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  return '\uFEFF' + rows.map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n';
}

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on the next turn: the click has started the download by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function downloadCsv(rows: readonly (readonly string[])[], fileName: string): void {
  downloadBlob(new Blob([toCsv(rows)], { type: 'text/csv;charset=utf-8' }), fileName);
}

export async function downloadXlsx(rows: readonly (readonly string[])[], fileName: string, sheet: string): Promise<void> {
  const { default: writeExcelFile } = await import('write-excel-file/browser');
  const [header = [], ...body] = rows;
  const blob = await writeExcelFile(
    [
      header.map((value) => ({ value, fontWeight: 'bold' as const, backgroundColor: '#E4EEF6' })),
      ...body.map((row) => row.map((value) => ({ value, wrap: true, alignVertical: 'top' as const }))),
    ],
    { sheet, stickyRowsCount: 1, columns: header.map((_, index) => ({ width: columnWidth(rows, index) })) },
  ).toBlob();
  downloadBlob(blob, fileName);
}

/** A width in characters that fits short columns and caps long text (which wraps). */
function columnWidth(rows: readonly (readonly string[])[], index: number): number {
  const longest = Math.max(...rows.map((row) => [...(row[index] ?? '')].length));
  return Math.min(Math.max(longest * 2, 8), 60);
}
