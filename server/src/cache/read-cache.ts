import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getOperationAST, parse, type OperationDefinitionNode } from 'graphql';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { QUERY_LIMITS } from '../graphql/limits.js';
import { ReadSnapshot } from '../graphql/snapshot.js';
import { graphqlResponseType } from '../http/limits.js';
import { readDataVersion } from './data-version.js';

/** How long a cached response may live: a safety net, since the data version already retires stale ones. */
const TTL_SECONDS = 600;
/** The in-process part holds at most this many characters of responses (~2 bytes each). */
const LOCAL_MAX_CHARACTERS = 64 * 2 ** 20;
/** Queries whose kind (read or not) is remembered. */
const KNOWN_QUERIES_MAX = 2_000;
const REDIS_PREFIX = 'plan-atlas:response:';

/**
 * Least recently used first out, bounded by total size, holding answers of the newest data version
 * only: once a newer version is seen, every answer kept is one no request will be answered from
 * again (a hit is looked up under the version read now), so they are all let go at once rather than
 * left to fill the cap until evicted.
 */
export class LocalStore {
  private readonly entries = new Map<string, { body: string; expires: number }>();
  private characters = 0;
  private version = -1n;

  get(key: string, version: string): string | undefined {
    if (!this.isCurrent(version)) return undefined;
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

  set(key: string, body: string, version: string): void {
    if (!this.isCurrent(version)) return;
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

  /** Characters of answers held. */
  get held(): number {
    return this.characters;
  }

  /** Whether `version` is the newest seen (moving on to it, and dropping the rest, if it is newer); false for an older one. */
  private isCurrent(version: string): boolean {
    const seen = BigInt(version);
    if (seen < this.version) return false;
    if (seen > this.version) {
      this.entries.clear();
      this.characters = 0;
      this.version = seen;
    }
    return true;
  }
}

export interface GraphQLRequestBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } };
}

const GET_PARAMETERS = ['query', 'variables', 'operationName', 'extensions'];

/** The request's GraphQL parameters: the JSON body of a POST, the query string of a GET (as Apollo reads it). */
export function graphqlParameters(method: string | undefined, body: unknown, search: string): GraphQLRequestBody | null {
  if (method === 'POST') return body && typeof body === 'object' && !Array.isArray(body) ? body : null;
  if (method !== 'GET') return null;
  const json = (value: string | undefined) => {
    if (value === undefined) return undefined;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return undefined;
    }
  };
  const parameters = new URLSearchParams(search);
  // Apollo refuses a parameter given twice (400): such a request is left to it.
  if (GET_PARAMETERS.some((name) => parameters.getAll(name).length > 1)) return null;
  const get = (name: string) => parameters.get(name) ?? undefined;
  return {
    query: get('query'),
    variables: json(get('variables')),
    operationName: get('operationName'),
    extensions: json(get('extensions')) as GraphQLRequestBody['extensions'],
  };
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
 *
 * Called by the /graphql route (http/graphql-route.ts) before Apollo: it answers a hit itself, and
 * on a miss gives the route the snapshot to build the answer in and where to keep the answer.
 */
export function readCache(dataSource: DataSource, options: { redis?: Redis } = {}): ReadCache {
  const local = new LocalStore();
  const redis = options.redis;
  const isRead = knownReads();

  return async (request, response, parameters) => {
    if (!parameters || request.headers.authorization || !isRead(parameters)) return { answered: false };
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
    let version: string;
    try {
      // A hit is served from the version read now: one statement, no transaction.
      version = await readDataVersion(dataSource);
      key = keyAt(version);
    } catch {
      // The database is unavailable: let the request fail the way it does without a cache.
      return { answered: false };
    }
    let body = local.get(key, version);
    if (body === undefined && redis) {
      body = (await redis.get(REDIS_PREFIX + key).catch(() => null)) ?? undefined;
      if (body !== undefined) local.set(key, body, version);
    }
    // A client that accepts neither JSON type gets Apollo's 406.
    const type = graphqlResponseType(request);
    if (body !== undefined && type) {
      response
        .writeHead(200, { 'x-cache': 'hit', 'content-type': `${type}; charset=utf-8`, 'content-length': Buffer.byteLength(body) })
        .end(body);
      return { answered: true };
    }
    response.setHeader('x-cache', 'miss');
    // A miss is answered in the request's snapshot, begun here: the version read in it is the
    // version of every statement of the answer (a write may have committed since the read above),
    // so an answer is stored under exactly the data it was built from.
    const snapshot = new ReadSnapshot(dataSource);
    response.once('close', () => void snapshot.close());
    try {
      version = await snapshot.version();
      key = keyAt(version);
    } catch {
      await snapshot.close();
      return { answered: false };
    }
    return {
      answered: false,
      snapshot,
      keep(status, answer) {
        if (status !== 200 || answer.includes('"errors":')) return;
        local.set(key, answer, version);
        redis?.set(REDIS_PREFIX + key, answer, 'EX', TTL_SECONDS).catch(() => undefined);
      },
    };
  };
}

/**
 * What the read cache made of a request: answered it from the cache, or left it to Apollo, on a
 * miss with the snapshot (graphql/snapshot.ts) to build the answer in, begun to key it, and where
 * to keep the answer once built (Apollo answers a read with one JSON document).
 */
export type ReadCacheOutcome =
  { answered: true } | { answered: false; snapshot?: ReadSnapshot; keep?(status: number, answer: string): void };

export type ReadCache = (
  request: IncomingMessage,
  response: ServerResponse,
  parameters: GraphQLRequestBody | null,
) => Promise<ReadCacheOutcome>;
