import { buildSchema, parse } from 'graphql';
import { countTokens, measureExecution } from '../../gateway/plugins/operation-analysis';

/** A schema shaped like the public one: paged connections, a plain list, a cycle (partner → offering → partner). */
const schema = buildSchema(`
  type Query { partners(first: Int): PartnerConnection! partner(id: ID!): Partner }
  type PartnerConnection { edges: [PartnerEdge!]! totalCount: Int! }
  type PartnerEdge { node: Partner! }
  type Partner { id: ID! name: String! offerings: [Offering!]! }
  type Offering { id: ID! platform: Partner! }
`);

const measure = (query: string, variableValues?: Record<string, unknown>, operationName?: string) =>
  measureExecution({ schema, document: parse(query), variableValues, operationName });

describe('operation analysis (what limits and quotas charge)', () => {
  it('counts every field, each alias on its own, fragments expanded', () => {
    expect(measure('{ a: partner(id: "1") { id } b: partner(id: "2") { id name } }')).toMatchObject({ fields: 5, aliases: 2, depth: 2 });
    const withFragment = measure('{ partner(id: "1") { ...P } } fragment P on Partner { id name offerings { id } }');
    expect(withFragment).toMatchObject({ fields: 5, aliases: 0, depth: 3 });
    expect(measure('{ partner(id: "1") { ... on Partner { id } } }')).toMatchObject({ fields: 2 });
  });

  it('multiplies cost by nested page sizes, from literals, variables or their defaults, capped at the page limit', () => {
    const query = 'query Q($n: Int = 3) { partners(first: $n) { edges { node { id } } } }';
    // partners (1) + n × edges (1 + node (1 + id)) : id is a leaf and costs nothing.
    expect(measure(query).cost).toBe(1 + 3 * 2);
    expect(measure(query, { n: 10 }).cost).toBe(1 + 10 * 2);
    expect(measure(query, { n: 1_000_000 }).cost).toBe(measure(query, { n: 100 }).cost);
    expect(measure('{ partners(first: 5) { edges { node { id } } } }').cost).toBe(1 + 5 * 2);
  });

  it('assumes ten items for a plain list without `first`', () => {
    expect(measure('{ partner(id: "1") { offerings { platform { id } } } }').cost).toBe(1 + (1 + 10 * 1));
  });

  it('leaves introspection fields out of the depth, but charges them as fields', () => {
    expect(measure('{ __typename a: __typename }')).toMatchObject({ fields: 2, depth: 0 });
  });

  it('measures the named operation of a document with several', () => {
    const document = 'query A { partner(id: "1") { id } } query B { partners(first: 2) { totalCount } }';
    expect(measure(document, undefined, 'B')).toMatchObject({ fields: 2, cost: 1 });
    expect(measure(document, undefined, 'A')).toMatchObject({ fields: 2, cost: 1 });
  });

  it('reuses one document (as the parse cache hands it) without reusing a measure that depends on variables or the operation', () => {
    const paged = parse('query Q($n: Int) { partners(first: $n) { edges { node { id } } } }');
    const once = (document: typeof paged, variableValues?: Record<string, unknown>, operationName?: string) =>
      measureExecution({ schema, document, variableValues, operationName });
    expect(once(paged, { n: 2 }).cost).toBe(1 + 2 * 2);
    expect(once(paged, { n: 50 }).cost).toBe(1 + 50 * 2);
    const two = parse('query A { partner(id: "1") { id } } query B { partners(first: 4) { edges { node { id } } } }');
    expect(once(two, undefined, 'B')).toMatchObject({ fields: 4, cost: 1 + 4 * 2 });
    expect(once(two, undefined, 'A')).toMatchObject({ fields: 2, cost: 1 });
    expect(once(two, undefined, 'B')).toMatchObject({ fields: 4, cost: 1 + 4 * 2 });
  });

  it('counts tokens before parsing, stops early past the limit, and leaves unlexable text to the parser', () => {
    expect(countTokens('{ a b c }')).toBe(5);
    expect(countTokens(`{ ${'a '.repeat(10_000)} }`, 100)).toBe(101);
    expect(countTokens('{ "unterminated }')).toBeNull();
  });
});
