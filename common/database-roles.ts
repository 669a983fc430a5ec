import { createHmac } from 'node:crypto';
import { Client } from 'pg';
import { envReader, readSecret } from './config';

/*
 * Least privilege in PostgreSQL. Each subgraph has two login roles: the owner of its schema, which runs the
 * migrations, and the role its process serves with, which owns nothing and may only read and write the rows
 * of its own schema (INSERT and SELECT only on append-only tables). Neither is a superuser, so neither can
 * switch the append-only triggers off (`session_replication_role`); the serving role cannot alter a table
 * either. Operators create the roles themselves in production (README: Database roles); development and the
 * tests create them here from the administrator's DATABASE_URL.
 */

export interface SubgraphRoles {
  /** Owns the schema and its objects; runs migrations. */
  owner: string;
  /** Serves requests: DML on the schema's tables, nothing else. */
  app: string;
}

export const rolesOf = (schema: string): SubgraphRoles => ({ owner: `prakerja_${schema}_owner`, app: `prakerja_${schema}_app` });

/** Where a subgraph connects: as its serving role, and (optionally) as its schema owner to migrate first. */
export interface SubgraphDatabase {
  url: string;
  migrationUrl?: string;
}

/** `<NAME>_DATABASE_URL` (the serving role) and `<NAME>_MIGRATION_DATABASE_URL` (the owner; unset: no migration at start). */
export function subgraphDatabaseOf(name: string, env = process.env): SubgraphDatabase {
  const read = envReader(env);
  const prefix = name.toUpperCase();
  return { url: read.string(`${prefix}_DATABASE_URL`), migrationUrl: read.optional(`${prefix}_MIGRATION_DATABASE_URL`) };
}

/**
 * A role's password: `<ROLE>_PASSWORD` when given (e.g. PRAKERJA_PARTICIPANTS_APP_PASSWORD, as a deployment
 * sets it), else derived from DATABASE_ROLE_SECRET so that every process of a development checkout agrees on it.
 */
const passwordOf = (role: string, env = process.env) =>
  envReader(env).optional(`${role.toUpperCase()}_PASSWORD`) ??
  createHmac('sha256', readSecret('DATABASE_ROLE_SECRET', env)).update(role).digest('hex');

const withUser = (adminUrl: string, user: string, password: string) => {
  const url = new URL(adminUrl);
  url.username = user;
  url.password = password;
  return url.toString();
};

/** What an operator runs, as an administrator, once per subgraph schema (idempotent). */
export function provisioningSql(schema: string, roles: SubgraphRoles, passwords: SubgraphRoles): string[] {
  const login = (role: string, password: string) => `
    DO $$ BEGIN
      CREATE ROLE "${role}";
    EXCEPTION WHEN duplicate_object THEN NULL;
    END $$;
    ALTER ROLE "${role}" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '${password.replace(/'/g, "''")}'`;
  return [
    login(roles.owner, passwords.owner),
    login(roles.app, passwords.app),
    `CREATE SCHEMA IF NOT EXISTS "${schema}" AUTHORIZATION "${roles.owner}"`,
    `ALTER SCHEMA "${schema}" OWNER TO "${roles.owner}"`,
    // A schema made before the roles existed (by a superuser) is handed over whole: tables, sequences, types, functions.
    `DO $$ DECLARE o record; BEGIN
      FOR o IN SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE n.nspname = '${schema}' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
                 AND pg_get_userbyid(c.relowner) <> '${roles.owner}'
                 AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i'))) LOOP
        EXECUTE format('ALTER %s %I.%I OWNER TO %I', CASE o.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END,
                       '${schema}', o.relname, '${roles.owner}');
      END LOOP;
      FOR o IN SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
               WHERE n.nspname = '${schema}' AND t.typtype IN ('e', 'd') AND pg_get_userbyid(t.typowner) <> '${roles.owner}' LOOP
        EXECUTE format('ALTER TYPE %I.%I OWNER TO %I', '${schema}', o.typname, '${roles.owner}');
      END LOOP;
      FOR o IN SELECT p.oid::regprocedure AS fn FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
               WHERE n.nspname = '${schema}' AND pg_get_userbyid(p.proowner) <> '${roles.owner}' LOOP
        EXECUTE format('ALTER FUNCTION %s OWNER TO %I', o.fn, '${roles.owner}');
      END LOOP;
    END $$`,
    `GRANT USAGE ON SCHEMA "${schema}" TO "${roles.app}"`,
    // No statement of a serving process outlives the gateway's wait for it (10 s by default): a query whose
    // caller is gone stops instead of running on. Migrations, as the owner, are not bound by it.
    `ALTER ROLE "${roles.app}" SET statement_timeout = '${SERVING_STATEMENT_TIMEOUT}'`,
  ];
}

/** Longest a serving role's statement may run: under the gateway's default upstream timeout of 10 s. */
export const SERVING_STATEMENT_TIMEOUT = '9s';

/**
 * Creates (or updates) every subgraph's roles and schema from an administrator's connection, and returns
 * where each subgraph connects. Serialised by an advisory lock: stacks starting together do it once each.
 */
export async function provisionSubgraphRoles(adminUrl: string, schemas: readonly string[], env = process.env) {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  const databases: Record<string, SubgraphDatabase> = {};
  try {
    await client.query('BEGIN');
    // Roles are shared by every database of the server: one provisioning at a time, whichever database.
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('prakerja:roles'))`);
    for (const schema of schemas) {
      const roles = rolesOf(schema);
      const passwords = { owner: passwordOf(roles.owner, env), app: passwordOf(roles.app, env) };
      for (const statement of provisioningSql(schema, roles, passwords)) await client.query(statement);
      databases[schema] = {
        url: withUser(adminUrl, roles.app, passwords.app),
        migrationUrl: withUser(adminUrl, roles.owner, passwords.owner),
      };
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
  return databases;
}

/** The environment that points each subgraph process at its own roles. */
export function subgraphDatabaseEnv(databases: Record<string, SubgraphDatabase>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, { url, migrationUrl }] of Object.entries(databases)) {
    env[`${name.toUpperCase()}_DATABASE_URL`] = url;
    if (migrationUrl) env[`${name.toUpperCase()}_MIGRATION_DATABASE_URL`] = migrationUrl;
  }
  return env;
}

/**
 * The serving role's privileges, re-applied by the owner after every migration so that new tables are
 * covered: read and write rows everywhere in the schema, but only add to append-only tables.
 */
export function runtimeGrantsSql(schema: string, appRole: string, appendOnlyTables: readonly string[]): string[] {
  return [
    `GRANT USAGE ON SCHEMA "${schema}" TO "${appRole}"`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "${schema}" TO "${appRole}"`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "${schema}" TO "${appRole}"`,
    ...appendOnlyTables.map((table) => `REVOKE UPDATE, DELETE, TRUNCATE ON "${schema}"."${table}" FROM "${appRole}"`),
  ];
}

/** The user name a connection string logs in as. */
export const userOf = (url: string) => decodeURIComponent(new URL(url).username);
