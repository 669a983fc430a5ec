import { useTranslation } from 'react-i18next';
import { formatRupiah } from '../format';
import type { IncentiveMe } from './Incentive';

type Payout = NonNullable<IncentiveMe['incentive']>['payouts'][number];

/** Every payout (the training incentive, each survey) with where it stands and its attempts. */
export function Payouts({ payouts, when }: { payouts: Payout[]; when: (iso: string) => string }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="payouts-title">
      <h2 id="payouts-title">{t('payouts.title')}</h2>
      {!payouts.length && <p>{t('payouts.none')}</p>}
      <ul className="rows">
        {payouts.map((p) => (
          <li key={p.id} className="stacked" data-testid="payout" data-status={p.status}>
            <span className="row">
              <strong>
                {p.kind === 'SURVEY' && p.survey ? t('payouts.survey', { name: t(`surveys.names.${p.survey}`) }) : t('payouts.training')}
              </strong>
              <strong>{formatRupiah(p.amount.amount)}</strong>
            </span>
            <span data-testid="payout-status">{t(`payouts.statuses.${p.status}`)}</span>
            <small>{t('payouts.attempts', { count: p.attempts })}</small>
            {p.lastError && p.status !== 'PAID' && <small>{t('payouts.lastError', { error: p.lastError })}</small>}
            {p.status === 'FAILED_RETRYING' && <small>{t('payouts.next', { when: when(p.nextAttemptAt) })}</small>}
            {p.paidAt && <small>{t('payouts.paidAt', { when: when(p.paidAt) })}</small>}
            {p.accountNumberMasked && <small>{t('payouts.to', { account: p.accountNumberMasked })}</small>}
            <small>
              {t('payouts.reference')}: <code>{p.reference}</code>
            </small>
          </li>
        ))}
      </ul>
    </section>
  );
}
