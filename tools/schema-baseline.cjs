/**
 * `npm run schema:baseline`: makes the committed supergraph the new baseline of the breaking-change check
 * (tests/schema/breaking-changes.unit.test.ts) and empties the acknowledgements, which were about the old one.
 * Run it deliberately, when the acknowledged breaking changes have shipped to clients; commit both files.
 */
const { copyFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const schema = join(__dirname, '..', 'schema');
copyFileSync(join(schema, 'supergraph.graphql'), join(schema, 'baseline', 'supergraph.graphql'));
writeFileSync(join(schema, 'baseline', 'acknowledged-breaking-changes.json'), '[]\n');
process.stdout.write('schema/baseline/supergraph.graphql is now the committed supergraph; acknowledgements emptied\n');
