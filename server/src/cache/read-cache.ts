import { createHash } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { getOperationAST, parse, type OperationDefinitionNode } from 'graphql';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { QUERY_LIMITS } from '../graphql/limits.js';
import { ReadSnapshot, SNAPSHOT_LOCAL } from '../graphql/snapshot.js';
import { graphqlResponseType } from '../http/limits.js';
import { readDataVersion } from './data-version.js';

/** How long a cached response may live: a safety net, since the data version already retires stale ones. */
const TTL_SECONDS = 600;
/** The in-process part holds at most this many characters of responses (~2 bytes each). */
const LOCAL_MAX_CHARACTERS = 64 * 2 ** 20;
/** Queries whose kind (read or not) is remembered. */
const KNOWN_QUERIES_MAX = 2_000;
const REDIS_PREFIX = 'plan-atlas:response:';

/** Least recently used first out, bounded by total size. */
class LocalStore {
  private readonly entries = new Map<string, { body: string; expires: number }>();
  private characters = 0;

  get(key: string): string | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expires < Date.now()) {
      this.characters -= entry.body.length;
      return undefined;
    }
    this.entries.set(key, entry);
    return entry.body;
  }

  set(key: string, body: string): void {
    const previous = this.entries.get(key);
    if (previous) this.characters -= previous.body.length;
    this.entries.delete(key);
    this.entries.set(key, { body, expires: Date.now() + TTL_SECONDS * 1000 });
    this.characters += body.length;
    for (const [oldest, entry] of this.entries) {
      if (this.characters <= LOCAL_MAX_CHARACTERS) break;
      this.entries.delete(oldest);
      this.characters -= entry.body.length;
    }
  }
}

export interface GraphQLRequestBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } };
}

/** The request's GraphQL parameters: the JSON body of a POST, the query string of a GET. */
export function graphqlParameters(request: Request): GraphQLRequestBody | null {
  if (request.method === 'POST')
    return request.body && typeof request.body === 'object' && !Array.isArray(request.body) ? request.body : null;
  if (request.method !== 'GET') return null;
  const json = (value: unknown) => {
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return undefined;
    }
  };
  const { query, variables, operationName, extensions } = request.query;
  return { query, variables: json(variables), operationName, extensions: json(extensions) as GraphQLRequestBody['extensions'] };
}

/**
 * Whether a request's operation is a read, remembered by the sha256 of its query text (so a
 * persisted query's hash finds it, and the memo holds no query text) and its operation name. The
 * parse stops at Apollo's token limit; what does not parse is not remembered, and Apollo answers it.
 */
export function knownReads(): (parameters: GraphQLRequestBody) => boolean | undefined {
  const reads = new Map<string, boolean>();
  return (parameters) => {
    const query = typeof parameters.query === 'string' ? parameters.query : undefined;
    const hash =
      query !== undefined
        ? createHash('sha256').update(query).digest('hex')
        : typeof parameters.extensions?.persistedQuery?.sha256Hash === 'string'
          ? parameters.extensions.persistedQuery.sha256Hash
          : undefined;
    const operationName = typeof parameters.operationName === 'string' ? parameters.operationName : undefined;
    const memo = `${operationName ?? ''}|${hash}`;
    if (reads.has(memo)) return reads.get(memo);
    if (query === undefined) return undefined;
    const operation = operationOf(query, operationName);
    // Apollo answers the syntax error, the token limit or the missing operation.
    if (!operation) return false;
    const read = operation.operation === 'query';
    if (reads.size >= KNOWN_QUERIES_MAX) reads.clear();
    reads.set(memo, read);
    return read;
  };
}

function operationOf(query: string, operationName: string | undefined): OperationDefinitionNode | null {
  try {
    return getOperationAST(parse(query, { maxTokens: QUERY_LIMITS.maxTokens }), operationName) ?? null;
  } catch {
    return null;
  }
}

/**
 * The read cache: whole GraphQL responses to anonymous queries, keyed by the data version, the
 * query (or its persisted-query hash), the operation name and the variables. Every write moves the
 * data version on in its own transaction (data-version.ts), so a response is served from the cache
 * only while nothing it could depend on has changed, on this instance or any other. On a miss the
 * version is read again in the request's snapshot (snapshot.ts), which then builds the answer: an
 * answer is never stored under a version other than the one it was read at. Responses live
 * in this process and, with Redis, are shared by all instances; the server itself stays stateless.
 * Mutations, requests with an Authorization header and responses with errors are never cached.
 */
export function readCache(dataSource: DataSource, options: { redis?: Redis } = {}): RequestHandler {
  const local = new LocalStore();
  const redis = options.redis;
  const isRead = knownReads();

  return async (request: Request, response: Response, next: NextFunction) => {
    const parameters = graphqlParameters(request);
    if (!parameters || request.headers.authorization || !isRead(parameters)) return next();
    const persisted = parameters.extensions?.persistedQuery?.sha256Hash;
    const keyAt = (version: string) =>
      createHash('sha256')
        .update(
          JSON.stringify([
            version,
            typeof parameters.query === 'string' ? parameters.query : `#${String(persisted)}`,
            parameters.operationName ?? null,
            parameters.variables ?? null,
          ]),
        )
        .digest('hex');
    let key: string;
    try {
      // A hit is served from the version read now: one statement, no transaction.
      key = keyAt(await readDataVersion(dataSource));
    } catch {
      // The database is unavailable: let the request fail the way it does without a cache.
      return next();
    }
    let body = local.get(key);
    if (body === undefined && redis) {
      body = (await redis.get(REDIS_PREFIX + key).catch(() => null)) ?? undefined;
      if (body !== undefined) local.set(key, body);
    }
    // A client that accepts neither JSON type gets Apollo's 406.
    const type = graphqlResponseType(request);
    if (body !== undefined && type) {
      response.status(200).set('x-cache', 'hit').type(`${type}; charset=utf-8`).send(body);
      return;
    }
    response.set('x-cache', 'miss');
    // A miss is answered in the request's snapshot, begun here: the version read in it is the
    // version of every statement of the answer (a write may have committed since the read above),
    // so an answer is stored under exactly the data it was built from.
    const snapshot = new ReadSnapshot(dataSource);
    response.once('close', () => void snapshot.close());
    try {
      key = keyAt(await snapshot.version());
    } catch {
      await snapshot.close();
      return next();
    }
    response.locals[SNAPSHOT_LOCAL] = snapshot;
    captureBody(response, (captured) => {
      if (response.statusCode !== 200 || captured.includes('"errors":')) return;
      local.set(key, captured);
      redis?.set(REDIS_PREFIX + key, captured, 'EX', TTL_SECONDS).catch(() => undefined);
    });
    next();
  };
}

/** Calls `done` with the response body once it is sent (Apollo sends a single JSON document). */
function captureBody(response: Response, done: (body: string) => void): void {
  const chunks: Buffer[] = [];
  const write = response.write.bind(response);
  const end = response.end.bind(response);
  const keep = (chunk: unknown, encoding?: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    chunks.push(
      Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'),
    );
  };
  response.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
    keep(chunk, encoding);
    return write(chunk as never, encoding as never, callback as never);
  }) as Response['write'];
  response.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
    keep(chunk, encoding);
    done(Buffer.concat(chunks).toString('utf8'));
    return end(chunk as never, encoding as never, callback as never);
  }) as Response['end'];
}
