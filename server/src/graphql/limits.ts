import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isListType,
  isScalarType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLError,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from 'graphql';
import { answerSizeOf, LIST_SIZE_ESTIMATE } from './answer-size.js';
import { ApiError, ErrorCode } from './errors.js';

const MB = 1024 * 1024;

/**
 * How much one GraphQL request may ask for. Set from the deepest and costliest queries the web app
 * and GraphiQL's examples really send (test/hostile.test.ts runs every one of them through these
 * limits and prints what they measure), with headroom for researchers' own queries; SECURITY.md
 * lists them with the measured values.
 */
export const QUERY_LIMITS = {
  /** Nested selections, fragments flattened (the SPA's deepest, the comparison, is 9). */
  maxDepth: 12,
  /** Aliased fields: a researcher may alias a few plans side by side; a flood of aliases is an amplification attack. */
  maxAliases: 15,
  /** Lexical tokens in the document: GraphiQL's introspection query is the longest legitimate one. */
  maxTokens: 2_000,
  /** Directives (@include, @skip…) in the document. */
  maxDirectives: 20,
  /** graphql-armor's own cost (depth-weighted, literal `first` multiplies). */
  maxArmorCost: 100_000,
  /** Our list-size cost ({@link estimateAnswer}): fields expected in the answer. */
  maxListCost: 2_000_000,
  /** Our estimate of the answer's JSON bytes ({@link estimateAnswer}): refused above, before any resolver runs. */
  maxAnswerBytes: 128 * MB,
  /**
   * The estimated answer bytes of all requests in flight in this process together: a request whose
   * estimate does not fit in what is left is refused at once (503 `request/busy`), not queued.
   */
  answerBudgetBytes: 384 * MB,
  /** Bytes of a POST body at /graphql (query, variables and all). */
  maxBodyBytes: 100 * 1024,
} as const;

/** What a connection's `first` counts as when it is given as null: the page cap. */
const PAGE_CAP = 100;

/** JSON bytes of a scalar value nobody declared larger: a name in Chinese (3 bytes a character), an id, a number. */
function defaultValueBytes(type: GraphQLNamedType): number {
  if (isEnumType(type)) return 24;
  if (!isScalarType(type)) return 2;
  switch (type.name) {
    case 'Int':
    case 'Float':
      return 12;
    case 'Boolean':
      return 5;
    case 'ID':
      return 40;
    default:
      return 64;
  }
}

export interface QueryLimits {
  plugins: ApolloServerPlugin[];
  validationRules: ValidationRule[];
}

/**
 * The query limits as Apollo Server options: graphql-armor's depth, alias, directive, token and
 * cost rules (each refusal coded `request/limit_exceeded`), our list-size cost, the answer's
 * estimated bytes (`request/answer_too_large`) and the budget of answers in flight
 * (`request/busy`), and, outside
 * development, field suggestions ("Did you mean …?") masked.
 */
export function createQueryLimits({
  development,
  budget = answerBudget,
}: {
  development: boolean;
  /** Shared by every app of the process unless a test gives one of its own. */
  budget?: AnswerBudget;
}): QueryLimits {
  const refuse = {
    // Report through the validation context (a 400 with our code) rather than throwing from the rule.
    propagateOnRejection: false,
    onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(limitError(error.message))],
    exposeLimits: true,
  };
  const armor = new ApolloArmor({
    maxDepth: { ...refuse, n: QUERY_LIMITS.maxDepth, flattenFragments: true },
    maxAliases: { ...refuse, n: QUERY_LIMITS.maxAliases },
    maxDirectives: { ...refuse, n: QUERY_LIMITS.maxDirectives },
    costLimit: { ...refuse, maxCost: QUERY_LIMITS.maxArmorCost, flattenFragments: true },
    // Counted by graphql-js's parser instead (parseOptions.maxTokens): armor's version parses twice and throws from a hook.
    maxTokens: { enabled: false },
    // Ours below also hides enum-value suggestions and leaves no dangling "?".
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return {
    plugins: [...armor.plugins, answerLimitsPlugin(budget), ...(development ? [] : [hideSuggestionsPlugin()])],
    validationRules: armor.validationRules,
  };
}

/**
 * Drops graphql-js's "Did you mean …?" from validation errors outside development: guessing field
 * and enum names from suggestions is how schemas get mapped where introspection is off, and a
 * production answer should not depend on it.
 */
function hideSuggestionsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) error.message = error.message.replace(/\s*Did you mean [^?]*\?/g, '');
        },
      };
    },
  };
}

