import { envReader } from '../common/config';
import { provisionSubgraphRoles, provisioningSql, rolesOf } from '../common/database-roles';
import { SUBGRAPHS } from '../common/topology';

/**
 * `node dist/scripts/db-roles.js [--sql]`: creates (or updates) each subgraph's owner and serving roles and its
 * schema, from the administrator's DATABASE_URL; passwords from `<ROLE>_PASSWORD` (for example
 * PRAKERJA_PARTICIPANTS_APP_PASSWORD). `--sql` prints the statements instead, for an operator to run.
 */
async function main(args: string[]): Promise<void> {
  const schemas = SUBGRAPHS.map((s) => s.name);
  if (args.includes('--help') || args.includes('-h')) {
    console.log('usage: node dist/scripts/db-roles.js [--sql]   (DATABASE_URL: an administrator of the database)');
    return;
  }
  if (args.includes('--sql')) {
    for (const schema of schemas) {
      const roles = rolesOf(schema);
      const placeholders = { owner: `<${roles.owner} password>`, app: `<${roles.app} password>` };
      console.log(`-- ${schema}\n${provisioningSql(schema, roles, placeholders).join(';\n')};\n`);
    }
    return;
  }
  await provisionSubgraphRoles(envReader().string('DATABASE_URL'), schemas);
  for (const schema of schemas) console.log(`roles ready: ${rolesOf(schema).owner}, ${rolesOf(schema).app}`);
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
