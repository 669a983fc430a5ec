import type { Client } from 'pg';
import { outboxBackfillSql, type OutboxBackfill } from '../../common/outbox-sql';
import { BACKFILL as COURSES_BACKFILL } from '../../subgraphs/courses/migrations/Migration20261202210000';
import { BACKFILL as PARTICIPANTS_BACKFILL } from '../../subgraphs/participants/migrations/Migration20261202210000';

const BACKFILLS: Record<'participants' | 'courses', OutboxBackfill[]> = {
  participants: PARTICIPANTS_BACKFILL,
  courses: COURSES_BACKFILL,
};

/** Rows this transaction inserted or updated: the year being loaded, not the demo catalogue loaded before it. */
const WRITTEN_BY_THIS_TRANSACTION = 'r.xmin = pg_current_xact_id()::xid';

/**
 * Switches the outbox row triggers of `schema` off for the caller's transaction and returns what writes the
 * loaded rows' events instead. A row trigger per COPY-loaded row cost four times the load itself; one
 * INSERT … SELECT per table (the outbox migration's own backfill, restricted to this transaction's rows)
 * writes one event per row, carrying its final state, in the order the projection applies them. ALTER TABLE
 * holds its lock to commit, so no other writer can slip a change past the disabled triggers, and a rollback
 * turns them on again with everything else. Needs the tables' owner.
 */
export async function outboxDeferred(client: Client, schema: 'participants' | 'courses'): Promise<() => Promise<void>> {
  const backfills = BACKFILLS[schema];
  const triggers = (action: 'DISABLE' | 'ENABLE') =>
    backfills.map((b) => `ALTER TABLE ${schema}.${b.table} ${action} TRIGGER outbox_${b.table}`).join(';\n');
  await client.query(triggers('DISABLE'));
  return async () => {
    for (const backfill of backfills) await client.query(outboxBackfillSql(schema, backfill, WRITTEN_BY_THIS_TRANSACTION));
    await client.query(triggers('ENABLE'));
  };
}
