import type { EntityManager } from '@mikro-orm/postgresql';

export interface SourceFreshness {
  source: string;
  position: string;
  eventsProjected: number;
  lastEventAt: Date | null;
  caughtUpAt: Date | null;
  lagSeconds: number | null;
}

export interface Freshness {
  lagSeconds: number | null;
  sources: SourceFreshness[];
}

/**
 * How far the read model is behind each source: the time since its last poll that found nothing more to read
 * (everything that source had committed before that poll is in the read model). Null before the first one.
 * `rollup`: the same as of the cursors the rollups were last built at.
 */
export async function readFreshness(em: EntityManager, of: 'facts' | 'rollup' = 'facts'): Promise<Freshness> {
  const rollups =
    of === 'rollup'
      ? await em.execute<Array<{ source: string; events_projected: string; caught_up_at: string | null; lag: number | null }>>(
          `SELECT source, events_projected::text, caught_up_at, extract(epoch FROM clock_timestamp() - caught_up_at)::float8 AS lag
             FROM analytics.rollup_source`,
        )
      : [];
  const rows = await em.execute<
    Array<{
      source: string;
      position: string;
      events_projected: string;
      last_event_at: string | null;
      caught_up_at: string | null;
      lag: number | null;
    }>
  >(
    `SELECT source, position, events_projected::text, last_event_at, caught_up_at,
            extract(epoch FROM clock_timestamp() - caught_up_at)::float8 AS lag
       FROM analytics.feed_cursor ORDER BY source`,
  );
  // The rollup is the read model as of the cursors of the snapshot it was built from.
  if (of === 'rollup')
    for (const row of rows) {
      const built = rollups.find((r) => r.source === row.source);
      row.events_projected = built?.events_projected ?? '0';
      row.caught_up_at = built?.caught_up_at ?? null;
      row.lag = built?.lag ?? null;
    }
  const sources = rows.map((r) => ({
    source: r.source,
    position: r.position,
    eventsProjected: Number(r.events_projected),
    lastEventAt: r.last_event_at ? new Date(r.last_event_at) : null,
    caughtUpAt: r.caught_up_at ? new Date(r.caught_up_at) : null,
    lagSeconds: r.lag === null ? null : Math.max(0, r.lag),
  }));
  const lags = sources.map((s) => s.lagSeconds);
  return { lagSeconds: lags.includes(null) ? null : Math.max(...(lags as number[])), sources };
}
