import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { transformSupergraphToPublicSchema } from '@theguild/federation-composition';
import { buildASTSchema, parse, validate } from 'graphql';
import { CONTRACT_DIR, CONTRACT_DOCUMENTS, contractPresent, DOCUMENTS_DIR, documentFiles } from './documents';

/** The API schema clients see: the committed supergraph without federation machinery and @inaccessible parts. */
const apiSchema = () =>
  buildASTSchema(transformSupergraphToPublicSchema(parse(readFileSync(resolve(__dirname, '../../schema/supergraph.graphql'), 'utf8'))));

describe('partner contract documents', () => {
  it('are all present, one operation per file named after it', () => {
    expect(documentFiles()).toEqual(CONTRACT_DOCUMENTS.map((d) => `${d}.graphql`));
    for (const name of CONTRACT_DOCUMENTS) {
      const doc = parse(readFileSync(resolve(DOCUMENTS_DIR, `${name}.graphql`), 'utf8'));
      expect(doc.definitions).toHaveLength(1);
      expect(doc.definitions[0]).toMatchObject({ kind: 'OperationDefinition', name: { value: name } });
    }
  });

  it('validate against the API schema of the committed supergraph', () => {
    const schema = apiSchema();
    // Sanity: the transform really hides internal operations (otherwise this test could not fail for them).
    expect(schema.getQueryType()!.getFields().walletCard).toBeUndefined();
    for (const file of documentFiles()) {
      const errors = validate(schema, parse(readFileSync(resolve(DOCUMENTS_DIR, file), 'utf8')));
      expect({ file, errors: errors.map((e) => e.message) }).toEqual({ file, errors: [] });
    }
  });

  (contractPresent() ? it : it.skip)('are byte-identical to the fixed contract beside the clone', () => {
    const contract = readdirSync(CONTRACT_DIR)
      .filter((f) => f.endsWith('.graphql'))
      .sort();
    expect(documentFiles()).toEqual(contract);
    for (const file of contract) {
      const same = readFileSync(resolve(DOCUMENTS_DIR, file)).equals(readFileSync(resolve(CONTRACT_DIR, file)));
      expect({ file, same }).toEqual({ file, same: true });
    }
  });
});
