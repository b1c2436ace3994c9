/**
 * What the server sends an import worker and what comes back. Errors cross the thread boundary as
 * plain data (a structured clone keeps an Error's message, not its class nor its fields) and are
 * made again on the server's side, so that the upload answers them as before.
 */
import type { AuthUser } from '../auth/auth-user.js';
import { isDatabaseUnavailable, isStatementTimeout } from '../db/availability.js';
import {
  PlanConflictError,
  UnknownJurisdictionError,
  type ImportOptions,
  type ImportSummary,
  type StoredDocument,
} from './import-service.js';
import { PlanAttributionError, PlanParseError, type JurisdictionCandidate } from './parsed-plan.js';

/** Starts a worker and its connections ahead of an upload, importing nothing. */
export interface WarmTask {
  warm: true;
  database: ImportTask['database'];
}

export interface ImportTask {
  warm?: false;
  /** The server's database: the worker opens its own connections to it. */
  database: { url: string; statementTimeoutMs?: number };
  file: { fileName: string; bytes: Uint8Array };
  options: Pick<ImportOptions, 'jurisdictionCode' | 'year' | 'replace' | 'actor' | 'align'>;
  /** The editor who uploads: the audit entry is written in the import's own transaction. */
  auditedAs?: AuthUser;
  /** A SharedImportProgress's buffer. */
  progress: SharedArrayBuffer;
}

export type SerializedImportError =
  | { kind: 'attribution'; file: string; line: number; expected: string; candidates: JurisdictionCandidate[] }
  | { kind: 'parse'; file: string; line: number; field: string; expected: string }
  | {
      kind: 'conflict';
      planId: string;
      stored: StoredDocument;
      incoming: ConstructorParameters<typeof PlanConflictError>[2];
    }
  | { kind: 'jurisdiction'; code: string }
  | { kind: 'other'; name: string; message: string; stack?: string; database?: 'unavailable' | 'timeout' };

export interface ImportOutcome {
  summary?: ImportSummary;
  error?: SerializedImportError;
  /** What the import logged (an alignment that failed after the commit), for the server's log. */
  logged: string[];
}

export function serializeImportError(error: unknown): SerializedImportError {
  if (error instanceof PlanAttributionError) {
    const { file, line, expected, candidates } = error;
    return { kind: 'attribution', file, line, expected, candidates };
  }
  if (error instanceof PlanParseError) {
    const { file, line, field, expected } = error;
    return { kind: 'parse', file, line, field, expected };
  }
  if (error instanceof PlanConflictError) return { kind: 'conflict', planId: error.planId, stored: error.stored, incoming: error.incoming };
  if (error instanceof UnknownJurisdictionError) return { kind: 'jurisdiction', code: error.code };
  const database = isStatementTimeout(error) ? 'timeout' : isDatabaseUnavailable(error) ? 'unavailable' : undefined;
  const { name, message, stack } = error instanceof Error ? error : { name: 'Error', message: String(error), stack: undefined };
  return { kind: 'other', name, message, stack, ...(database ? { database } : {}) };
}

/** The error the worker threw, as the class the server's callers know. */
export function reviveImportError(error: SerializedImportError): Error {
  switch (error.kind) {
    case 'attribution':
      return new PlanAttributionError(error.file, error.line, error.expected, error.candidates);
    case 'parse':
      return new PlanParseError(error.file, error.line, error.field, error.expected);
    case 'conflict':
      return new PlanConflictError(error.planId, error.stored, error.incoming);
    case 'jurisdiction':
      return new UnknownJurisdictionError(error.code);
    case 'other': {
      // The SQLSTATEs db/availability.ts reads: the upload answers 503 as it would in-process.
      const code = error.database === 'timeout' ? '57014' : error.database === 'unavailable' ? '08006' : undefined;
      // The name too: a TypeORM "already released" error is judged again here (availability.ts).
      return Object.assign(new Error(error.message), { name: error.name, stack: error.stack ?? error.message, ...(code ? { code } : {}) });
    }
  }
}
