import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatRupiah } from '../format';
import type { WebIncentiveQuery } from '../gql/graphql';
import { useQuery } from '../session';
import { Failure, Loading } from '../Status';
import { IncentiveQuery } from './documents';
import { PayoutAccount } from './PayoutAccount';
import { Payouts } from './Payouts';
import { Surveys } from './Surveys';

export type IncentiveMe = NonNullable<WebIncentiveQuery['me']>;
/** Payouts the sender is still working on: the page reads them again until they settle. */
const IN_FLIGHT = new Set(['PENDING', 'SENDING', 'FAILED_RETRYING']);
/** Reads again every 5 s at most (a person's field quota is 3,000 a minute), a retry when it is due (within a minute). */
const POLL_MS = 5_000;
const MAX_WAIT_MS = 60_000;

type Payout = NonNullable<IncentiveMe['incentive']>['payouts'][number];
/** When to read again for this payout: soon while it is sent, at its next attempt while it waits to be retried. */
const waitFor = (p: Payout, now: number) =>
  p.status === 'FAILED_RETRYING' ? Math.min(MAX_WAIT_MS, Math.max(POLL_MS, Date.parse(p.nextAttemptAt) - now + 1_000)) : POLL_MS;

/**
 * The post-training incentive: its status and amounts, the payout account, the payouts and the surveys.
 * `version` changes when something elsewhere on the page may have changed it (a review, a refresh);
 * `reviewed` are the enrollments with a review, which the participants subgraph hears of a moment later.
 */
export function Incentive({ version, reviewed, when }: { version: number; reviewed: Set<string>; when: (iso: string) => string }) {
  const { t } = useTranslation();
  const query = useQuery(IncentiveQuery, {}, version);
  const me = query.data?.me;
  const incentive = me?.incentive;
  const sending = me?.payoutAccount ? (incentive?.payouts ?? []).filter((p) => IN_FLIGHT.has(p.status)) : [];
  const reviewArriving = incentive?.status === 'AWAITING_REVIEW' && reviewed.has(me?.incentiveEnrollmentId ?? '');
  const now = Date.now();
  const wait = reviewArriving ? POLL_MS : sending.length ? Math.min(...sending.map((p) => waitFor(p, now))) : null;
  const { reload } = query;
  useEffect(() => {
    if (wait === null) return;
    const timer = setTimeout(reload, wait);
    return () => clearTimeout(timer);
  }, [wait, reload, query.data]);
  if (!query.data) {
    return (
      <section className="card" aria-labelledby="incentive-title">
        <h2 id="incentive-title">{t('incentive.title')}</h2>
        {query.loading && <Loading />}
        {query.error !== undefined && <Failure error={query.error} retry={reload} />}
      </section>
    );
  }
  if (!me || !incentive) return null;
  const money = (m: { amount: number } | null | undefined) => (m ? formatRupiah(m.amount) : t('incentive.notSelected'));
  return (
    <>
      <section className="card" aria-labelledby="incentive-title">
        <h2 id="incentive-title">{t('incentive.title')}</h2>
        <dl>
          <dt>{t('incentive.status')}</dt>
          <dd data-testid="incentive-status" data-status={incentive.status}>
            {t(`incentive.statuses.${incentive.status}`)}
          </dd>
          <dt>{t('incentive.amount')}</dt>
          <dd data-testid="incentive-amount">{money(incentive.amount)}</dd>
          <dt>{t('incentive.surveyAmount')}</dt>
          <dd>{money(incentive.surveyAmount)}</dd>
          <dt>{t('incentive.owed')}</dt>
          <dd>{formatRupiah(incentive.owedAmount.amount)}</dd>
          <dt>{t('incentive.paid')}</dt>
          <dd data-testid="incentive-paid">{formatRupiah(incentive.paidAmount.amount)}</dd>
        </dl>
        {!me.payoutAccount && incentive.status !== 'NOT_DUE' && <p>{t('incentive.needAccount')}</p>}
        {query.error !== undefined && <Failure error={query.error} retry={reload} />}
      </section>
      <PayoutAccount account={me.payoutAccount ?? null} when={when} onRegistered={reload} />
      <Payouts payouts={incentive.payouts} when={when} />
      <Surveys incentive={incentive} onAnswered={reload} />
    </>
  );
}
