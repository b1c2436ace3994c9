import { basename } from 'node:path';
import type { RowOf } from '../db/bulk-write.js';
import type { ParsedPlan } from '../importer/parsed-plan.js';
import type { Plan } from './plan.entity.js';

/** The database sets the import time (on insert, and by the writer's `imported_at = now()` on update). */
export const planOmitted = ['importedAt'] as const;

export type PlanRow = RowOf<Plan, (typeof planOmitted)[number]>;

/** The plan's own row, from its parsed document and the file it was read from. */
export function planRow(
  plan: Pick<PlanRow, 'id' | 'jurisdictionCode' | 'attribution' | 'sourceSha256'>,
  parsed: ParsedPlan,
  file: { fileName: string; bytes: Uint8Array },
): PlanRow {
  const { header } = parsed;
  // DOCX and HTML keep their bytes: their sourceText is a rendition of them.
  const keepsBytes = parsed.format === 'DOCX' || parsed.format === 'HTML';
  return {
    ...plan,
    year: parsed.year,
    title: parsed.title,
    draft: parsed.draft,
    noticeTitle: header.noticeTitle,
    issuerMark: header.issuerMark,
    documentNumber: header.documentNumber,
    issuer: header.issuer,
    issuedOn: header.issuedOn,
    disclosure: header.disclosure,
    addressees: header.addressees,
    copyTo: header.copyTo,
    printedBy: header.printedBy,
    printedOn: header.printedOn,
    attachments: header.attachments,
    preamble: parsed.preamble,
    sourceText: parsed.sourceText,
    sourceFormat: parsed.format,
    sourceFileName: basename(file.fileName),
    sourceBytes: keepsBytes ? Buffer.from(file.bytes) : null,
  };
}
