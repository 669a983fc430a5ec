import { useTranslation } from 'react-i18next';
import { formatDateTime } from './format';
import type { WebCatalogueQuery } from './gql/graphql';

type Schedule = NonNullable<WebCatalogueQuery['courses']>['edges'][number]['node']['schedules']['edges'][number]['node'];

/**
 * A course's dated sessions that can still be bought, with the seats left. The purchase itself (and so the
 * choice of `scheduleId`) happens at the platform's checkout: purchaseStart is the platforms' mutation.
 */
export function Schedules({ schedules }: { schedules: Schedule[] }) {
  const { t, i18n } = useTranslation();
  const now = Date.now();
  // A session can no longer be bought once it has started.
  const upcoming = schedules.filter((s) => Date.parse(s.startsAt) > now);
  if (!upcoming.length) return null;
  // Times in WIB: the catalogue is public, so there is no participant's province to go by.
  const when = (iso: string) => formatDateTime(iso, i18n.language);
  return (
    <div className="schedules" data-testid="schedules">
      <h3>{t('schedules.title')}</h3>
      <ul className="offers">
        {upcoming.map((s) => (
          <li key={s.id} data-testid="schedule">
            <span>{when(s.startsAt)}</span>
            <strong>
              {s.seatsAvailable > 0 ? t('schedules.seats', { available: s.seatsAvailable, quota: s.seatQuota }) : t('schedules.full')}
            </strong>
          </li>
        ))}
      </ul>
      <small>{t('schedules.pick')}</small>
    </div>
  );
}
