import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { transformSupergraphToPublicSchema } from '@theguild/federation-composition';
import { buildASTSchema, isEnumType, isInputObjectType, isInterfaceType, isIntrospectionType, isObjectType, isSpecifiedScalarType, parse } from 'graphql';

/** The schema is the documentation partners read: every public type, field, argument and enum value says what it is. */
describe('the public API schema', () => {
  it('describes every type, field, argument and enum value', () => {
    const supergraph = parse(readFileSync(resolve(__dirname, '../../schema/supergraph.graphql'), 'utf8'));
    const schema = buildASTSchema(transformSupergraphToPublicSchema(supergraph));
    const roots = new Set([schema.getQueryType(), schema.getMutationType()].map((t) => t?.name));
    const undocumented: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
      if (!type.description && !roots.has(type.name)) undocumented.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) undocumented.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) if (!arg.description) undocumented.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type)) for (const value of type.getValues()) if (!value.description) undocumented.push(`${type.name}.${value.name}`);
    }
    expect(undocumented).toEqual([]);
  });
});
