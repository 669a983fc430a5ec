import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { present } from '../api';
import type { WebDashboardQuery } from '../gql/graphql';
import { useSession } from '../session';
import { Failure } from '../Status';
import { ReviewSubmitMutation } from './documents';
import { useSubmission } from './submission';

type Enrollment = NonNullable<NonNullable<WebDashboardQuery['me']>['enrollments']>[number];

/**
 * The rating (1-5 stars) and review of one enrollment: given once, after completion (the API refuses it before
 * and refuses a change), and what makes the incentive owed.
 */
export function Review({ enrollment, onReviewed }: { enrollment: Enrollment; onReviewed: () => void }) {
  const { t } = useTranslation();
  const { run } = useSession();
  const id = useId();
  const [rating, setRating] = useState(0);
  const [text, setText] = useState('');
  const { refusal, failure, sending, submit } = useSubmission('review', onReviewed);
  const title = enrollment.course.title;
  if (enrollment.review) {
    return (
      <div className="stacked" data-testid="review">
        <span>{t('review.yours', { rating: enrollment.review.rating })}</span>
        <span aria-hidden="true">{'★'.repeat(enrollment.review.rating) + '☆'.repeat(5 - enrollment.review.rating)}</span>
        <q>{enrollment.review.text}</q>
      </div>
    );
  }
  if (enrollment.status !== 'COMPLETED') return <small>{t('review.afterCompletion')}</small>;
  const onSubmit = submit(async () => {
    return present((await run(ReviewSubmitMutation, { input: { enrollmentId: enrollment.id, rating, text } })).reviewSubmit, 'review');
  });
  return (
    <form className="review-form" onSubmit={(e) => void onSubmit(e)} aria-label={`${t('review.title')}: ${title}`}>
      <fieldset className="stars">
        <legend>{t('review.rating')}</legend>
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n}>
            <input type="radio" name={`${id}-rating`} value={n} checked={rating === n} onChange={() => setRating(n)} />
            <span aria-hidden="true">{n}★</span>
            <span className="visually-hidden">{t('review.stars', { count: n })}</span>
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('review.text')}</label>
        <textarea id={`${id}-text`} value={text} onChange={(e) => setText(e.target.value)} rows={3} maxLength={2000} />
      </div>
      <button type="submit" disabled={sending}>
        {t('review.submit')}
      </button>
      {refusal && (
        <p className="error" role="alert">
          {t('review.refused', { reasons: refusal })}
        </p>
      )}
      {failure !== null && <Failure error={failure} />}
    </form>
  );
}
