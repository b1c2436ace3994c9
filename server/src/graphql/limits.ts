import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  getNamedType,
  getNullableType,
  isListType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLError,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from 'graphql';
import { ApiError, ErrorCode } from './errors.js';

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
  /** Our list-size cost ({@link listCost}): fields expected in the answer. */
  maxListCost: 2_000_000,
  /** Bytes of a POST body at /graphql (query, variables and all). */
  maxBodyBytes: 100 * 1024,
} as const;

/** What a list field without `first` is expected to hold, for the cost estimate: a task's clauses, a clause's agencies… */
export const LIST_SIZE_ESTIMATE = 5;
/** Lists known to be longer than that (seen in the seed plans and the reference data, rounded up). */
const LIST_SIZES: Record<string, number> = {
  // Unpaged roots: every jurisdiction of the reference data (the whole country, when `first` is not given), every agency named anywhere.
  'Query.jurisdictions': 3_300,
  'Query.agencies': 200,
  'Query.themes': 30,
  'Query.metrics': 30,
  'Query.indicatorComparison': 50,
  'Comparison.rows': 25,
  'Theme.tasks': 20,
  'Agency.assignments': 30,
  'Plan.tasks': 25,
  'Plan.schedule': 40,
  'PlanChanges.tasks': 30,
};
/** What a connection's `first` counts as when it is given as null: the page cap. */
const PAGE_CAP = 100;

export interface QueryLimits {
  plugins: ApolloServerPlugin[];
  validationRules: ValidationRule[];
}

/**
 * The query limits as Apollo Server options: graphql-armor's depth, alias, directive, token and
 * cost rules (each refusal coded `request/limit_exceeded`), our list-size cost, and, outside
 * development, field suggestions ("Did you mean …?") masked.
 */
export function createQueryLimits({ development }: { development: boolean }): QueryLimits {
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
    plugins: [...armor.plugins, listCostPlugin(QUERY_LIMITS.maxListCost), ...(development ? [] : [hideSuggestionsPlugin()])],
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

/** Refuses an operation whose {@link listCost} is over `limit`, once variables are known. */
function listCostPlugin(limit: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const cost = listCost(schema, document, operation, request.variables ?? {});
          if (cost > limit) {
            throw limitError(`Query cost limit of ${limit} exceeded, found ${cost}: ask for smaller pages (first) or fewer nested lists.`, {
              cost,
              limit,
            });
          }
        },
      };
    },
  };
}

/**
 * An estimate of how many fields the answer holds: every field counts 1, and what is below a list
 * counts as many times as the list is long: `first` for a connection (its literal, its variable's
 * value or its default), the expected length for a list without `first` ({@link LIST_SIZE_ESTIMATE}
 * unless known to be longer). Introspection
 * fields are free (GraphiQL's schema query). Each fragment is costed once, so fragments spread in
 * many places cannot make the estimate itself expensive.
 */
export function listCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const fragmentCosts = new Map<string, number>();
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
      return LIST_SIZES[`${parent.name}.${field.name}`] ?? PAGE_CAP;
    }
    if (!isListType(getNullableType(field.type))) return 1;
    // A connection's nodes and edges are the page its `first` already counted.
    if (parent.name.endsWith('Connection')) return 1;
    return LIST_SIZES[`${parent.name}.${field.name}`] ?? LIST_SIZE_ESTIMATE;
  };

  const selectionCost = (
    selectionSet: SelectionSetNode | undefined,
    type: GraphQLNamedType | null | undefined,
    visiting: Set<string>,
  ): number => {
    if (!selectionSet || !type) return 0;
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        const fields = 'getFields' in type ? type.getFields() : {};
        const field = (fields as Record<string, GraphQLField<unknown, unknown>>)[selection.name.value];
        if (!field) {
          cost += 1;
          continue;
        }
        const below = selectionCost(selection.selectionSet, getNamedType(field.type), visiting);
        cost += 1 + listFactor(field, selection, type) * below;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        cost += selectionCost(selection.selectionSet, condition, visiting);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || visiting.has(name)) continue;
        if (!fragmentCosts.has(name)) {
          const inner = new Set(visiting).add(name);
          fragmentCosts.set(name, selectionCost(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value), inner));
        }
        cost += fragmentCosts.get(name)!;
      }
    }
    return cost;
  };

  return selectionCost(operation.selectionSet, rootType, new Set());
}
