import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CriticalityLevel, diff } from '@graphql-inspector/core';
import { transformSupergraphToPublicSchema } from '@theguild/federation-composition';
import { buildASTSchema, parse } from 'graphql';

const schemaFile = (path: string) => resolve(__dirname, '../../schema', path);
/** What clients see: the supergraph without federation machinery and @inaccessible (internal) parts. */
const publicSchema = (path: string) => buildASTSchema(transformSupergraphToPublicSchema(parse(readFileSync(schemaFile(path), 'utf8'))));

interface Acknowledgement {
  /** The change as graphql-inspector words it. */
  change: string;
  /** Why breaking clients is acceptable (who is affected, what they do). */
  reason: string;
}

/**
 * A change that would break a client must be deliberate: the committed supergraph is compared with the baseline
 * (schema/baseline/supergraph.graphql, the schema clients were last given) and every breaking change must be
 * listed, with a reason, in schema/baseline/acknowledged-breaking-changes.json. `npm run schema:baseline`
 * moves the baseline on and empties the list.
 */
describe('breaking changes against the baseline supergraph', () => {
  const acknowledged = JSON.parse(readFileSync(schemaFile('baseline/acknowledged-breaking-changes.json'), 'utf8')) as Acknowledgement[];
  let breaking: string[];
  beforeAll(async () => {
    const changes = await diff(publicSchema('baseline/supergraph.graphql'), publicSchema('supergraph.graphql'));
    breaking = changes.filter((c) => c.criticality.level === CriticalityLevel.Breaking).map((c) => c.message);
  });

  it('has none that is not acknowledged with a reason', () => {
    const listed = new Set(acknowledged.map((a) => a.change));
    expect(breaking.filter((change) => !listed.has(change))).toEqual([]);
    expect(acknowledged.filter((a) => !a.reason?.trim()).map((a) => a.change)).toEqual([]);
  });

  it('acknowledges only changes that are still there (the list is cleared with the baseline)', () => {
    const current = new Set(breaking);
    expect(acknowledged.map((a) => a.change).filter((change) => !current.has(change))).toEqual([]);
  });

  it('sees real breaking changes (a schema without the baseline’s queries is one)', async () => {
    const changes = await diff(publicSchema('baseline/supergraph.graphql'), buildASTSchema(parse('type Query { ping: Int }')));
    expect(changes.some((c) => c.criticality.level === CriticalityLevel.Breaking && /eligibility/.test(c.message))).toBe(true);
  });
});
