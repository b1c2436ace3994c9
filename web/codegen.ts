import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for every operation under src/graphql, generated from the committed SDL.
 * Run `pnpm --filter @plan-atlas/web codegen` after the schema or an operation changes.
 */
const config: CodegenConfig = {
  schema: process.env.PLAN_ATLAS_SCHEMA ?? '../schema/schema.graphql',
  documents: ['src/graphql/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'src/graphql/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false, gqlTagName: 'gql' },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        skipTypename: false,
        documentMode: 'documentNode',
        onlyOperationTypes: true,
        // DateTimeISO is sent as an ISO 8601 string (e.g. a revision's replacedAt).
        scalars: { DateTimeISO: 'string' },
      },
    },
  },
  hooks: { afterOneFileWrite: ['tsx scripts/mark-generated.ts'] },
};

export default config;
