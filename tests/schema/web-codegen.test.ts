import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/*
 * The web client's typed documents and persisted documents (hash -> text, which the gateway loads) are generated
 * from the committed supergraph and the app's documents: the committed files must be what the generator writes
 * now, or the app and the gateway disagree on what a hash means.
 */
const root = resolve(__dirname, '../..');
const committed = resolve(root, 'web/src/gql');

it('web/src/gql is what GraphQL Code Generator writes from schema/supergraph.graphql', () => {
  const out = mkdtempSync(join(tmpdir(), 'web-codegen-'));
  try {
    execFileSync(resolve(root, 'node_modules/.bin/graphql-codegen'), ['--config', 'web/codegen.cjs', '--silent'], {
      cwd: root,
      env: { ...process.env, WEB_CODEGEN_OUT: `${out}/` },
      stdio: 'pipe',
    });
    const files = readdirSync(out).sort();
    expect(readdirSync(committed).sort()).toEqual(files);
    for (const file of files) {
      expect({ file, text: readFileSync(join(committed, file), 'utf8') }).toEqual({ file, text: readFileSync(join(out, file), 'utf8') });
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
