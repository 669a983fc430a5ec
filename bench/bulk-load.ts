import { Client } from 'pg';
import { benchDatabase } from './database';
import { seededRandom } from '../seed/catalog';
import { copyRows } from '../seed/bulk/copy';
import { emptyPeople, PARTICIPANT_COLUMNS, participantRows } from '../seed/bulk/people';
import { NO_PROGRESS } from '../seed/bulk/progress';
import { allDistricts, allProvinces } from '../subgraphs/participants/nik/regions';

/**
 * Which bulk path loads participants faster here, measured in one run, rounds interleaved (A B C A B C …):
 *   A  COPY of rows this process generates (the seed's path), into a table without indexes;
 *   B  INSERT … SELECT generate_series, PostgreSQL generating comparable rows itself, same table;
 *   C  the COPY of A into a table with the participant table's indexes and constraints;
 *   D  the seed's way: the COPY of A into the bare table, then each of C's indexes built once.
 * Prints rows per second of each and the ratios. DATABASE_URL (an administrator's, never a shared test
 * database) or an embedded server on BENCH_EMBEDDED_PG_PORT; it writes only its own schema, bench_bulk.
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 200_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const GENERATE_SERIES = `
INSERT INTO bench_bulk.bare (${PARTICIPANT_COLUMNS.join(', ')})
SELECT ('b1000000-0000-8000-8000-' || lpad(to_hex(g), 12, '0'))::uuid,
       x.d || lpad((extract(day FROM x.b)::int + CASE WHEN x.female THEN 40 ELSE 0 END)::text, 2, '0') || to_char(x.b, 'MMYY') || lpad((1 + g % 9999)::text, 4, '0'),
       x.d || lpad((5000000000 + g)::text, 10, '0'),
       ($4::text[])[1 + g % array_length($4::text[], 1)] || ' ' || ($5::text[])[1 + (g / 7) % array_length($5::text[], 1)],
       x.b, CASE WHEN x.female THEN 'FEMALE' ELSE 'MALE' END::participants.gender,
       left(x.d, 2), x.province_name, x.d,
       'orang.' || g || '@example.id', '08' || (1100000000 + g * 7), 'Jl. Merdeka No. ' || (1 + g % 200) || ', ' || x.province_name,
       g % 97 <> 5, 'NOT_IN_EDUCATION'::participants.education_status, 'UNEMPLOYED'::participants.occupation,
       'NOT_DUE'::participants.incentive_status, now() - interval '380 days' + g * interval '26 seconds'
FROM generate_series($1::int, $2::int - 1) g
CROSS JOIN LATERAL (SELECT d.code AS d, d.province_name, date '1966-01-01' + (hashint4(g + 1) & 2147483647) % 13870 AS b, g % 2 = 0 AS female
                    FROM bench_bulk.district d WHERE d.n = (hashint4(g) & 2147483647) % $3::int) x`;

async function main(): Promise<void> {
  const db = await benchDatabase('postgres-bench', 5098);
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    await client.query(`SELECT 1 FROM pg_namespace WHERE nspname = 'participants'`).then(({ rowCount }) => {
      if (!rowCount) throw new Error('run npm run seed against this database first (the participants schema is the template)');
    });
    await client.query(`SET synchronous_commit = off; SET maintenance_work_mem = '256MB'`);
    await client.query(`DROP SCHEMA IF EXISTS bench_bulk CASCADE; CREATE SCHEMA bench_bulk`);
    await client.query(`CREATE TABLE bench_bulk.bare (LIKE participants.participant INCLUDING DEFAULTS)`);
    await client.query(`CREATE TABLE bench_bulk.indexed (LIKE participants.participant INCLUDING ALL)`);
    // The districts with their province's name, looked up by number: what B draws from, as A does in memory.
    const provinces = new Map(allProvinces());
    const districts = [...allDistricts()];
    await client.query(`CREATE TABLE bench_bulk.district (n int PRIMARY KEY, code text, province_name text)`);
    await client.query(
      `INSERT INTO bench_bulk.district SELECT n - 1, code, $2::jsonb ->> left(code, 2) FROM unnest($1::text[]) WITH ORDINALITY AS u(code, n)`,
      [districts, JSON.stringify(Object.fromEntries(provinces))],
    );
    await client.query(`CREATE TABLE bench_bulk.deferred (LIKE participants.participant INCLUDING DEFAULTS)`);
    const indexes = await client.query<{ sql: string }>(
      `SELECT replace(pg_get_indexdef(i.indexrelid), 'bench_bulk.indexed', 'bench_bulk.deferred') AS sql
       FROM pg_index i WHERE i.indrelid = 'bench_bulk.indexed'::regclass`,
    );
    const names = [
      ['Budi', 'Siti', 'Agus', 'Dewi'],
      ['Santoso', 'Wijaya', 'Saputra', 'Lubis'],
    ];
    // The same definitions under their own names (an index name is unique in its schema).
    const deferredIndexes = indexes.rows.map(({ sql }) => {
      const name = `deferred_${sql.match(/INDEX (\S+) ON/)![1]}`;
      return { name, sql: sql.replace(/INDEX (\S+) ON/, `INDEX ${name} ON`) };
    });
    const results: Record<string, number[]> = { A: [], B: [], C: [], D: [] };
    const timed = async (label: string, run: () => Promise<unknown>) => {
      await client.query('TRUNCATE bench_bulk.bare, bench_bulk.indexed, bench_bulk.deferred');
      for (const { name } of deferredIndexes) await client.query(`DROP INDEX IF EXISTS bench_bulk.${name}`);
      const started = process.hrtime.bigint();
      await run();
      results[label].push(ROWS / (Number(process.hrtime.bigint() - started) / 1e9));
    };
    const copyInto = (table: string) => () => {
      const people = emptyPeople(ROWS);
      return copyRows(
        client,
        `bench_bulk.${table}`,
        PARTICIPANT_COLUMNS,
        participantRows(people, seededRandom(7), new Date()),
        NO_PROGRESS,
      );
    };
    for (let round = 0; round < ROUNDS; round++) {
      await timed('A', copyInto('bare'));
      await timed('B', () => client.query(GENERATE_SERIES, [0, ROWS, districts.length, names[0], names[1]]));
      await timed('C', copyInto('indexed'));
      await timed('D', async () => {
        await copyInto('deferred')();
        for (const { sql } of deferredIndexes) await client.query(sql);
      });
      const at = (k: string) => results[k][round].toFixed(0);
      console.log(`round ${round + 1}: A ${at('A')}  B ${at('B')}  C ${at('C')}  D ${at('D')} rows/s`);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const [a, b, c, d] = [median(results.A), median(results.B), median(results.C), median(results.D)];
    console.log(`${ROWS.toLocaleString('en')} participants per load, ${ROUNDS} interleaved rounds, medians:`);
    console.log(`  A COPY (Node-generated rows), no indexes:     ${a.toFixed(0)} rows/s`);
    console.log(`  B INSERT … SELECT generate_series, no indexes: ${b.toFixed(0)} rows/s   A/B = ${(a / b).toFixed(2)}`);
    console.log(`  C COPY into the indexed table:               ${c.toFixed(0)} rows/s`);
    console.log(`  D COPY, then the same indexes built once:     ${d.toFixed(0)} rows/s   D/C = ${(d / c).toFixed(2)}`);
    await client.query('DROP SCHEMA bench_bulk CASCADE');
  } finally {
    await client.end();
    await db.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
