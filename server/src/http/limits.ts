import { createHash } from 'node:crypto';
import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import { graphqlParameters } from '../cache/read-cache.js';
import { ErrorCode } from '../graphql/errors.js';
import { QUERY_LIMITS } from '../graphql/limits.js';

/** GraphQL-over-HTTP's own response type, sent to clients that ask for it in Accept. */
const GRAPHQL_RESPONSE = 'application/graphql-response+json';

/**
 * The type of a GraphQL answer to this request, chosen from Accept the way Apollo chooses it
 * (application/json unless the client prefers GraphQL over HTTP's own type); false when the
 * client accepts neither.
 */
export function graphqlResponseType(request: Request): 'application/json' | typeof GRAPHQL_RESPONSE | false {
  return request.accepts(['application/json', GRAPHQL_RESPONSE]) as 'application/json' | typeof GRAPHQL_RESPONSE | false;
}

/**
 * Sends an error the way GraphQL answers do (`{ errors: [{ message, extensions: { code } }] }`),
 * so one client-side handler reads refusals of the HTTP layer and of GraphQL alike.
 */
export function sendError(
  request: Request,
  response: Response,
  status: number,
  code: ErrorCode,
  message: string,
  details: Record<string, unknown> = {},
): void {
  const type = graphqlResponseType(request) || 'application/json';
  response
    .status(status)
    .type(`${type}; charset=utf-8`)
    .send(JSON.stringify({ errors: [{ message, extensions: { code, ...details } }] }));
}

/**
 * What /graphql reads before Apollo: a POST must say `Content-Type: application/json` (415
 * otherwise, as GraphQL over HTTP asks), and its body is at most {@link QUERY_LIMITS.maxBodyBytes}.
 */
export function graphqlBodyParser(): RequestHandler[] {
  const requireJson: RequestHandler = (request, response, next) => {
    if (request.method !== 'POST' || request.is('application/json')) return next();
    const given = request.headers['content-type'];
    sendError(
      request,
      response,
      415,
      ErrorCode.REQUEST_UNSUPPORTED_MEDIA_TYPE,
      `A GraphQL POST must have Content-Type: application/json${given ? `, not ${given}` : ''}.`,
    );
  };
  return [requireJson, express.json({ limit: QUERY_LIMITS.maxBodyBytes })];
}

// Lower case, as Apollo computes and compares it.
const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Refuses an automatic persisted query (APQ) whose `sha256Hash` is not a SHA-256, or is not the
 * hash of the query sent with it: 400 `request/persisted_query_invalid`. Apollo refuses it too,
 * but with an error that has no code, which would be answered and logged as `server/internal`.
 */
export function persistedQueryCheck(): RequestHandler {
  return (request, response, next) => {
    const parameters = graphqlParameters(request);
    const persisted: unknown = parameters?.extensions?.persistedQuery;
    if (!persisted || typeof persisted !== 'object') return next();
    const hash = (persisted as { sha256Hash?: unknown }).sha256Hash;
    const query = parameters!.query;
    if (typeof hash !== 'string' || !SHA256_HEX.test(hash)) {
      return sendError(
        request,
        response,
        400,
        ErrorCode.REQUEST_PERSISTED_QUERY_INVALID,
        'extensions.persistedQuery.sha256Hash must be the SHA-256 of the query, in 64 lower-case hex digits.',
      );
    }
    if (typeof query === 'string' && createHash('sha256').update(query).digest('hex') !== hash) {
      return sendError(
        request,
        response,
        400,
        ErrorCode.REQUEST_PERSISTED_QUERY_INVALID,
        'extensions.persistedQuery.sha256Hash is not the SHA-256 of the query sent with it.',
      );
    }
    next();
  };
}

/**
 * Answers body-parser's refusals (malformed JSON, a body over the limit, an unknown charset) as
 * JSON with a clear message instead of Express's HTML page, which carries a stack trace.
 */
export function bodyErrorHandler(log: (message: string) => void): ErrorRequestHandler {
  return (error: { type?: string; status?: number; limit?: number; message?: string }, request, response, next) => {
    if (response.headersSent) return next(error);
    switch (error.type) {
      case 'entity.parse.failed':
        return sendError(request, response, 400, ErrorCode.REQUEST_BAD, `The request body is not valid JSON (${error.message}).`);
      case 'entity.too.large':
        return sendError(request, response, 413, ErrorCode.REQUEST_TOO_LARGE, `The request body is larger than ${error.limit} bytes.`, {
          limit: error.limit,
        });
      case 'encoding.unsupported':
      case 'charset.unsupported':
        return sendError(request, response, 415, ErrorCode.REQUEST_UNSUPPORTED_MEDIA_TYPE, `${error.message}: send UTF-8.`);
      case 'request.aborted':
      case 'request.size.invalid':
        return sendError(
          request,
          response,
          400,
          ErrorCode.REQUEST_BAD,
          'The request body ended early or does not match its Content-Length.',
        );
    }
    log(`HTTP error on ${request.method} ${request.originalUrl}: ${(error as Error)?.stack ?? String(error)}`);
    sendError(request, response, 500, ErrorCode.INTERNAL, 'Internal server error.');
  };
}
