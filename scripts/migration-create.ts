import 'reflect-metadata';
import { readdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { projectRoot } from '../common/config';
import { startDatabase } from '../common/database';
import { provisionSubgraphRoles, userOf } from '../common/database-roles';
import { migrate } from '../common/orm';
import { SUBGRAPHS, type SubgraphName } from '../common/topology';
import { helpOnRequest } from './cli';
import { APPEND_ONLY_TABLES, ORM_FACTORIES } from './subgraph-orms';

/**
 * `npm run migration:create -- <subgraph>`: applies the subgraph's migrations, diffs its entities against
 * the database and writes the difference as a new migration, then lists it in migrations/index.ts.
 */
async function createMigration(name: SubgraphName): Promise<void> {
  const db = await startDatabase();
  // As the schema owner, as every migration runs: the objects it creates are the owner's.
  const { url, migrationUrl } = (await provisionSubgraphRoles(db.url, [name]))[name];
  const orm = await ORM_FACTORIES[name](migrationUrl!);
  try {
    await migrate(orm, name, { appRole: userOf(url), appendOnlyTables: APPEND_ONLY_TABLES[name] });
    const result = await orm.getMigrator().createMigration();
    console.log(result.fileName ? `wrote ${result.fileName}` : 'no changes: no migration written');
    writeIndex(name);
  } finally {
    await orm.close();
    await db.stop();
  }
}

function writeIndex(name: SubgraphName): void {
  const dir = resolve(projectRoot, 'subgraphs', name, 'migrations');
  const files = readdirSync(dir)
    .filter((f) => /^Migration\d+.*\.ts$/.test(f))
    .sort();
  const classes = files.map((f) => f.replace(/\.ts$/, ''));
  const source = [
    "import type { MigrationObject } from '@mikro-orm/core';",
    ...classes.map((c) => `import { ${c} } from './${c}';`),
    '',
    `/** This subgraph's migrations in order; \`npm run migration:create -- ${name}\` appends to it. */`,
    'export const migrations: MigrationObject[] = [',
    ...classes.map((c) => `  { name: '${c}', class: ${c} },`),
    '];',
    '',
  ].join('\n');
  writeFileSync(resolve(dir, 'index.ts'), source);
}

const USAGE = `
usage: npm run migration:create -- <${SUBGRAPHS.map((s) => s.name).join('|')}>

Applies the subgraph's migrations to DATABASE_URL (or the embedded PostgreSQL), diffs its entities against
the database, writes the difference as a new migration in subgraphs/<name>/migrations and lists it in index.ts.
`;
helpOnRequest(USAGE);
const name = process.argv[2] as SubgraphName;
if (!SUBGRAPHS.some((s) => s.name === name)) {
  console.error(USAGE.trim());
  process.exit(2);
}
createMigration(name).catch((error) => {
  console.error(error);
  process.exit(1);
});
