import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { present } from '../api';
import type { PayoutProvider } from '../gql/graphql';
import { useSession } from '../session';
import { Failure } from '../Status';
import { PayoutAccountRegisterMutation } from './documents';
import type { IncentiveMe } from './Incentive';
import { PROVIDERS, providerName, type AccountKind } from './refusal';
import { useSubmission } from './submission';

/**
 * The e-wallet or bank account incentives are paid to. The API checks the holder's NIK at the provider's KYC:
 * an account in someone else's name is refused (NIK_MISMATCH) and nothing is stored.
 */
export function PayoutAccount({
  account,
  when,
  onRegistered,
}: {
  account: IncentiveMe['payoutAccount'];
  when: (iso: string) => string;
  onRegistered: () => void;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  return (
    <section className="card" aria-labelledby="payout-account-title">
      <h2 id="payout-account-title">{t('payoutAccount.title')}</h2>
      {account ? (
        <dl data-testid="payout-account">
          <dt>{t('payoutAccount.provider')}</dt>
          <dd>
            {providerName(account.provider)} · {t(`payoutAccount.kinds.${account.kind}`)}
          </dd>
          <dt>{t('payoutAccount.accountNumber')}</dt>
          <dd data-testid="payout-account-number">{account.accountNumberMasked}</dd>
          <dt>{t('payoutAccount.holder')}</dt>
          <dd>{account.holderName}</dd>
          <dd>{t('payoutAccount.checked', { when: when(account.checkedAt) })}</dd>
        </dl>
      ) : (
        <p>{t('payoutAccount.none')}</p>
      )}
      {account && !editing ? (
        <button className="secondary" onClick={() => setEditing(true)}>
          {t('payoutAccount.replace')}
        </button>
      ) : (
        <AccountForm
          onCancel={account ? () => setEditing(false) : undefined}
          onRegistered={() => {
            setEditing(false);
            onRegistered();
          }}
        />
      )}
    </section>
  );
}

function AccountForm({ onCancel, onRegistered }: { onCancel?: () => void; onRegistered: () => void }) {
  const { t } = useTranslation();
  const { run } = useSession();
  const [kind, setKind] = useState<AccountKind>('EWALLET');
  const [provider, setProvider] = useState<PayoutProvider>('GOPAY');
  const [accountNumber, setAccountNumber] = useState('');
  const { refusal, failure, sending, submit } = useSubmission('payoutAccount', onRegistered);
  const chooseKind = (next: AccountKind) => {
    setKind(next);
    setProvider(Object.keys(PROVIDERS[next])[0] as PayoutProvider);
  };
  const onSubmit = submit(async () => {
    const input = { kind, provider, accountNumber: accountNumber.trim() };
    return present((await run(PayoutAccountRegisterMutation, { input })).payoutAccountRegister, 'payout account');
  });
  return (
    <form onSubmit={(e) => void onSubmit(e)}>
      <div className="field">
        <label htmlFor="payout-kind">{t('payoutAccount.kind')}</label>
        <select id="payout-kind" value={kind} onChange={(e) => chooseKind(e.target.value as AccountKind)}>
          {(Object.keys(PROVIDERS) as AccountKind[]).map((k) => (
            <option key={k} value={k}>
              {t(`payoutAccount.kinds.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="payout-provider">{t('payoutAccount.provider')}</label>
        <select id="payout-provider" value={provider} onChange={(e) => setProvider(e.target.value as PayoutProvider)}>
          {Object.entries(PROVIDERS[kind]).map(([value, name]) => (
            <option key={value} value={value}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="payout-number">{t('payoutAccount.accountNumber')}</label>
        <input
          id="payout-number"
          inputMode="numeric"
          autoComplete="off"
          value={accountNumber}
          onChange={(e) => setAccountNumber(e.target.value)}
          aria-invalid={refusal ? true : undefined}
          aria-describedby={refusal ? 'payout-refusal' : undefined}
        />
      </div>
      <button type="submit" disabled={sending}>
        {t('payoutAccount.submit')}
      </button>
      {onCancel && (
        <button type="button" className="secondary" onClick={onCancel}>
          {t('payoutAccount.cancel')}
        </button>
      )}
      {refusal && (
        <p id="payout-refusal" className="error" role="alert">
          {t('payoutAccount.refused', { reasons: refusal })}
        </p>
      )}
      {failure !== null && <Failure error={failure} />}
    </form>
  );
}
