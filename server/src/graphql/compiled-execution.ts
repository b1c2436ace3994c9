import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import {
  execute,
  getVariableValues,
  GraphQLError,
  printSchema,
  valueFromASTUntyped,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

type Gateway = ApolloServerOptionsWithGateway<never>['gateway'];
type Executor = Awaited<ReturnType<Gateway['load']>>['executor'];

/**
 * How many operations a process compiles: each costs ~4 ms to compile and, once run, up to ~2 MiB
 * (a plan with its parts; V8 compiles the generated code apart for each). The web app sends a few
 * dozen distinct operations, each many times; GraphiQL's one-off queries, and any beyond these,
 * run on graphql-js.
 */
export const MAX_COMPILED = 32;
/** An operation is compiled the second time it runs: a query run once never pays for compiling. */
const RUNS_BEFORE_COMPILING = 2;
/** Operations counted while not compiled; the count starts over when there are this many. */
const MAX_COUNTED = 10_000;

/**
 * Executes the operations run most with a function compiled for each by graphql-jit, instead of
 * graphql-js walking the selection field by field on every request: the same answers for ~20 %
 * less CPU on a plan with its parts, whose ~1,500 fields each cost graphql-js a dispatch, an
 * argument walk and a path. Apollo takes an executor through its gateway interface; parsing,
 * validation, every plugin and the error formatting stay Apollo's.
 *
 * Operations are known by their text and name (Apollo may parse a text again). Variables graphql-js
 * would refuse are left to graphql-js (its messages are the API's), as is an operation graphql-jit
 * cannot compile, one run only once so far, and any once {@link MAX_COMPILED} are.
 */
export function compiledExecution(schema: GraphQLSchema): Gateway & { compiledOperations(): number } {
  const compiled = new Map<string, CompiledQuery | null>();
  const runs = new Map<string, number>();
  const compiledFor = (document: DocumentNode, text: string | undefined, operationName: string | undefined): CompiledQuery | null => {
    if (text === undefined) return null;
    const key = `${operationName ?? ''}\n${text}`;
    const known = compiled.get(key);
    if (known !== undefined || compiled.size >= MAX_COMPILED) return known ?? null;
    const count = (runs.get(key) ?? 0) + 1;
    if (count < RUNS_BEFORE_COMPILING) {
      if (runs.size >= MAX_COUNTED) runs.clear();
      runs.set(key, count);
      return null;
    }
    runs.delete(key);
    const result = compileQuery(schema, document, operationName);
    const query = isCompiledQuery(result) ? result : null;
    compiled.set(key, query);
    return query;
  };

  const executor: Executor = async ({ document, request, context, source, operation }) => {
    // As the client named it: graphql-js words an unknown name its own way.
    const { operationName } = request;
    const variables = request.variables ?? {};
    const query =
      operation && !('errors' in getVariableValues(schema, operation.variableDefinitions ?? [], variables))
        ? // The text Apollo parsed: the request's, or the persisted query's for a hash alone.
          compiledFor(document, source ?? request.query, operationName ?? undefined)
        : null;
    if (!query) {
      return execute({ schema, document, contextValue: context, variableValues: variables, operationName });
    }
    const result = (await query.query(undefined, context, withDefaults(operation!, variables))) as ExecutionResult;
    return result.errors ? { ...result, errors: (result.errors as readonly JitError[]).map(asGraphQLError) } : result;
  };

  return {
    compiledOperations: () => [...compiled.values()].filter(Boolean).length,
    async load() {
      return { schema, executor };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    async stop() {},
  };
}

/**
 * The variables with the defaults the operation declares for those not given (`$laxerOnly: Boolean! =
 * false`), as a client would have written them: graphql-jit refuses a missing non-null variable
 * even when it has a default.
 */
function withDefaults(operation: OperationDefinitionNode, variables: Record<string, unknown>): Record<string, unknown> {
  let complete = variables;
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (definition.defaultValue && !(name in variables)) {
      if (complete === variables) complete = { ...variables };
      complete[name] = valueFromASTUntyped(definition.defaultValue);
    }
  }
  return complete;
}

/** What graphql-jit's own error class holds. */
interface JitError {
  message: string;
  path?: readonly (string | number)[];
  locations?: readonly { line: number; column: number }[];
  originalError?: Error | null;
  extensions?: Record<string, unknown>;
}

/**
 * graphql-jit reports errors with a class of its own, whose message cannot be changed (limits.ts
 * drops suggestions from messages): made graphql-js errors again (message, path, locations, the
 * error a resolver threw), as graphql-js would have reported them.
 */
function asGraphQLError(error: JitError): GraphQLError {
  const converted = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions,
  });
  Object.assign(converted, { locations: error.locations });
  return converted;
}
