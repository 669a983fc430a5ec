import { useTranslation } from 'react-i18next';
import type { WebDashboardQuery } from '../gql/graphql';
import { Review } from './Review';

type Me = NonNullable<WebDashboardQuery['me']>;

/** The participant's courses: progress (sessions attended, completion), the certificate, and the review. */
export function Enrollments({ me, when, onChanged }: { me: Me; when: (iso: string) => string; onChanged: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="enrollments-title">
      <h2 id="enrollments-title">{t('dashboard.enrollments')}</h2>
      {!me.enrollments?.length && <p>{t('dashboard.noEnrollments')}</p>}
      <ul className="rows">
        {(me.enrollments ?? []).map((e) => (
          <li key={e.id} className="stacked" data-testid="enrollment">
            <strong>{e.course.title}</strong>
            <span>
              {e.platform?.name} · {t(`enrollmentStatus.${e.status}`)}
            </span>
            <progress max={e.course.sessionCount} value={e.attendedSessions} aria-label={e.course.title} />
            <span>{t('dashboard.attendance', { attended: e.attendedSessions, total: e.course.sessionCount })}</span>
            {e.completedAt && <span>{t('dashboard.completed', { when: when(e.completedAt) })}</span>}
            {e.certificate && <span>{t('dashboard.certificate', { number: e.certificate.number })}</span>}
            <Review enrollment={e} onReviewed={onChanged} />
          </li>
        ))}
      </ul>
    </section>
  );
}
