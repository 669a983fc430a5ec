import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

/* The deployment's migration step (a Job before each rollout) against the test stack's database and roles. */

const run = promisify(execFile);
const { SUBGRAPHS } = require('../../dist/common/topology') as typeof import('../../common/topology');
const migrate = resolve(__dirname, '../../dist/scripts/migrate.js');

describe('migrate.js', () => {
  it('migrates every schema as its owner, a no-op when nothing is pending, and exits 0', async () => {
    const { stdout } = await run(process.execPath, [migrate], { env: process.env });
    expect(stdout.trim().split('\n')).toEqual(SUBGRAPHS.map((s) => `migrated ${s.name}`));
  });

  it('refuses an unknown subgraph, and a subgraph without its owner connection, before touching anything', async () => {
    await expect(run(process.execPath, [migrate, 'payments'], { env: process.env })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('unknown subgraph: payments'),
    });
    const env = { ...process.env, PARTNERS_MIGRATION_DATABASE_URL: '' };
    await expect(run(process.execPath, [migrate, 'partners'], { env })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('PARTNERS_MIGRATION_DATABASE_URL is required to migrate partners'),
    });
  });
});
