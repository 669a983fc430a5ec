import 'reflect-metadata';
import { subgraphDatabaseOf, userOf } from '../common/database-roles';
import { migrate } from '../common/orm';
import { SUBGRAPHS, type SubgraphName } from '../common/topology';
import { APPEND_ONLY_TABLES, ORM_FACTORIES } from './subgraph-orms';

/**
 * `node dist/scripts/migrate.js [subgraph…]`: migrates each named subgraph's schema (all by default) as its
 * owner (`<NAME>_MIGRATION_DATABASE_URL`), re-granting its serving role (`<NAME>_DATABASE_URL`), then exits.
 * A deployment runs it once before rolling out, and gives the serving processes no owner URL.
 */
async function main(names: SubgraphName[]): Promise<void> {
  for (const name of names) {
    const { url, migrationUrl } = subgraphDatabaseOf(name);
    if (!migrationUrl) throw new Error(`${name.toUpperCase()}_MIGRATION_DATABASE_URL is required to migrate ${name}`);
    const orm = await ORM_FACTORIES[name](migrationUrl);
    try {
      await migrate(orm, name, { appRole: userOf(url), appendOnlyTables: APPEND_ONLY_TABLES[name] });
      console.log(`migrated ${name}`);
    } finally {
      await orm.close();
    }
  }
}

const known = SUBGRAPHS.map((s) => s.name) as SubgraphName[];
const asked = process.argv.slice(2);
if (asked.some((a) => a === '--help' || a === '-h')) {
  console.log(`usage: node dist/scripts/migrate.js [${known.join('|')} …]   (all when none is named)`);
  process.exit(0);
}
const unknown = asked.filter((a) => !known.includes(a as SubgraphName));
if (unknown.length) {
  console.error(`unknown subgraph: ${unknown.join(', ')} (known: ${known.join(', ')})`);
  process.exit(2);
}
main(asked.length ? (asked as SubgraphName[]) : known).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
