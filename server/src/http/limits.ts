import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import bodyParser from 'body-parser';
import { parse as parseContentType } from 'content-type';
import type { ErrorRequestHandler } from 'express';
import Negotiator from 'negotiator';
import type { GraphQLRequestBody } from '../cache/read-cache.js';
import { ErrorCode } from '../graphql/errors.js';
import { QUERY_LIMITS } from '../graphql/limits.js';

/** GraphQL-over-HTTP's own response type, sent to clients that ask for it in Accept. */
const GRAPHQL_RESPONSE = 'application/graphql-response+json';
const RESPONSE_TYPES = ['application/json', GRAPHQL_RESPONSE];

/**
 * The type of a GraphQL answer to this request, chosen from Accept the way Apollo chooses it
 * (application/json unless the client prefers GraphQL over HTTP's own type); false when the
 * client accepts neither. Negotiated as Express's `req.accepts` does, with the same negotiator.
 */
export function graphqlResponseType(request: IncomingMessage): 'application/json' | typeof GRAPHQL_RESPONSE | false {
  if (!request.headers.accept) return 'application/json';
  return (new Negotiator(request).mediaTypes(RESPONSE_TYPES)[0] ?? false) as 'application/json' | typeof GRAPHQL_RESPONSE | false;
}

/**
 * Sends an error the way GraphQL answers do (`{ errors: [{ message, extensions: { code } }] }`),
 * so one client-side handler reads refusals of the HTTP layer and of GraphQL alike.
 */
export function sendError(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  code: ErrorCode,
  message: string,
  details: Record<string, unknown> = {},
): void {
  const type = graphqlResponseType(request) || 'application/json';
  const body = JSON.stringify({ errors: [{ message, extensions: { code, ...details } }] });
  response.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'content-length': Buffer.byteLength(body) }).end(body);
}

/** Whether a GraphQL POST says `Content-Type: application/json`, as GraphQL over HTTP asks (415 otherwise). */
export function isJsonRequest(request: IncomingMessage): boolean {
  const header = request.headers['content-type'];
  return header !== undefined && parseContentType(header).type === 'application/json';
}

/** Answers a POST that is not JSON: 415. */
export function refuseMediaType(request: IncomingMessage, response: ServerResponse): void {
  const given = request.headers['content-type'];
  sendError(
    request,
    response,
    415,
    ErrorCode.REQUEST_UNSUPPORTED_MEDIA_TYPE,
    `A GraphQL POST must have Content-Type: application/json${given ? `, not ${given}` : ''}.`,
  );
}

const parseJson = bodyParser.json({ limit: QUERY_LIMITS.maxBodyBytes, type: () => true });

/**
 * The JSON body of a GraphQL POST, read by body-parser as `express.json()` reads it, on node's own
 * request: at most {@link QUERY_LIMITS.maxBodyBytes} (counted after a gzip, deflate or br
 * Content-Encoding is undone, while the body streams), in the UTF charset Content-Type names, a
 * JSON value that is not an object or array refused as malformed, and an empty body as `{}` (which
 * Apollo refuses as missing). Rejects with body-parser's errors, whose `type` {@link answerBodyError}
 * answers, once the rest of a refused body is read (so a client still sending hears the refusal).
 */
export function readJsonBody(request: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const parsed = request as IncomingMessage & { body?: unknown };
    // body-parser reads only the request; the response it is given goes unused.
    parseJson(parsed, undefined as unknown as ServerResponse, (error?: unknown) => (error ? reject(error) : resolve(parsed.body ?? {})));
  });
}

// Lower case, as Apollo computes and compares it.
const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * What is wrong with an automatic persisted query (APQ) whose `sha256Hash` is not a SHA-256, or is
 * not the hash of the query sent with it, answered 400 `request/persisted_query_invalid`. Apollo
 * refuses it too, but with an error that has no code, which would be answered and logged as
 * `server/internal`.
 */
export function persistedQueryProblem(parameters: GraphQLRequestBody | null): string | undefined {
  const persisted: unknown = parameters?.extensions?.persistedQuery;
  if (!persisted || typeof persisted !== 'object') return undefined;
  const hash = (persisted as { sha256Hash?: unknown }).sha256Hash;
  const query = parameters!.query;
  if (typeof hash !== 'string' || !SHA256_HEX.test(hash))
    return 'extensions.persistedQuery.sha256Hash must be the SHA-256 of the query, in 64 lower-case hex digits.';
  if (typeof query === 'string' && createHash('sha256').update(query).digest('hex') !== hash)
    return 'extensions.persistedQuery.sha256Hash is not the SHA-256 of the query sent with it.';
  return undefined;
}

/**
 * Answers a refused body (malformed JSON, a body over the limit, an unknown charset) as JSON with
 * a clear message instead of Express's HTML page, which carries a stack trace; anything else as a
 * logged 500.
 */
export function answerBodyError(
  error: { type?: string; limit?: number; message?: string },
  request: IncomingMessage,
  response: ServerResponse,
  log: (message: string) => void,
): void {
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
      return sendError(request, response, 400, ErrorCode.REQUEST_BAD, 'The request body ended early or does not match its Content-Length.');
  }
  log(
    `HTTP error on ${request.method} ${(request as { originalUrl?: string }).originalUrl ?? request.url}: ${(error as Error)?.stack ?? String(error)}`,
  );
  sendError(request, response, 500, ErrorCode.INTERNAL, 'Internal server error.');
}

/** {@link answerBodyError} for Express's body parsers (the plan upload's). */
export function bodyErrorHandler(log: (message: string) => void): ErrorRequestHandler {
  return (error, request, response, next) => {
    if (response.headersSent) return next(error);
    answerBodyError(error, request, response, log);
  };
}
