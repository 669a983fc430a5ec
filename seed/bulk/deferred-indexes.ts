import type { Client } from 'pg';

interface Saved {
  /** Foreign keys touching the loaded tables, in either direction: re-added last, each checked in one pass. */
  foreignKeys: Array<{ table: string; name: string; definition: string }>;
  /** Primary keys and unique constraints of the loaded tables. */
  keys: Array<{ table: string; name: string; definition: string }>;
  /** Plain indexes of the loaded tables (their full CREATE INDEX statement). */
  indexes: string[];
  indexNames: string[];
}

/**
 * Drops the indexes and constraints of `tables` (in `schema`), in the caller's transaction, and returns the
 * SQL that creates them again, as one multi-statement string: sent at once, PostgreSQL builds them while
 * this process goes on with other work (its event loop may even be busy). Building a b-tree once by sorting
 * is several times cheaper than growing it a row at a time, and a foreign key added to a full table is
 * checked by one join instead of one lookup per row. Every constraint comes back exactly as the migrations
 * made it (its definition read from the catalogue) and is checked over every row on the way back, so
 * nothing goes unenforced: a violating row fails the seed. Needs the tables' owner; an error rolls back.
 */
export async function deferIndexes(client: Client, schema: string, tables: readonly string[]): Promise<string> {
  const saved = await saveDefinitions(client, schema, tables);
  const drops = [
    ...saved.foreignKeys.map((fk) => `ALTER TABLE ${schema}.${fk.table} DROP CONSTRAINT ${fk.name}`),
    ...saved.keys.map((key) => `ALTER TABLE ${schema}.${key.table} DROP CONSTRAINT ${key.name}`),
    ...saved.indexNames.map((name) => `DROP INDEX ${schema}.${name}`),
  ];
  await client.query(drops.join(';\n'));
  return [
    ...saved.keys.map((key) => `ALTER TABLE ${schema}.${key.table} ADD CONSTRAINT ${key.name} ${key.definition}`),
    ...saved.indexes,
    ...saved.foreignKeys.map((fk) => `ALTER TABLE ${schema}.${fk.table} ADD CONSTRAINT ${fk.name} ${fk.definition}`),
  ].join(';\n');
}

async function saveDefinitions(client: Client, schema: string, tables: readonly string[]): Promise<Saved> {
  const constraints = await client.query<{ table: string; name: string; definition: string; type: string }>(
    `SELECT t.relname AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS definition, c.contype AS type
     FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
     LEFT JOIN pg_class r ON r.oid = c.confrelid
     WHERE n.nspname = $1 AND (
       (c.contype IN ('p', 'u') AND t.relname = ANY($2)) OR
       (c.contype = 'f' AND (t.relname = ANY($2) OR r.relname = ANY($2))))
     ORDER BY c.contype DESC, t.relname, c.conname`,
    [schema, tables],
  );
  const indexes = await client.query<{ name: string; definition: string }>(
    `SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
     WHERE i.schemaname = $1 AND i.tablename = ANY($2)
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)`,
    [schema, tables],
  );
  return {
    foreignKeys: constraints.rows.filter((c) => c.type === 'f'),
    keys: constraints.rows.filter((c) => c.type !== 'f'),
    indexes: indexes.rows.map((i) => i.definition),
    indexNames: indexes.rows.map((i) => i.name),
  };
}
