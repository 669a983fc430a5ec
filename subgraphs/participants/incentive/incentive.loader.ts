import type { EntityManager } from '@mikro-orm/postgresql';
import { childrenLoader, valueByKeyLoader } from '../../../common/loaders';
import { toSafeInt } from '../../../common/scalars';
import { IncentiveLedgerEntry, Payout, PayoutAccount } from '../payout/payout.entity';
import { json, SCHEMA, sql } from '../sql';
import { SurveyResponse } from '../survey/survey.entity';

export interface IncentiveAmounts {
  training: number;
  survey: number;
}

/** Per-request loaders of the incentive: each list of many participants in one query. */
export function incentiveLoaders(em: EntityManager) {
  const byParticipant = <T extends { participantId: string; createdAt: Date }>(entity: new () => T) =>
    childrenLoader(em, entity, {
      parentKey: 'participantId',
      parentOf: (row) => row.participantId,
      orderBy: { createdAt: 'asc', id: 'asc' },
    });
  return {
    payoutsByParticipant: byParticipant(Payout),
    incentiveLedgerByParticipant: byParticipant(IncentiveLedgerEntry),
    surveyResponsesByParticipant: byParticipant(SurveyResponse),
    payoutAccount: valueByKeyLoader<PayoutAccount, PayoutAccount | null>(
      null,
      (ids) => em.find(PayoutAccount, { participantId: { $in: ids } }),
      (row) => row.participantId,
      (row) => row,
    ),
    /** The amounts of the participant's cohort (through their card); none before selection. */
    incentiveAmounts: valueByKeyLoader<
      { participant_id: string; incentive_amount: string; survey_amount: string },
      IncentiveAmounts | null
    >(
      null,
      (ids) =>
        sql(
          em,
          `SELECT c.participant_id, co.incentive_amount, co.survey_amount FROM ${SCHEMA}.card c JOIN ${SCHEMA}.cohort co ON co.id = c.cohort_id
            WHERE c.participant_id IN (SELECT value::uuid FROM jsonb_array_elements_text(?::jsonb))`,
          [json(ids)],
        ),
      (row) => row.participant_id,
      (row) => ({ training: toSafeInt(row.incentive_amount), survey: toSafeInt(row.survey_amount) }),
    ),
  };
}
