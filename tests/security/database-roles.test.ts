import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { db, gatewayQuery } from '../support/client';

/*
 * Least privilege in PostgreSQL: every subgraph process serves as a role of its own that owns nothing, is no
 * superuser, reaches only its own schema, and cannot get round the append-only record (triggers off, UPDATE,
 * DELETE, TRUNCATE, ALTER). Migrations run as the schema's owner.
 */

// The analytics subgraph has connections open at all times (its projector polls the feeds).
const SUBGRAPHS = ['participants', 'partners', 'courses', 'analytics'] as const;
const urlOf = (name: string) => process.env[`${name.toUpperCase()}_DATABASE_URL`]!;

/** Runs `statement` as the role of `url` in a transaction that is rolled back; the error's message, or null when it ran. */
async function attempt(url: string, statement: string): Promise<string | null> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(statement);
    return null;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    await client.end();
  }
}

describe('database roles', () => {
  it('serves every subgraph as its own role: no superuser, owner of nothing, no right to create roles or databases', async () => {
    // One request that reaches every subgraph, so each has a connection open.
    const res = await gatewayQuery(
      `{ cohorts(first: 1) { totalCount } partners(first: 1) { totalCount } courses(first: 1) { totalCount } }`,
    );
    expect(res.errors).toBeUndefined();
    const { rows } = await db().query(
      `SELECT DISTINCT a.application_name, a.usename, r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolbypassrls,
              EXISTS (SELECT 1 FROM pg_namespace n WHERE n.nspowner = r.oid) AS owns_schema,
              EXISTS (SELECT 1 FROM pg_class c WHERE c.relowner = r.oid) AS owns_relation
         FROM pg_stat_activity a JOIN pg_roles r ON r.rolname = a.usename
        WHERE a.datname = current_database() AND a.application_name = ANY($1) AND a.usename <> current_user
        ORDER BY 1`,
      [SUBGRAPHS.map((name) => `prakerja-${name}`)],
    );
    expect(rows).toEqual(
      [...SUBGRAPHS].sort().map((name) => ({
        application_name: `prakerja-${name}`,
        usename: `prakerja_${name}_app`,
        rolsuper: false,
        rolcreaterole: false,
        rolcreatedb: false,
        rolbypassrls: false,
        owns_schema: false,
        owns_relation: false,
      })),
    );
    // The schema and its tables belong to the owner role, which is no superuser either.
    const owners = await db().query(
      `SELECT n.nspname, pg_get_userbyid(n.nspowner) AS owner, r.rolsuper,
              (SELECT array_agg(DISTINCT pg_get_userbyid(c.relowner)::text) FROM pg_class c WHERE c.relnamespace = n.oid) AS table_owners
         FROM pg_namespace n JOIN pg_roles r ON r.oid = n.nspowner WHERE n.nspname = ANY($1) ORDER BY 1`,
      [SUBGRAPHS],
    );
    expect(owners.rows).toEqual(
      [...SUBGRAPHS].sort().map((name) => ({
        nspname: name,
        owner: `prakerja_${name}_owner`,
        rolsuper: false,
        table_owners: [`prakerja_${name}_owner`],
      })),
    );
  });

  it('keeps the access record and the ledger append-only for the serving role, whatever it tries', async () => {
    const url = urlOf('participants');
    for (const table of ['personal_data_access', 'ledger_entry']) {
      expect(await attempt(url, `SELECT count(*) FROM participants.${table}`)).toBeNull();
      expect(await attempt(url, `DELETE FROM participants.${table}`)).toMatch(/permission denied for table/);
      expect(await attempt(url, `UPDATE participants.${table} SET id = id`)).toMatch(/permission denied for table/);
      expect(await attempt(url, `TRUNCATE participants.${table}`)).toMatch(/permission denied for table/);
      expect(await attempt(url, `ALTER TABLE participants.${table} DISABLE TRIGGER ALL`)).toMatch(/must be owner/);
    }
    // Each source's outbox too: the analytics read model is only as true as the events it was built from.
    for (const source of ['participants', 'partners', 'courses']) {
      expect(await attempt(urlOf(source), `DELETE FROM ${source}.outbox_event`)).toMatch(/permission denied for table/);
      expect(await attempt(urlOf(source), `UPDATE ${source}.outbox_event SET type = type`)).toMatch(/permission denied for table/);
      expect(await attempt(urlOf(source), `TRUNCATE ${source}.outbox_event`)).toMatch(/permission denied for table/);
    }
    // The way round the triggers that a superuser has: refused.
    expect(await attempt(url, `SET session_replication_role = replica`)).toMatch(/permission denied to set parameter/);
    // It still writes what it must: a record row can be added.
    expect(
      await attempt(
        url,
        `INSERT INTO participants.personal_data_access (id, participant_id, accessor_role, fields, accessed_at)
         VALUES (gen_random_uuid(), gen_random_uuid(), 'admin', '{nik}', now())`,
      ),
    ).toBeNull();
  });

  it('stops any statement of a serving role after 9 s, under the gateway’s 10 s wait, so none runs on without its caller', async () => {
    for (const name of SUBGRAPHS) {
      const client = new Client({ connectionString: urlOf(name) });
      await client.connect();
      try {
        expect((await client.query('SHOW statement_timeout')).rows[0].statement_timeout).toBe('9s');
      } finally {
        await client.end();
      }
    }
  });

  it('gives each serving role its own schema only, and no right to change any schema', async () => {
    const probes = {
      participants: 'participants.participant',
      partners: 'partners.partner',
      courses: 'courses.course',
      analytics: 'analytics.participant_dim',
    };
    for (const name of SUBGRAPHS) {
      for (const [other, table] of Object.entries(probes)) {
        const refused = await attempt(urlOf(name), `SELECT 1 FROM ${table} LIMIT 1`);
        if (other === name) expect(refused).toBeNull();
        else expect([name, other, refused]).toEqual([name, other, `permission denied for schema ${other}`]);
      }
      expect(await attempt(urlOf(name), `CREATE TABLE ${name}.intruder (id int)`)).toMatch(/permission denied for schema/);
      expect(await attempt(urlOf(name), `CREATE SCHEMA intruder`)).toMatch(/permission denied for database/);
    }
  });

  it('refuses to start a subgraph that would serve as a superuser', async () => {
    const child = spawn(process.execPath, [resolve(__dirname, '../../dist/subgraphs/partners/index.js')], {
      env: { ...process.env, PARTNERS_DATABASE_URL: process.env.TEST_DATABASE_URL!, PARTNERS_PORT: '0', NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    const code = await new Promise<number | null>((done) => child.once('exit', done));
    expect(code).toBe(1);
    expect(output).toMatch(/connects to PostgreSQL as \w+, a superuser: serve with a role that owns nothing/);
  });
});
