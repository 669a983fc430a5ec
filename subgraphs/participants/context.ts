import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { SubgraphContext } from '../../common/context';
import { entityByIdLoader, uuidKeyed } from '../../common/loaders';
import { toSafeInt } from '../../common/scalars';
import { PersonalDataRecorder } from './access-log/access-log.recorder';
import { Card } from './card/card.entity';
import { Application, Cohort } from './cohort/cohort.entity';
import type { ParticipantsConfig } from './config';
import { eligibilityLoader } from './eligibility/eligibility.service';
import { Participant } from './participant/participant.entity';
import { json, SCHEMA, sql } from './sql';
import { ledgerPageLoader } from './wallet/ledger.loader';
import { heldNowSql } from './wallet/wallet.service';

export interface WalletBalances {
  balance: number;
  available: number;
}

/** Per-request context of the participants subgraph: fresh DataLoaders for every request. */
export function createLoaders(em: EntityManager) {
  return {
    participant: entityByIdLoader(em, Participant),
    cohort: entityByIdLoader(em, Cohort),
    cardByParticipant: new DataLoader<string, Card | null>(
      uuidKeyed(null, async (ids) => {
        const rows = await em.find(Card, { participant: { $in: ids } });
        const map = new Map(rows.map((c) => [c.participant.id, c]));
        return ids.map((id) => map.get(id) ?? null);
      }),
    ),
    wallet: new DataLoader<string, WalletBalances | null>(
      uuidKeyed(null, async (ids) => {
        const rows = await sql<{ id: string; balance: string; available: string }>(
          em,
          `SELECT w.id, w.balance, w.balance - ${heldNowSql('w')} AS available
         FROM ${SCHEMA}.wallet w WHERE w.id IN (SELECT value::uuid FROM jsonb_array_elements_text(?::jsonb))`,
          [json(ids)],
        );
        const map = new Map(rows.map((r) => [r.id, { balance: toSafeInt(r.balance), available: toSafeInt(r.available) }]));
        return ids.map((id) => map.get(id) ?? null);
      }),
    ),
    applicationsByParticipant: new DataLoader<string, Application[]>(
      uuidKeyed<Application[]>([], async (ids) => {
        const rows = await em.find(Application, { participant: { $in: ids } }, { orderBy: { createdAt: 'desc' } });
        const byParticipant = new Map<string, Application[]>();
        for (const a of rows) byParticipant.set(a.participant.id, [...(byParticipant.get(a.participant.id) ?? []), a]);
        return ids.map((id) => byParticipant.get(id) ?? []);
      }),
    ),
    eligibility: eligibilityLoader(em),
    applicationCount: new DataLoader<string, number>(
      uuidKeyed(0, async (ids) => {
        const rows = await sql<{ cohort_id: string; n: string }>(
          em,
          `SELECT cohort_id, count(*) AS n FROM ${SCHEMA}.application WHERE cohort_id IN (SELECT value::uuid FROM jsonb_array_elements_text(?::jsonb)) GROUP BY 1`,
          [json(ids)],
        );
        const map = new Map(rows.map((r) => [r.cohort_id, Number(r.n)]));
        return ids.map((id) => map.get(id) ?? 0);
      }),
    ),
    ledgerPage: ledgerPageLoader(em),
  };
}

export interface ParticipantsContext extends SubgraphContext {
  loaders: ReturnType<typeof createLoaders>;
  /** Guards personal fields and collects the reads to record; flushed once after the request. */
  personalData: PersonalDataRecorder;
  config: ParticipantsConfig;
}
