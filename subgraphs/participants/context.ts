import type { EntityManager } from '@mikro-orm/postgresql';
import type { SubgraphContext } from '../../common/context';
import { childrenLoader, entityByIdLoader, valueByKeyLoader } from '../../common/loaders';
import { toSafeInt } from '../../common/scalars';
import { PersonalDataRecorder } from './access-log/access-log.recorder';
import { Card } from './card/card.entity';
import { Application, Cohort } from './cohort/cohort.entity';
import { ComplaintCase } from './complaint/complaint.entity';
import { recyclingTotals, type RecyclingTotals } from './cohort/recycling';
import type { ParticipantsConfig } from './config';
import { eligibilityLoader } from './eligibility/eligibility.service';
import { incentiveLoaders } from './incentive/incentive.loader';
import type { DisbursementProvider } from './payout/disbursement-provider';
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
    complaintCase: entityByIdLoader(em, ComplaintCase),
    cardByParticipant: valueByKeyLoader<Card, Card | null>(
      null,
      (ids) => em.find(Card, { participant: { $in: ids } }),
      (card) => card.participant.id,
      (card) => card,
    ),
    wallet: valueByKeyLoader<{ id: string; balance: string; available: string }, WalletBalances | null>(
      null,
      (ids) =>
        sql(
          em,
          `SELECT w.id, w.balance, w.balance - ${heldNowSql('w')} AS available
         FROM ${SCHEMA}.wallet w WHERE w.id IN (SELECT value::uuid FROM jsonb_array_elements_text(?::jsonb))`,
          [json(ids)],
        ),
      (row) => row.id,
      (row) => ({ balance: toSafeInt(row.balance), available: toSafeInt(row.available) }),
    ),
    applicationsByParticipant: childrenLoader(em, Application, {
      parentKey: 'participant',
      parentOf: (application) => application.participant.id,
      orderBy: { createdAt: 'desc' },
    }),
    eligibility: eligibilityLoader(em),
    applicationCount: valueByKeyLoader<{ cohort_id: string; n: string }, number>(
      0,
      (ids) =>
        sql(
          em,
          `SELECT cohort_id, count(*) AS n FROM ${SCHEMA}.application WHERE cohort_id IN (SELECT value::uuid FROM jsonb_array_elements_text(?::jsonb)) GROUP BY 1`,
          [json(ids)],
        ),
      (row) => row.cohort_id,
      (row) => Number(row.n),
    ),
    ledgerPage: ledgerPageLoader(em),
    unreadCount: valueByKeyLoader<{ participant_id: string; n: string }, number>(
      0,
      (ids) =>
        sql(
          em,
          `SELECT participant_id, count(*) AS n FROM ${SCHEMA}.inbox_message
            WHERE read_at IS NULL AND participant_id IN (SELECT value::uuid FROM jsonb_array_elements_text(?::jsonb)) GROUP BY 1`,
          [json(ids)],
        ),
      (row) => row.participant_id,
      (row) => Number(row.n),
    ),
    ...incentiveLoaders(em),
    recycling: valueByKeyLoader<[string, RecyclingTotals], RecyclingTotals | null>(
      null,
      async (ids) => [...(await recyclingTotals(em, ids))],
      ([id]) => id,
      ([, totals]) => totals,
    ),
  };
}

export interface ParticipantsContext extends SubgraphContext {
  loaders: ReturnType<typeof createLoaders>;
  /** Guards personal fields and collects the reads to record; flushed once after the request. */
  personalData: PersonalDataRecorder;
  config: ParticipantsConfig;
  /** KYC lookups of payout accounts (the sender job has its own handle on the same provider). */
  disbursement: DisbursementProvider;
}
