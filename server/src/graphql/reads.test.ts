import { isObjectType, type GraphQLSchema } from 'graphql';
import { getMetadataArgsStorage } from 'typeorm';
import { beforeAll, describe, expect, it } from 'vitest';
import { readsOf } from './prefetch.js';
import { buildApiSchema } from './schema.js';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildApiSchema();
});

/**
 * `@Reads` keeps the declared properties in rows read narrowed (prefetch.ts): a name that is no
 * column of the entity would keep nothing, and the resolver would find it undefined in every
 * operation that reads narrowed rows.
 */
describe('@Reads declarations', () => {
  it('name GraphQL types that are entities, and columns of those entities', () => {
    const columns = new Map<string, Set<string>>();
    for (const column of getMetadataArgsStorage().columns) {
      const target = column.target;
      if (typeof target !== 'function') continue;
      if (!columns.has(target.name)) columns.set(target.name, new Set());
      columns.get(target.name)!.add(column.propertyName);
    }
    const declared: string[] = [];
    const wrong: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        const reads = readsOf(field);
        if (!reads) continue;
        for (const [typeName, properties] of Object.entries(reads)) {
          if (!schema.getType(typeName)) wrong.push(`${type.name}.${field.name}: no type ${typeName}`);
          for (const property of properties) {
            declared.push(`${typeName}.${property}`);
            if (!columns.get(typeName)?.has(property)) wrong.push(`${type.name}.${field.name}: ${typeName}.${property} is no column`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    // The deadline fields declare what deadlineOf reads.
    expect(declared).toEqual(expect.arrayContaining(['Task.deadlineDate', 'Clause.deadlineSpanEnd', 'Assignment.agencyId']));
  });
});
