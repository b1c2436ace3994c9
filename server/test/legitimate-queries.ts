import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getIntrospectionQuery, Kind, parse, print, visit, type DefinitionNode, type DocumentNode } from 'graphql';
import { exampleTabs } from '../graphiql/src/examples.js';
import { repoRoot } from '../src/common/paths.js';
import { toGlobalId } from '../src/graphql/global-id.js';

/** A query the product really sends: from the web app's .graphql files, GraphiQL's example tabs, or GraphiQL's schema query. */
export interface LegitimateQuery {
  name: string;
  query: string;
  /** Values for the variables it declares (of the seed plans: Tongzhou and Xuzhou 2021). */
  variables: Record<string, unknown>;
  /** A change (the web app's editors send these): measured against the limits, not sent. */
  mutation?: boolean;
  /** Only an editor may ask it (the audit log): sent with an editor token. */
  editor?: boolean;
  /** It reads Tongzhou's 2022 plan (test/fixtures/tongzhou-2022.txt), which the seeds lack: only where a test imported it. */
  nextYear?: boolean;
}

/** Values for the variables the product's queries declare, by name. */
const VARIABLES: Record<string, unknown> = {
  id: toGlobalId('Plan', '320612-2021'),
  // planChanges: a plan and the one of the year after.
  from: toGlobalId('Plan', '320612-2021'),
  to: toGlobalId('Plan', '320612-2022'),
  jurisdictionCodes: ['320612', '320300'],
  code: '320612',
  year: 2021,
  kind: 'MARKET_REGULATION',
  // The largest page a client may ask for: the costliest legitimate form of a paged query.
  first: 100,
  filter: { year: 2021 },
  text: '校园',
  metricKey: 'sampling-density',
  planId: toGlobalId('Plan', '320612-2021'),
  taskId: toGlobalId('Task', '320612-2021-t1'),
  status: 'CONFIRMED',
  themeKeys: ['food-waste'],
};

function variablesFor(query: string): Record<string, unknown> {
  const operation = parse(query).definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  const names =
    operation?.kind === Kind.OPERATION_DEFINITION
      ? (operation.variableDefinitions ?? []).map((definition) => definition.variable.name.value)
      : [];
  return Object.fromEntries(names.filter((name) => name in VARIABLES).map((name) => [name, VARIABLES[name]]));
}

function graphqlFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.graphql'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** The fragments an operation spreads, transitively, as codegen bundles them into the sent document. */
function withFragments(operation: DefinitionNode, fragments: Map<string, DefinitionNode>): DocumentNode {
  const needed = new Map<string, DefinitionNode>();
  const collect = (node: DefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const fragment = fragments.get(spread.name.value);
        if (fragment && !needed.has(spread.name.value)) {
          needed.set(spread.name.value, fragment);
          collect(fragment);
        }
      },
    });
  collect(operation);
  return { kind: Kind.DOCUMENT, definitions: [operation, ...needed.values()] };
}

/**
 * Every operation of web/src/**\/*.graphql (read at test time, so new ones are covered), each of
 * GraphiQL's example tabs, the black-box contract query over plans (issue 3), and the
 * introspection query GraphiQL sends to draw its docs (every option on: the longest form).
 */
export function legitimateQueries(): LegitimateQuery[] {
  const definitions = graphqlFilesUnder(join(repoRoot, 'web', 'src')).flatMap((file) => parse(readFileSync(file, 'utf8')).definitions);
  const fragments = new Map(
    definitions.flatMap((definition) =>
      definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [],
    ),
  );
  const web = definitions.flatMap((definition) =>
    definition.kind === Kind.OPERATION_DEFINITION
      ? [
          {
            name: `web: ${definition.name?.value ?? 'anonymous'}`,
            query: print(withFragments(definition, fragments)),
            mutation: definition.operation === 'mutation',
            editor: definition.operation === 'mutation' || /\bauditLog\b/.test(print(definition)),
            nextYear: /\bplanChanges\b/.test(print(definition)),
          },
        ]
      : [],
  );
  const graphiql = exampleTabs.map((tab, index) => ({ name: `GraphiQL example ${index + 1}`, query: tab.query }));
  const contract = {
    name: 'issue-3 contract query',
    query: readFileSync(join(repoRoot, 'tests', 'api', 'contract.query.graphql'), 'utf8'),
  };
  const introspection = {
    name: 'GraphiQL introspection',
    query: getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
      oneOf: true,
    }),
  };
  return [...web, ...graphiql, contract, introspection].map((query) => ({ ...query, variables: variablesFor(query.query) }));
}
