// GraphQL Code Generator: typed documents for the web client from the committed supergraph, and the persisted
// documents (SHA-256 hash -> text) that the gateway accepts from the web client. Run from the repository root
// (npm run web:codegen); WEB_CODEGEN_OUT lets the staleness test generate elsewhere and compare.
const out = process.env.WEB_CODEGEN_OUT ?? 'web/src/gql/';

module.exports = {
  schema: [{ 'schema/supergraph.graphql': { loader: './web/codegen/api-schema.cjs' } }],
  documents: ['web/src/**/*.ts', 'web/src/**/*.tsx', '!web/src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    [out]: {
      preset: 'client',
      config: { enumsAsTypes: true, useTypeImports: true, scalars: { DateTime: 'string', SafeInt: 'number' } },
      presetConfig: {
        fragmentMasking: false,
        // The browser bundle carries only each document's hash; the text stays with the gateway.
        persistedDocuments: { mode: 'replaceDocumentWithHash', hashAlgorithm: 'sha256' },
      },
    },
  },
};
