import { present } from './api';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApplyMutation, CardNumberQuery, OpenCohortsQuery } from './documents';
import { countdown, formatDateTime, formatRupiah } from './format';
import type { WebDashboardQuery } from './gql/graphql';
import { Enrollments } from './journey/Enrollments';
import { Inbox } from './journey/Inbox';
import { Incentive } from './journey/Incentive';
import { useQuery, useSession } from './session';
import { Failure, Loading } from './Status';

type Me = NonNullable<WebDashboardQuery['me']>;

/**
 * The participant's own page: card, balance, ledger, cohort draw, courses with their reviews, the incentive
 * (payout account, payouts, surveys), the inbox and who read their data.
 */
export function Dashboard({ me, reload }: { me: Me; reload: () => void }) {
  const { t, i18n } = useTranslation();
  const when = (iso: string) => formatDateTime(iso, i18n.language, me.provinceCode);
  // The incentive has its own query (it polls while a payout is under way); a review or a refresh reads it again.
  const [version, setVersion] = useState(0);
  const changed = () => {
    reload();
    setVersion((v) => v + 1);
  };
  return (
    <div className="dashboard">
      <h1>{t('dashboard.hello', { name: me.fullName ?? '' })}</h1>
      <button className="secondary" onClick={changed}>
        {t('dashboard.refresh')}
      </button>
      <CardSection me={me} when={when} />
      <Applications me={me} when={when} onApplied={reload} />
      <section className="card" aria-labelledby="ledger-title">
        <h2 id="ledger-title">{t('dashboard.ledger')}</h2>
        {!me.wallet?.ledger.edges.length && <p>{t('dashboard.noLedger')}</p>}
        <ul className="rows">
          {me.wallet?.ledger.edges.map(({ node }) => (
            <li key={node.id} data-testid="ledger-entry">
              <span>
                {t(`ledgerKind.${node.kind}`)}
                <small>{when(node.createdAt)}</small>
              </span>
              <strong>{formatRupiah(node.amount.amount)}</strong>
            </li>
          ))}
        </ul>
      </section>
      <Enrollments me={me} when={when} onChanged={changed} />
      <Incentive version={version} reviewed={new Set((me.enrollments ?? []).filter((e) => e.review).map((e) => e.id))} when={when} />
      <Inbox me={me} when={when} onChanged={reload} />
      <section className="card" aria-labelledby="access-title">
        <h2 id="access-title">{t('dashboard.accessLog')}</h2>
        {!me.personalDataAccessLog?.edges.length && <p>{t('dashboard.noAccess')}</p>}
        <ul className="rows">
          {(me.personalDataAccessLog?.edges ?? []).map(({ node }) => (
            <li key={node.id} className="stacked" data-testid="access-entry">
              <span>
                {t('dashboard.accessBy', {
                  who: node.platform ? t('dashboard.platformCheck', { name: node.platform.name }) : node.accessorRole,
                  fields: node.fields.join(', '),
                })}
              </span>
              {node.purpose && <span>{t('dashboard.purpose', { purpose: node.purpose })}</span>}
              <small>{when(node.accessedAt)}</small>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function CardSection({ me, when }: { me: Me; when: (iso: string) => string }) {
  const { t } = useTranslation();
  const { run } = useSession();
  const [number, setNumber] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const now = useNow();
  if (!me.card) {
    return (
      <section className="card" aria-labelledby="card-title">
        <h2 id="card-title">{t('dashboard.card')}</h2>
        <p>{t('dashboard.noCard')}</p>
      </section>
    );
  }
  const left = countdown(me.card.purchaseDeadline, now);
  // The full number is fetched only when asked for, and forgotten when hidden.
  const toggle = () => {
    if (number) return setNumber(null);
    run(CardNumberQuery, {}).then((d) => setNumber(d.me?.card?.number ?? null), setFailure);
  };
  return (
    <section className="card" aria-labelledby="card-title">
      <h2 id="card-title">{t('dashboard.card')}</h2>
      <p className="card-number" data-testid="card-number">
        {number ?? me.card.numberMasked}
      </p>
      <button className="secondary" onClick={toggle} aria-pressed={Boolean(number)}>
        {number ? t('dashboard.hideNumber') : t('dashboard.showNumber')}
      </button>
      {failure !== null && <Failure error={failure} />}
      <dl>
        <dt>{t('dashboard.status')}</dt>
        <dd data-testid="card-status">{t(`cardStatus.${me.card.status}`)}</dd>
        <dt>{t('dashboard.balance')}</dt>
        <dd data-testid="balance">{me.wallet ? formatRupiah(me.wallet.balance.amount) : '—'}</dd>
        <dt>{t('dashboard.availableBalance')}</dt>
        <dd data-testid="available-balance">{me.wallet ? formatRupiah(me.wallet.availableBalance.amount) : '—'}</dd>
        {!me.card.firstPurchaseAt && (
          <>
            <dt>{t('dashboard.deadline')}</dt>
            <dd>
              {when(me.card.purchaseDeadline)}
              <br />
              <span data-testid="countdown">{left.past ? t('dashboard.deadlinePast') : t('dashboard.countdown', left)}</span>
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

function Applications({ me, when, onApplied }: { me: Me; when: (iso: string) => string; onApplied: () => void }) {
  const { t } = useTranslation();
  const { run } = useSession();
  const cohorts = useQuery(OpenCohortsQuery, {});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const applied = new Set((me.applications ?? []).map((a) => a.cohort.id));
  const open = (cohorts.data?.cohorts?.edges.map((e) => e.node) ?? []).filter((c) => c.status === 'OPEN' && !applied.has(c.id));
  const apply = async (cohortId: string) => {
    setRefusal(null);
    try {
      const cohortApply = present((await run(ApplyMutation, { input: { cohortId } })).cohortApply, 'application');
      const problems = [...cohortApply.userErrors, ...cohortApply.reasons].map((r) => r.message);
      if (cohortApply.application && !problems.length) return onApplied();
      setRefusal(problems.join('; '));
      if (cohortApply.application) onApplied();
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <section className="card" aria-labelledby="applications-title">
      <h2 id="applications-title">{t('dashboard.applications')}</h2>
      {!me.applications?.length && <p>{t('dashboard.noApplications')}</p>}
      <ul className="rows">
        {(me.applications ?? []).map((a) => (
          <li key={a.id} className="stacked" data-testid="application">
            <strong>
              {a.cohort.name} · {t(`applicationStatus.${a.status}`)}
            </strong>
            <small>{when(a.createdAt)}</small>
            <span>{t('dashboard.drawKey')}:</span>
            <code data-testid="draw-key">{a.drawKey ?? t('dashboard.notYet')}</code>
            <span>{t('dashboard.cutoff')}:</span>
            <code>{a.cohort.drawCutoffKey ?? t('dashboard.notYet')}</code>
            <span>{t('dashboard.commitment')}:</span>
            <code>{a.cohort.selectionSeedCommitment ?? t('dashboard.notYet')}</code>
            <span>{t('dashboard.seed')}:</span>
            <code>{a.cohort.selectionSeed ?? t('dashboard.notYet')}</code>
          </li>
        ))}
      </ul>
      {cohorts.loading && <Loading />}
      {cohorts.error !== undefined && <Failure error={cohorts.error} retry={cohorts.reload} />}
      {open.length > 0 && <h3>{t('apply.title')}</h3>}
      {open.map((c) => (
        <div key={c.id} className="stacked">
          <span>{t('apply.closes', { when: when(c.closesAt) })}</span>
          <button onClick={() => void apply(c.id)}>{t('apply.button', { name: c.name })}</button>
        </div>
      ))}
      {refusal && (
        <p className="error" role="alert">
          {t('apply.refused', { reasons: refusal })}
        </p>
      )}
      {failure !== null && <Failure error={failure} />}
    </section>
  );
}

/** The current time, every 30 s (the countdown's minutes). */
function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
