import { MikroORM, ReflectMetadataProvider, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { MigrationObject } from '@mikro-orm/core';

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

/**
 * Creates the subgraph's schema if needed and applies its pending migrations. A session advisory lock keyed
 * by the schema name serialises replicas that start together, so each migration runs once.
 */
export async function migrate(orm: MikroORM, schema: string): Promise<void> {
  const knex = orm.em.getConnection().getKnex();
  const lockKey = `prakerja:migrate:${schema}`;
  await knex.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [lockKey]);
    await trx.raw(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  });
  const connection = await knex.client.acquireConnection();
  try {
    await connection.query('SELECT pg_advisory_lock(hashtext($1))', [lockKey]);
    await orm.getMigrator().up();
  } finally {
    await connection.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey]).catch(() => undefined);
    await knex.client.releaseConnection(connection);
  }
}
