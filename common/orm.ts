import { MikroORM, ReflectMetadataProvider, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { MigrationObject } from '@mikro-orm/core';
import { runtimeGrantsSql } from './database-roles';

export interface SubgraphOrmOptions {
  /** PostgreSQL schema the subgraph owns; it never touches another. */
  schema: string;
  databaseUrl: string;
  entities: Options['entities'];
  /** The subgraph's committed migrations, in order. */
  migrations: MigrationObject[];
  /** Source folder of the migrations, where `npm run migration:create` writes new ones. */
  migrationsPath: string;
  poolMax?: number;
}

/** One MikroORM instance per subgraph process, bound to that subgraph's schema. */
export function createOrm(options: SubgraphOrmOptions): Promise<MikroORM> {
  return MikroORM.init({
    clientUrl: options.databaseUrl,
    schema: options.schema,
    entities: options.entities,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    pool: { min: 0, max: options.poolMax ?? 20 },
    // Names the subgraph's connections in pg_stat_activity (operators, and the roles test, read it).
    driverOptions: { connection: { application_name: `prakerja-${options.schema}` } },
    forceUtcTimezone: true,
    allowGlobalContext: false,
    debug: false,
    discovery: { warnWhenNoEntities: true },
    migrations: {
      tableName: `${options.schema}.mikro_orm_migrations`,
      migrationsList: options.migrations,
      path: options.migrationsPath,
      pathTs: options.migrationsPath,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts',
    },
  });
}

/** The serving role whose privileges a migration re-applies, and the tables it may only add to. */
export interface RuntimeAccess {
  appRole: string;
  appendOnlyTables: readonly string[];
}

/**
 * Creates the subgraph's schema if needed and applies its pending migrations, then (run as the schema owner)
 * re-applies the serving role's privileges. A session advisory lock keyed by the schema name serialises
 * replicas that start together, so each migration runs once.
 */
export async function migrate(orm: MikroORM, schema: string, runtime?: RuntimeAccess): Promise<void> {
  const knex = orm.em.getConnection().getKnex();
  const lockKey = `prakerja:migrate:${schema}`;
  await knex.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [lockKey]);
    // CREATE SCHEMA checks the right to create one even when it exists: a schema owner has no such right.
    const { rows } = await trx.raw('SELECT 1 FROM pg_namespace WHERE nspname = ?', [schema]);
    if (!rows.length) await trx.raw(`CREATE SCHEMA "${schema}"`);
  });
  const connection = await knex.client.acquireConnection();
  try {
    await connection.query('SELECT pg_advisory_lock(hashtext($1))', [lockKey]);
    await orm.getMigrator().up();
    if (runtime) {
      await knex.transaction(async (trx) => {
        for (const statement of runtimeGrantsSql(schema, runtime.appRole, runtime.appendOnlyTables)) await trx.raw(statement);
      });
    }
  } finally {
    await connection.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey]).catch(() => undefined);
    await knex.client.releaseConnection(connection);
  }
}

/**
 * Refuses to serve with a role that could bypass the database's protections: a superuser (it can switch
 * triggers off) or the schema's owner (it can alter or drop what it owns).
 */
export async function assertServingRole(orm: MikroORM, schema: string): Promise<void> {
  const [row] = await orm.em.getConnection().execute<Array<{ role: string; superuser: boolean; owner: boolean }>>(
    `SELECT current_user AS role, r.rolsuper AS superuser,
            EXISTS (SELECT 1 FROM pg_namespace n WHERE n.nspname = ? AND n.nspowner = r.oid) AS owner
       FROM pg_roles r WHERE r.rolname = current_user`,
    [schema],
  );
  if (row.superuser || row.owner) {
    throw new Error(
      `the ${schema} subgraph connects to PostgreSQL as ${row.role}, ${row.superuser ? 'a superuser' : `the owner of schema ${schema}`}: ` +
        `serve with a role that owns nothing (README: Database roles)`,
    );
  }
}
