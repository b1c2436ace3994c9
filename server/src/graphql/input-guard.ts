import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  getNullableType,
  getVariableValues,
  isInputObjectType,
  isListType,
  TypeInfo,
  valueFromAST,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValueNode,
} from 'graphql';
import { ApiError, ErrorCode } from './errors.js';

/**
 * The longest string argument the API takes, in UTF-16 code units. The longest legitimate ones are
 * a search text and a review note; a task's whole text is rarely over 500 characters.
 */
export const MAX_INPUT_LENGTH = 2_000;

/** Years are four digits: also keeps them inside PostgreSQL's smallint, where some are stored. */
export const YEAR_RANGE = { min: 1000, max: 9999 } as const;

/** A high surrogate not followed by a low one, or a low one not after a high one (String.isWellFormed is ES2024). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why `text` cannot be input to Plan Atlas, or null when it can: PostgreSQL refuses a NUL in text
 * (a failed statement, so `server/internal`), and a lone surrogate is not Unicode text at all.
 */
export function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'holds a NUL character';
  if (LONE_SURROGATE.test(text)) return 'holds a lone UTF-16 surrogate';
  return null;
}

/**
 * Refuses, with a 400 and an `input/…` code, an operation whose arguments hold what no resolver
 * should see: text with NUL or lone surrogates, strings over {@link MAX_INPUT_LENGTH}, years that
 * are not four digits. Runs once the operation is known and before any resolver, on literal and
 * variable values alike, so resolvers and the SQL below them take strings as they come.
 */
export function inputGuardPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (operation) checkArguments(schema, document, operation, request.variables ?? {});
        },
      };
    },
  };
}

/** An argument of an operation whose value could hold text or a year (the only values checked). */
interface CheckedArgument {
  value: ValueNode;
  type: GraphQLInputType;
  name: string;
}

/** Per operation (Apollo reuses a document it has parsed once), the arguments worth checking. */
const checkedArguments = new WeakMap<OperationDefinitionNode, CheckedArgument[]>();

function argumentsToCheck(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): CheckedArgument[] {
  let found = checkedArguments.get(operation);
  if (found) return found;
  found = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      OperationDefinition: (node) => (node === operation ? undefined : false),
      Argument(node) {
        const argument = typeInfo.getArgument();
        if (argument && mayHoldChecked(argument.type, argument.name, new Set()))
          found!.push({ value: node.value, type: argument.type, name: argument.name });
      },
    }),
  );
  checkedArguments.set(operation, found);
  return found;
}

/** Whether a value of `type` could hold a string or a year: `first: Int` never does. */
function mayHoldChecked(type: GraphQLInputType, name: string, seen: Set<string>): boolean {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return mayHoldChecked(nullable.ofType, name, seen);
  if (isInputObjectType(nullable)) {
    // A recursive input type holds what its first visit found.
    if (seen.has(nullable.name)) return false;
    seen.add(nullable.name);
    return Object.entries(nullable.getFields()).some(([key, field]) => mayHoldChecked(field.type, `${name}.${key}`, seen));
  }
  const scalar = getNamedType(nullable).name;
  return scalar === 'String' || scalar === 'ID' || (scalar === 'Int' && /(^|\.)year$/.test(name));
}

function checkArguments(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Record<string, unknown>,
): void {
  const checked = argumentsToCheck(schema, document, operation);
  if (checked.length === 0) return;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables);
  // Variables that do not coerce are refused by execution with its own message.
  if (coerced.errors) return;
  const variables = coerced.coerced;
  for (const { value: node, type, name } of checked) {
    const value = valueFromAST(node, type, variables);
    if (value !== undefined) checkValue(value, type, name);
  }
}

function checkValue(value: unknown, type: GraphQLInputType, name: string): void {
  if (value === null || value === undefined) return;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    for (const item of value as unknown[]) checkValue(item, nullable.ofType, name);
    return;
  }
  if (isInputObjectType(nullable)) {
    const fields = nullable.getFields();
    for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
      if (fields[key]) checkValue(field, fields[key].type, `${name}.${key}`);
    }
    return;
  }
  const scalar = getNamedType(nullable).name;
  if (typeof value === 'string' && (scalar === 'String' || scalar === 'ID')) checkString(value, name);
  if (typeof value === 'number' && scalar === 'Int' && /(^|\.)year$/.test(name)) checkYear(value, name);
}

function checkString(value: string, name: string): void {
  if (value.length > MAX_INPUT_LENGTH) {
    throw inputError(ErrorCode.INPUT_TOO_LONG, `${name} is ${value.length} characters long; the API takes at most ${MAX_INPUT_LENGTH}.`, {
      argument: name,
      max: MAX_INPUT_LENGTH,
    });
  }
  const problem = textProblem(value);
  if (problem) throw inputError(ErrorCode.INPUT_INVALID_TEXT, `${name} ${problem}, which no text of Plan Atlas holds.`, { argument: name });
}

function checkYear(value: number, name: string): void {
  if (value < YEAR_RANGE.min || value > YEAR_RANGE.max) {
    throw inputError(ErrorCode.INPUT_OUT_OF_RANGE, `${name} is ${value}; a year is ${YEAR_RANGE.min} to ${YEAR_RANGE.max}.`, {
      argument: name,
      ...YEAR_RANGE,
    });
  }
}

function inputError(code: ErrorCode, message: string, details: Record<string, unknown>): ApiError {
  return new ApiError(code, message, { ...details, http: { status: 400 } });
}
