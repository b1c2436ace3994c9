import { basename } from 'node:path';
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import type { DataSource } from 'typeorm';
import { Role } from '../auth/api-token.entity.js';
import type { AuthUser } from '../auth/auth-user.js';
import { requestLine, type AuthFailureLog } from '../auth/auth-failures.js';
import { authenticate, hasRole } from '../auth/token.service.js';
import { isDatabaseUnavailable, isStatementTimeout, RETRY_AFTER_SECONDS } from '../db/availability.js';
import { ErrorCode } from '../graphql/errors.js';
import { toGlobalId } from '../graphql/global-id.js';
import { JURISDICTION_CODE, PLAN_YEAR, PlanConflictError, UnknownJurisdictionError } from '../importer/import-service.js';
import { createImportWorkers } from '../importer/import-workers.js';
import { PlanAttributionError, PlanParseError, PlanTooLargeError } from '../importer/parsed-plan.js';
import { bodyErrorHandler, sendError } from './limits.js';

/** A plan document is tens of kilobytes of text; a .docx with a seal image a few megabytes. */
export const MAX_PLAN_BYTES = 8 * 1024 * 1024;

/** The raw file, or its own type: text (UTF-8 or GB18030, the parser detects which), Markdown, HTML, .docx. */
const PLAN_MEDIA_TYPES = [
  'application/octet-stream',
  'text/plain',
  'text/markdown',
  'text/x-markdown',
  'text/html',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
];

const MAX_FILE_NAME_LENGTH = 255;

/**
 * `POST /api/plans`: an editor uploads one plan document as the raw request body, its name in
 * `X-File-Name` (percent-encoded UTF-8 for Chinese names), e.g.
 * `curl --data-binary @plan.md -H 'Content-Type: text/markdown' -H 'X-File-Name: plan.md' -H 'Authorization: Bearer pa_…'`.
 * It runs the CLI's import (one transaction, the same bytes again change nothing) in an import
 * worker thread, off the event loop, and records the change in the audit log in that transaction. Answers 201 (created) or 200 (replaced, unchanged)
 * with the import's summary, whose `aligned` is false when the alignment after the commit failed
 * (the plan is written; sending it again aligns it); 422 with file, line, field and what was
 * expected when the parser refuses the document (field `size`, with how far it read, when the parse
 * outlasts the import budget: importer/import-workers.ts) (`plan/jurisdiction_unknown` with `candidates`
 * when it cannot tell whose plan it is: send again with `?jurisdiction=CODE`); 409
 * `plan/conflict` when the jurisdiction and year hold a different document (`?replace=true`
 * replaces it, keeping it as a revision); 401/403 without an editor token; 413 over
 * {@link MAX_PLAN_BYTES}; 415 for a type that is not a plan document (multipart forms among them:
 * send the bytes themselves).
 */
export function planUploadRoutes(
  dataSource: DataSource,
  { log, authFailures = () => undefined }: { log: (message: string) => void; authFailures?: AuthFailureLog },
): Router & { close(): Promise<void> } {
  const router = express.Router();
  const workers = createImportWorkers(dataSource);
  // One import at a time: they share the worker, and a province-year's alignment.
  const warmWorker: RequestHandler = (_request, _response, next) => {
    workers.warm();
    next();
  };
  let queue: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  router.post(
    '/',
    requireEditor(dataSource, log, authFailures),
    warmWorker,
    requirePlanMediaType,
    express.raw({ type: () => true, limit: MAX_PLAN_BYTES }),
    async (request: Request, response: Response) => {
      const fileName = fileNameOf(request);
      if (!fileName) {
        sendError(
          request,
          response,
          400,
          ErrorCode.REQUEST_BAD,
          'Name the file in the X-File-Name header (percent-encoded UTF-8), e.g. X-File-Name: plan.md.',
        );
        return;
      }
      const bytes: Buffer = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const user = response.locals.user as AuthUser;
      const said = importParameters(request);
      if ('problem' in said) {
        sendError(request, response, 400, ErrorCode.INPUT_INVALID, said.problem);
        return;
      }
      try {
        // The worker records the audit entry in the import's transaction.
        const summary = await oneAtATime(() =>
          workers.importPlan({ fileName, bytes }, { log, ...said, actor: user.name, auditedAs: user }),
        );
        response.status(summary.status === 'created' ? 201 : 200).json({ plan: { ...summary, id: toGlobalId('Plan', summary.planId) } });
      } catch (error) {
        sendImportError(request, response, error, log);
      }
    },
    bodyErrorHandler(log),
  );
  return Object.assign(router, { close: () => workers.close() });
}

/** Checks the token before the body is read, so anonymous uploads cost no buffering. */
function requireEditor(dataSource: DataSource, log: (message: string) => void, authFailures: AuthFailureLog): RequestHandler {
  return async (request, response, next) => {
    let user: AuthUser | null;
    try {
      const authentication = await authenticate(dataSource, request.headers.authorization);
      user = authentication.user;
      if (authentication.failure) {
        authFailures({ failure: authentication.failure, request: requestLine(request), from: request.ip });
      }
    } catch (error) {
      sendImportError(request, response, error, log);
      return;
    }
    if (!user) {
      response.set('WWW-Authenticate', 'Bearer realm="plan-atlas"');
      sendError(
        request,
        response,
        401,
        ErrorCode.AUTH_UNAUTHENTICATED,
        'Uploading a plan needs an editor API token: send `Authorization: Bearer pa_…`.',
      );
      return;
    }
    if (!hasRole(user, Role.EDITOR)) {
      sendError(request, response, 403, ErrorCode.AUTH_FORBIDDEN, `The token "${user.name}" lacks the role ${Role.EDITOR}.`);
      return;
    }
    response.locals.user = user;
    next();
  };
}

