import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { present } from '../api';
import { formatRupiah } from '../format';
import { useSession } from '../session';
import { Failure } from '../Status';
import { SurveyResponseSubmitMutation } from './documents';
import type { IncentiveMe } from './Incentive';
import { useSubmission } from './submission';

type Incentive = NonNullable<IncentiveMe['incentive']>;
type Survey = Incentive['surveys'][number];
/** Surveys open once the training incentive is due (the API refuses them before: NOT_ELIGIBLE). */
const OPEN = new Set(['DUE', 'PAID', 'FAILED']);

/** The programme's surveys: each answered once, each paying the cohort's survey amount. */
export function Surveys({ incentive, onAnswered }: { incentive: Incentive; onAnswered: () => void }) {
  const { t } = useTranslation();
  const open = OPEN.has(incentive.status);
  return (
    <section className="card" aria-labelledby="surveys-title">
      <h2 id="surveys-title">{t('surveys.title')}</h2>
      {incentive.surveyAmount && incentive.surveyAmount.amount > 0 && (
        <p>{t('surveys.intro', { amount: formatRupiah(incentive.surveyAmount.amount) })}</p>
      )}
      {!open && <p>{t('surveys.closed')}</p>}
      {open &&
        incentive.surveys.map((s) =>
          s.response ? (
            <div key={s.survey} className="stacked" data-testid="survey" data-survey={s.survey}>
              <h3>{t(`surveys.names.${s.survey}`)}</h3>
              <span data-testid="survey-answered">{t('surveys.answered', { answers: s.response.answers.join(', ') })}</span>
            </div>
          ) : (
            <SurveyForm key={s.survey} survey={s} onAnswered={onAnswered} />
          ),
        )}
    </section>
  );
}

function SurveyForm({ survey, onAnswered }: { survey: Survey; onAnswered: () => void }) {
  const { t } = useTranslation();
  const { run } = useSession();
  const id = useId();
  const [answers, setAnswers] = useState<number[]>(() => survey.questions.map(() => 0));
  const { refusal, failure, sending, submit } = useSubmission('surveys', onAnswered);
  const name = t(`surveys.names.${survey.survey}`);
  const onSubmit = submit(async () => {
    const input = { survey: survey.survey, answers };
    return present((await run(SurveyResponseSubmitMutation, { input })).surveyResponseSubmit, 'survey response');
  });
  return (
    <form className="stacked" data-testid="survey" data-survey={survey.survey} onSubmit={(e) => void onSubmit(e)} aria-label={name}>
      <h3>{name}</h3>
      <small>{t('surveys.scale')}</small>
      {survey.questions.map((question, i) => (
        <div key={i} className="field">
          <label htmlFor={`${id}-${i}`}>{question}</label>
          <select
            id={`${id}-${i}`}
            value={answers[i]}
            onChange={(e) => setAnswers(answers.map((a, j) => (j === i ? Number(e.target.value) : a)))}
          >
            <option value={0}>–</option>
            {[1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
      ))}
      <button type="submit" disabled={sending}>
        {t('surveys.submit', { name })}
      </button>
      {refusal && (
        <p className="error" role="alert">
          {t('surveys.refused', { reasons: refusal })}
        </p>
      )}
      {failure !== null && <Failure error={failure} />}
    </form>
  );
}
