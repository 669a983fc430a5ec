import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(__dirname, '../..');
/**
 * Runs the generator from dist/ in a child process: GraphQL Code Generator loads an ES module (auto-bind) that
 * Node 20 requires natively but Jest's module sandbox does not.
 */
const codegenCheck = () => spawnSync(process.execPath, [resolve(root, 'dist/scripts/codegen.js'), '--check'], { encoding: 'utf8' });

/**
 * The internal clients' operation types (subgraphs/courses/shared/*.operations.generated.ts) are generated from
 * their documents and the target subgraph's committed SDL; after changing either, `npm run codegen`, and the
 * build then checks every caller.
 */
describe('generated internal-client types', () => {
  it('are what GraphQL Code Generator makes of the current documents and SDL', () => {
    const run = codegenCheck();
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  });

  it('are reported stale when they differ, and a document the subgraph cannot answer fails the generation', () => {
    const file = resolve(root, 'subgraphs/courses/shared/partners.operations.generated.ts');
    const documents = resolve(root, 'dist/subgraphs/courses/shared/partners.operations.js');
    const saved = { file: readFileSync(file, 'utf8'), documents: readFileSync(documents, 'utf8') };
    try {
      writeFileSync(file, saved.file.replace('status: PartnerStatus', 'status: string'));
      expect(codegenCheck()).toMatchObject({ status: 1, stderr: expect.stringMatching(/stale.*partners\.operations\.generated\.ts/) });
      writeFileSync(file, saved.file);
      writeFileSync(documents, saved.documents.replace(/(partner\(id: \$id\) \{\s*)status/, '$1statusTypo'));
      expect(codegenCheck()).toMatchObject({ status: 2, stderr: expect.stringMatching(/statusTypo/) });
    } finally {
      writeFileSync(file, saved.file);
      writeFileSync(documents, saved.documents);
    }
  });
});
