import { readFileSync } from 'node:fs';
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { schemaFile } from '../src/common/paths.js';
import { buildApiSchema, printSortedSchema } from '../src/graphql/schema.js';

/** Every named thing of the schema that has no description, as `Type.field(arg)` paths. */
function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const check = (path: string, description: string | null | undefined) => {
    if (!description?.trim()) missing.push(path);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    check(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        check(`${type.name}.${field.name}`, field.description);
        for (const arg of field.args) check(`${type.name}.${field.name}(${arg.name})`, arg.description);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) check(`${type.name}.${field.name}`, field.description);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.description);
    }
  }
  return missing;
}

describe('the GraphQL schema', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildApiSchema();
  });

  it('matches the committed schema/schema.graphql', () => {
    const committed = readFileSync(schemaFile, 'utf8');
    expect(
      printSortedSchema(schema),
      'schema/schema.graphql is stale: run `pnpm --filter @plan-atlas/server emit-schema` and commit it',
    ).toBe(committed);
  });

  it('describes every type, field, argument, enum value and input field', () => {
    expect(undescribed(schema)).toEqual([]);
  });

  it('keeps the contract names of issue 3', () => {
    const query = schema.getQueryType()!.getFields();
    expect(Object.keys(query)).toEqual(
      expect.arrayContaining(['jurisdictions', 'jurisdiction', 'plans', 'plan', 'tasks', 'agencies', 'node']),
    );
    expect(String(query.plans.args.find((arg) => arg.name === 'first')!.type)).toBe('Int');
    expect(query.plans.args.find((arg) => arg.name === 'first')!.defaultValue).toBe(20);
    const fields = (name: string) => Object.keys((schema.getType(name) as { getFields(): object }).getFields());
    expect(fields('Plan')).toEqual(
      expect.arrayContaining([
        'id',
        'year',
        'title',
        'documentNumber',
        'issuer',
        'issuedOn',
        'jurisdiction',
        'sections',
        'tasks',
        'schedule',
        'sourceText',
      ]),
    );
    expect(fields('Task')).toEqual(
      expect.arrayContaining(['id', 'ordinal', 'title', 'text', 'plan', 'section', 'clauses', 'indicators', 'agencies', 'scheduleItems']),
    );
    expect(fields('ScheduleItem')).toEqual(
      expect.arrayContaining([
        'id',
        'ordinal',
        'content',
        'q1',
        'q2',
        'q3',
        'q4',
        'task',
        'leadAgencies',
        'responsibleAgencies',
        'indicators',
      ]),
    );
    expect(fields('Indicator')).toEqual(
      expect.arrayContaining([
        'id',
        'subject',
        'comparator',
        'value',
        'unit',
        'period',
        'cumulative',
        'qualifier',
        'sourceText',
        'task',
        'clause',
      ]),
    );
    expect(fields('TaskFilter')).toEqual(['jurisdictionCodes', 'year', 'agencyKind', 'role', 'themeKeys', 'text']);
    for (const name of ['Jurisdiction', 'Plan', 'Section', 'Task', 'Clause', 'Agency', 'Indicator', 'ScheduleItem']) {
      const type = schema.getType(name);
      expect(isObjectType(type) && type.getInterfaces().map((it) => it.name), name).toEqual(['Node']);
    }
  });
});
