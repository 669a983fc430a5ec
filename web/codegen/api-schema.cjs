// The schema clients see: the committed supergraph without federation's join directives and @inaccessible fields.
const { readFileSync } = require('node:fs');
const { Supergraph } = require('@apollo/federation-internals');

module.exports = (pointer) => Supergraph.build(readFileSync(pointer, 'utf8')).apiSchema().toGraphQLJSSchema();
