/** Writes the API's SDL to schema/schema.graphql (committed; a test fails when it is stale). */
import { writeFileSync } from 'node:fs';
import { schemaFile } from '../src/common/paths.js';
import { buildApiSchema, printSortedSchema } from '../src/graphql/schema.js';

writeFileSync(schemaFile, printSortedSchema(await buildApiSchema()));
console.log(`Wrote ${schemaFile}`);