const requirePlanMediaType: RequestHandler = (request, response, next) => {
  if (request.is(PLAN_MEDIA_TYPES)) return next();
  const given = request.headers['content-type'];
  sendError(
    request,
    response,
    415,
    ErrorCode.REQUEST_UNSUPPORTED_MEDIA_TYPE,
    `Send the plan document itself as the body, with Content-Type ${PLAN_MEDIA_TYPES.join(', ')}${given ? ` (not ${given})` : ''}.`,
  );
};

/** The base name from X-File-Name, percent-decoded; null when missing or not a usable name. */
function fileNameOf(request: Request): string | null {
  const header = request.headers['x-file-name'];
  if (typeof header !== 'string' || !header.trim()) return null;
  let name: string;
  try {
    name = decodeURIComponent(header.trim());
  } catch {
    return null;
  }
  name = basename(name.replaceAll('\\', '/'));
  if (!name || name.length > MAX_FILE_NAME_LENGTH || hasControlCharacter(name) || name === '.' || name === '..') return null;
  return name;
}

/**
 * What the uploader says about the plan, from the query string or headers:
 * `?jurisdiction=110112&year=2022&replace=true`, or `X-Jurisdiction`, `X-Year`, `X-Replace`.
 */
function importParameters(request: Request): { jurisdictionCode?: string; year?: number; replace?: boolean } | { problem: string } {
  const read = (name: string): string | undefined => {
    const fromQuery = request.query[name];
    if (typeof fromQuery === 'string' && fromQuery !== '') return fromQuery;
    const fromHeader = request.headers[`x-${name}`];
    return typeof fromHeader === 'string' && fromHeader !== '' ? fromHeader : undefined;
  };
  const code = read('jurisdiction');
  const year = read('year');
  const replace = read('replace');
  if (code !== undefined && !JURISDICTION_CODE.test(code))
    return { problem: 'jurisdiction: expected a six-digit GB/T 2260 code, e.g. 110112.' };
  if (year !== undefined && !PLAN_YEAR.test(year)) return { problem: 'year: expected a year such as 2022.' };
  if (replace !== undefined && !['true', 'false', '1', '0'].includes(replace)) return { problem: 'replace: expected true or false.' };
  return {
    ...(code !== undefined ? { jurisdictionCode: code } : {}),
    ...(year !== undefined ? { year: Number(year) } : {}),
    ...(replace !== undefined ? { replace: replace === 'true' || replace === '1' } : {}),
  };
}

function sendImportError(request: Request, response: Response, error: unknown, log: (message: string) => void): void {
  if (error instanceof PlanAttributionError) {
    sendError(request, response, 422, ErrorCode.PLAN_JURISDICTION_UNKNOWN, error.message, {
      file: error.file,
      line: error.line,
      field: error.field,
      expected: error.expected,
      candidates: error.candidates,
    });
  } else if (error instanceof PlanConflictError) {
    sendError(request, response, 409, ErrorCode.PLAN_CONFLICT, error.message, {
      planId: toGlobalId('Plan', error.planId),
      stored: { ...error.stored, importedAt: error.stored.importedAt.toISOString() },
      incoming: error.incoming,
    });
  } else if (error instanceof UnknownJurisdictionError) {
    sendError(request, response, 400, ErrorCode.JURISDICTION_NOT_FOUND, error.message, { jurisdictionCode: error.code });
  } else if (error instanceof PlanTooLargeError) {
    sendError(request, response, 422, ErrorCode.PLAN_INVALID, error.message, {
      file: error.file,
      line: error.line,
      field: error.field,
      expected: error.expected,
      ...error.stopped,
    });
  } else if (error instanceof PlanParseError) {
    sendError(request, response, 422, ErrorCode.PLAN_INVALID, error.message, {
      file: error.file,
      line: error.line,
      field: error.field,
      expected: error.expected,
    });
  } else if (isDatabaseUnavailable(error)) {
    response.set('Retry-After', String(RETRY_AFTER_SECONDS));
    sendError(request, response, 503, ErrorCode.DATABASE_UNAVAILABLE, 'The database is unavailable; try again in a few seconds.');
  } else if (isStatementTimeout(error)) {
    sendError(request, response, 503, ErrorCode.DATABASE_TIMEOUT, 'The import took too long and was cancelled; nothing was written.');
  } else {
    log(`Plan upload failed: ${(error as Error)?.stack ?? String(error)}`);
    sendError(request, response, 500, ErrorCode.INTERNAL, 'Internal server error.');
  }
}

/** A character below U+0020 or DEL: never part of a file name a person typed. */
function hasControlCharacter(text: string): boolean {
  return [...text].some((character) => character.charCodeAt(0) < 0x20 || character.charCodeAt(0) === 0x7f);
}