function limitError(message: string, details: Record<string, unknown> = {}): ApiError {
  // armor's messages start with "Syntax Error: ", which this is not.
  return new ApiError(ErrorCode.REQUEST_LIMIT_EXCEEDED, message.replace(/^Syntax Error: /, ''), { ...details, http: { status: 400 } });
}

/**
 * The estimated bytes of the answers being built in this process. A request reserves its
 * estimate before execution and gives it back when its answer is sent; one that does not fit is
 * refused at once, so the memory of answers in flight stays bounded by the budget (estimates are
 * upper bounds of the JSON, which a JavaScript object tree holds a few times over).
 */
export class AnswerBudget {
  private used = 0;
  private inFlight = 0;

  constructor(readonly capacity: number) {}

  /** Reserves `bytes` if they fit in what is left; false otherwise. */
  tryReserve(bytes: number): boolean {
    if (this.used + bytes > this.capacity) return false;
    this.used += bytes;
    this.inFlight++;
    return true;
  }

  release(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
    this.inFlight = Math.max(0, this.inFlight - 1);
  }

  /** Bytes reserved by the requests in flight, and how many they are. */
  get usage(): { bytes: number; requests: number } {
    return { bytes: this.used, requests: this.inFlight };
  }
}

/** The process's budget of answers in flight ({@link QUERY_LIMITS.answerBudgetBytes}). */
export const answerBudget = new AnswerBudget(QUERY_LIMITS.answerBudgetBytes);

/** Seconds a client refused with `request/busy` is told to wait: answers in flight finish within a few. */
export const BUSY_RETRY_AFTER_SECONDS = 2;

const formatMiB = (bytes: number) => `${(bytes / MB).toFixed(1)} MiB`;

/**
 * Once variables are known (Apollo's `didResolveOperation`, before any resolver runs): refuses an
 * operation whose estimated field count or answer bytes are over the limits (400), then reserves
 * its estimated bytes in `budget` until its answer is sent, or refuses it with 503 when they do
 * not fit.
 */
function answerLimitsPlugin(budget: AnswerBudget): ApolloServerPlugin {
  return {
    async requestDidStart() {
      let reserved = 0;
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const { fields, bytes } = estimateAnswer(schema, document, operation, request.variables ?? {});
          if (fields > QUERY_LIMITS.maxListCost) {
            throw limitError(
              `Query cost limit of ${QUERY_LIMITS.maxListCost} exceeded, found ${fields}: ask for smaller pages (first) or fewer nested lists.`,
              { cost: fields, limit: QUERY_LIMITS.maxListCost },
            );
          }
          if (bytes > QUERY_LIMITS.maxAnswerBytes) {
            throw new ApiError(
              ErrorCode.REQUEST_ANSWER_TOO_LARGE,
              `The answer could hold ${formatMiB(bytes)}, above the limit of ${formatMiB(QUERY_LIMITS.maxAnswerBytes)}: ask for smaller pages (first), fewer nested lists or fewer large texts (sourceText).`,
              { estimatedBytes: bytes, limit: QUERY_LIMITS.maxAnswerBytes, http: { status: 400 } },
            );
          }
          if (!budget.tryReserve(bytes)) {
            throw new ApiError(
              ErrorCode.REQUEST_BUSY,
              `The server is building other large answers (${formatMiB(budget.usage.bytes)} of ${formatMiB(budget.capacity)} in flight) and this one could hold ${formatMiB(bytes)}: try again in ${BUSY_RETRY_AFTER_SECONDS} s, or ask for less.`,
              {
                estimatedBytes: bytes,
                http: { status: 503, headers: new HeaderMap([['retry-after', String(BUSY_RETRY_AFTER_SECONDS)]]) },
              },
            );
          }
          reserved = bytes;
        },
        async willSendResponse() {
          if (reserved) budget.release(reserved);
          reserved = 0;
        },
      };
    },
  };
}

/** What {@link estimateAnswer} expects an answer to hold. */
export interface AnswerEstimate {
  /** Fields: each counts 1, times the lengths of the lists above it. */
  fields: number;
  /** Bytes of the answer's JSON: keys, punctuation and values, texts by their declared {@link AnswerSize}. */
  bytes: number;
}

/** {@link estimateAnswer}'s field count alone. */
export function listCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): number {
  return estimateAnswer(schema, document, operation, variables).fields;
}

