import type { EntityManager } from '@mikro-orm/postgresql';
import { refuser, type UserError } from '../../../common/errors';
import { isUuid } from '../../../common/ids';
import { IncentiveStatus } from '../participant/participant.enums';
import { Payout } from '../payout/payout.entity';
import { payoutReference } from '../payout/payout.service';
import { NOW_MS, SCHEMA, sql } from '../sql';
import { SURVEYS, type SurveyCode } from './survey.catalog';
import { SurveyResponse } from './survey.entity';
import type { SurveyResponseSubmitInput } from './survey.inputs';

/** What surveyResponseSubmit can refuse with. */
export const SURVEY_RESPONSE_SUBMIT_ERRORS = {
  NOT_ELIGIBLE: 'Surveys open once the training incentive is due: a first course completed and reviewed.',
  INVALID_ANSWERS: 'The answers are not one whole score from 1 to 5 per question of the survey.',
  ALREADY_ANSWERED: 'The caller answered this survey already; it is paid once.',
} as const;
type SurveyResponseSubmitErrorCode = keyof typeof SURVEY_RESPONSE_SUBMIT_ERRORS;

export interface SurveyResult {
  response: SurveyResponse | null;
  payout: Payout | null;
  userErrors: UserError[];
}

const refuse = refuser<SurveyResult, SurveyResponseSubmitErrorCode>({ response: null, payout: null });

const OPEN: ReadonlySet<string> = new Set([IncentiveStatus.DUE, IncentiveStatus.PAID, IncentiveStatus.FAILED]);

/**
 * surveyResponseSubmit. The unique (participant, survey) constraint decides between concurrent answers:
 * exactly one inserts, and its payout (at the cohort's survey amount) is written in the same transaction.
 */
export async function submitSurveyResponse(
  em: EntityManager,
  participantId: string,
  input: SurveyResponseSubmitInput,
): Promise<SurveyResult> {
  const questions = SURVEYS[input.survey as SurveyCode];
  if (input.answers.length !== questions.length || !input.answers.every((a) => Number.isInteger(a) && a >= 1 && a <= 5))
    return refuse('INVALID_ANSWERS', `${input.survey} takes ${questions.length} scores from 1 to 5`, { field: 'answers' });
  const [person] = !isUuid(participantId)
    ? []
    : await sql<{ incentive_status: string; survey_amount: string | null }>(
        em,
        `SELECT p.incentive_status, co.survey_amount FROM ${SCHEMA}.participant p
       LEFT JOIN ${SCHEMA}.card c ON c.participant_id = p.id LEFT JOIN ${SCHEMA}.cohort co ON co.id = c.cohort_id WHERE p.id = ?`,
        [participantId],
      );
  if (!person || !OPEN.has(person.incentive_status) || person.survey_amount === null)
    return refuse('NOT_ELIGIBLE', 'Complete and review a course first');
  const reference = payoutReference(participantId, input.survey);
  const inserted = await em.transactional(async (tx) => {
    const rows = await sql(
      tx as EntityManager,
      `INSERT INTO ${SCHEMA}.survey_response (id, participant_id, survey, answers, created_at) VALUES (gen_random_uuid(), ?, ?, ?::jsonb, ${NOW_MS})
       ON CONFLICT (participant_id, survey) DO NOTHING RETURNING id`,
      [participantId, input.survey, JSON.stringify(input.answers)],
    );
    if (rows.length && Number(person.survey_amount) > 0)
      await sql(
        tx as EntityManager,
        `INSERT INTO ${SCHEMA}.payout (id, participant_id, kind, survey, reference, amount, status, attempts, next_attempt_at, created_at, updated_at)
         VALUES (gen_random_uuid(), ?, 'SURVEY', ?, ?, ?, 'PENDING', 0, now(), ${NOW_MS}, now())`,
        [participantId, input.survey, reference, person.survey_amount],
      );
    return rows.length > 0;
  });
  const response = await em.findOneOrFail(SurveyResponse, { participantId, survey: input.survey }, { refresh: true });
  if (!inserted) return refuse('ALREADY_ANSWERED', 'This survey was answered already', { field: 'survey', response });
  return { response, payout: await em.findOne(Payout, { reference }, { refresh: true }), userErrors: [] };
}
