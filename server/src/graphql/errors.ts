import { GraphQLError } from 'graphql';

/**
 * Every error code the API puts in `extensions.code`, namespaced by what went wrong. Clients (the
 * web app among them) match on these strings, so they are a contract like the schema's names.
 */
export const ErrorCode = {
  /** The request is not valid GraphQL. */
  REQUEST_PARSE_FAILED: 'request/parse_failed',
  /** The request does not match the schema (unknown field, wrong argument type…). */
  REQUEST_INVALID: 'request/invalid',
  /** The HTTP request is malformed (no query, a mutation over GET, a bad content type…). */
  REQUEST_BAD: 'request/bad',
  /** `operationName` names no operation of the document. */
  REQUEST_UNKNOWN_OPERATION: 'request/unknown_operation',
  /** The query is too deep, too costly or too long (depth, cost, aliases, tokens, directives): see SECURITY.md. */
  REQUEST_LIMIT_EXCEEDED: 'request/limit_exceeded',
  /** The answer could be larger than one answer may be (estimated before it is built; HTTP 400): see SECURITY.md. */
  REQUEST_ANSWER_TOO_LARGE: 'request/answer_too_large',
  /** Other large answers in flight leave no room for this one: try again after Retry-After (HTTP 503). */
  REQUEST_BUSY: 'request/busy',
  /** The request body is larger than the endpoint accepts (HTTP 413). */
  REQUEST_TOO_LARGE: 'request/too_large',
  /** The request body's Content-Type is not one the endpoint reads (HTTP 415). */
  REQUEST_UNSUPPORTED_MEDIA_TYPE: 'request/unsupported_media_type',
  /** An automatic persisted query whose `sha256Hash` is not the SHA-256 (64 hex digits) of the query sent with it (HTTP 400). */
  REQUEST_PERSISTED_QUERY_INVALID: 'request/persisted_query_invalid',
  /** An argument or variable has a value the API refuses. */
  INPUT_INVALID: 'input/invalid',
  /** A string argument holds a NUL character or a lone UTF-16 surrogate, which no text of Plan Atlas holds (HTTP 400). */
  INPUT_INVALID_TEXT: 'input/invalid_text',
  /** A string argument is longer than any the API takes (see MAX_INPUT_LENGTH; HTTP 400). */
  INPUT_TOO_LONG: 'input/too_long',
  /** A number argument is outside the range its field takes, e.g. a year that is not four digits (HTTP 400). */
  INPUT_OUT_OF_RANGE: 'input/out_of_range',
  /** `first` asks for more than a page may hold. */
  INPUT_FIRST_TOO_LARGE: 'input/first_too_large',
  /** An `after` cursor that this connection did not hand out. */
  CURSOR_INVALID: 'cursor/invalid',
  /** A string that is not a global id, or the id of another type than the one asked for. */
  ID_INVALID: 'id/invalid',
  /** A change was asked without a valid, unrevoked API token. */
  AUTH_UNAUTHENTICATED: 'auth/unauthenticated',
  /** The API token is valid but lacks the role the change needs. */
  AUTH_FORBIDDEN: 'auth/forbidden',
  /** No task has the id given. */
  TASK_NOT_FOUND: 'task/not_found',
  /** A theme key that is not in the taxonomy. */
  THEME_UNKNOWN: 'theme/unknown',
  /** No metric has the key given. */
  METRIC_NOT_FOUND: 'metric/not_found',
  /** A jurisdiction code that is not known. */
  JURISDICTION_NOT_FOUND: 'jurisdiction/not_found',
  /** No plan has the id given. */
  PLAN_NOT_FOUND: 'plan/not_found',
  /** planChanges was given two plans that are not an earlier and a later plan of one jurisdiction. */
  CHANGE_PLANS_NOT_COMPARABLE: 'change/plans_not_comparable',
  /** No task alignment has the id given (it may have been re-aligned away). */
  ALIGNMENT_NOT_FOUND: 'alignment/not_found',
  /** An uploaded plan document was refused by the parser; `file`, `line`, `field` and `expected` say where and why. */
  PLAN_INVALID: 'plan/invalid',
  /**
   * The document names no jurisdiction, or one several divisions share, and the evidence does not
   * pick one: `candidates` lists those it could mean; say which with the `jurisdiction` parameter.
   */
  PLAN_JURISDICTION_UNKNOWN: 'plan/jurisdiction_unknown',
  /**
   * The jurisdiction and year already hold a different document (another 发文字号 and title): it
   * is not replaced unless asked (`replace`); `stored` and `incoming` describe the two.
   */
  PLAN_CONFLICT: 'plan/conflict',
  /** PostgreSQL cannot be reached (restarting, down): try again shortly (HTTP 503). */
  DATABASE_UNAVAILABLE: 'database/unavailable',
  /** A database statement ran longer than the server allows (statement_timeout) and was cancelled. */
  DATABASE_TIMEOUT: 'database/timeout',
  /** Anything unexpected; details are logged by the server, not sent. */
  INTERNAL: 'server/internal',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** An error the API means to send, with its code. */
export class ApiError extends GraphQLError {
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...details } });
  }
}

/** Apollo Server's own codes, renamed into our namespaces so clients handle one vocabulary. */
export const APOLLO_CODES: Record<string, ErrorCode> = {
  GRAPHQL_PARSE_FAILED: ErrorCode.REQUEST_PARSE_FAILED,
  GRAPHQL_VALIDATION_FAILED: ErrorCode.REQUEST_INVALID,
  BAD_REQUEST: ErrorCode.REQUEST_BAD,
  OPERATION_RESOLUTION_FAILURE: ErrorCode.REQUEST_UNKNOWN_OPERATION,
  BAD_USER_INPUT: ErrorCode.INPUT_INVALID,
  INTERNAL_SERVER_ERROR: ErrorCode.INTERNAL,
};