/**
 * An upper estimate of what the answer holds, before it is built: what is below a list counts as
 * many times as the list is long: `first` for a connection (its literal, its variable's value or
 * its default), the field's declared {@link AnswerSize} `items` for a list without `first`
 * ({@link LIST_SIZE_ESTIMATE} otherwise). Each value counts the bytes its type may bring (a plan's
 * source text 40 KB, a clause 1 KB, a name 64 bytes). Introspection fields are free (GraphiQL's
 * schema query: bounded by the schema). Each fragment is estimated once, so fragments spread in
 * many places cannot make the estimate itself expensive.
 */
export function estimateAnswer(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): AnswerEstimate {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const fragmentEstimates = new Map<string, AnswerEstimate>();
  const rootType =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();

  const argumentValue = (value: ValueNode | undefined): unknown => {
    if (!value) return undefined;
    if (value.kind === Kind.INT) return Number(value.value);
    if (value.kind === Kind.NULL) return null;
    if (value.kind === Kind.VARIABLE) {
      const name = value.name.value;
      if (name in variables) return variables[name];
      const declared = operation.variableDefinitions?.find((definition) => definition.variable.name.value === name);
      return argumentValue(declared?.defaultValue);
    }
    return undefined;
  };

  const listFactor = (
    field: GraphQLField<unknown, unknown>,
    node: { arguments?: readonly { name: { value: string }; value: ValueNode }[] },
    parent: GraphQLNamedType,
  ): number => {
    const first = field.args.find((argument) => argument.name === 'first');
    if (first) {
      const given = node.arguments?.find((argument) => argument.name.value === 'first');
      const value = given ? argumentValue(given.value) : first.defaultValue;
      if (typeof value === 'number' && Number.isFinite(value)) return Math.max(1, value);
      // A list whose `first` is optional and unset returns all it holds, not a page.
      return answerSizeOf(field).items ?? PAGE_CAP;
    }
    if (!isListType(getNullableType(field.type))) return 1;
    // A connection's nodes and edges are the page its `first` already counted.
    if (parent.name.endsWith('Connection')) return 1;
    return answerSizeOf(field).items ?? LIST_SIZE_ESTIMATE;
  };

  /** Bytes of one value of `type` (list levels unwrapped) whose object selections estimate `below`. */
  const valueBytes = (field: GraphQLField<unknown, unknown>, below: AnswerEstimate, factor: number): number => {
    const named = getNamedType(field.type);
    const one = isScalarType(named) || isEnumType(named) ? (answerSizeOf(field).bytes ?? defaultValueBytes(named)) : 2 + below.bytes;
    // `[…]` and a comma per item, for a list (nested lists are counted as one).
    return isListOf(field.type) ? 2 + factor * (one + 1) : one;
  };

  const selectionEstimate = (
    selectionSet: SelectionSetNode | undefined,
    type: GraphQLNamedType | null | undefined,
    visiting: Set<string>,
  ): AnswerEstimate => {
    const total = { fields: 0, bytes: 0 };
    if (!selectionSet || !type) return total;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const key = (selection.alias ?? selection.name).value;
        // "key": and a comma.
        const keyBytes = key.length + 4;
        if (selection.name.value === '__typename') {
          total.bytes += keyBytes + 32;
          continue;
        }
        if (selection.name.value.startsWith('__')) continue;
        const fields = 'getFields' in type ? type.getFields() : {};
        const field = (fields as Record<string, GraphQLField<unknown, unknown>>)[selection.name.value];
        if (!field) {
          total.fields += 1;
          total.bytes += keyBytes + 64;
          continue;
        }
        const below = selectionEstimate(selection.selectionSet, getNamedType(field.type), visiting);
        const factor = listFactor(field, selection, type);
        total.fields += 1 + factor * below.fields;
        // A connection's page multiplies its nodes; a list's items multiply below.
        const value = isListOf(field.type) ? valueBytes(field, below, factor) : factor * valueBytes(field, below, 1);
        total.bytes += keyBytes + value;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        const inner = selectionEstimate(selection.selectionSet, condition, visiting);
        total.fields += inner.fields;
        total.bytes += inner.bytes;
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || visiting.has(name)) continue;
        if (!fragmentEstimates.has(name)) {
          const inner = new Set(visiting).add(name);
          fragmentEstimates.set(name, selectionEstimate(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value), inner));
        }
        const inner = fragmentEstimates.get(name)!;
        total.fields += inner.fields;
        total.bytes += inner.bytes;
      }
    }
    return total;
  };

  return selectionEstimate(operation.selectionSet, rootType, new Set());
}

function isListOf(type: GraphQLOutputType): boolean {
  return isListType(getNullableType(type));
}
