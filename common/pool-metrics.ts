import type { MikroORM } from '@mikro-orm/postgresql';
import { Counter, Gauge } from 'prom-client';
import { registry } from './metrics';

/** What knex's pool (tarn) tells about itself. */
interface TarnPool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  max: number;
}

/**
 * Gauges of the subgraph's database pool, read at each scrape: connections in use and idle, requests waiting
 * for one (the pool is exhausted when this grows), and the pool's ceiling.
 */
export function registerPoolMetrics(orm: MikroORM): void {
  // The last ORM of the process is the one measured (a test may start a subgraph twice in one process).
  for (const name of ['prakerja_db_pool_connections', 'prakerja_db_pool_waiting', 'prakerja_db_pool_max', 'prakerja_db_statements_total'])
    registry.removeSingleMetric(name);
  const pool = () => (orm.em.getConnection().getKnex().client as { pool?: TarnPool }).pool;
  // Every round trip to PostgreSQL (BEGIN and COMMIT included): what a request costs the database, by count.
  const statements = new Counter({
    name: 'prakerja_db_statements_total',
    help: 'Statements this process sent to PostgreSQL (transaction control included).',
    registers: [registry],
  });
  orm.em
    .getConnection()
    .getKnex()
    .on('query', () => statements.inc());
  new Gauge({
    name: 'prakerja_db_pool_connections',
    help: 'Database connections of this process, by state (in_use, idle).',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const current = pool();
      this.set({ state: 'in_use' }, current?.numUsed() ?? 0);
      this.set({ state: 'idle' }, current?.numFree() ?? 0);
    },
  });
  new Gauge({
    name: 'prakerja_db_pool_waiting',
    help: 'Requests waiting for a database connection.',
    registers: [registry],
    collect() {
      this.set(pool()?.numPendingAcquires() ?? 0);
    },
  });
  new Gauge({
    name: 'prakerja_db_pool_max',
    help: 'Most database connections this process opens.',
    registers: [registry],
    collect() {
      this.set(pool()?.max ?? 0);
    },
  });
}
