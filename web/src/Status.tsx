import { useTranslation } from 'react-i18next';
import { NetworkError, SessionExpiredError } from './api';
import { useSession } from './session';

/** A loading state that is never a blank screen. */
export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="status" role="status" aria-live="polite">
      {t('loading')}
    </p>
  );
}

/** An error a person understands, with the way out: sign in again, or retry. */
export function Failure({ error, retry }: { error: unknown; retry?: () => void }) {
  const { t } = useTranslation();
  const { manager } = useSession();
  if (error instanceof SessionExpiredError) {
    return (
      <div className="alert" role="alert">
        <p>{t('sessionExpired')}</p>
        <button onClick={() => void manager.removeUser().then(() => manager.signinRedirect())}>{t('signIn')}</button>
      </div>
    );
  }
  const message =
    error instanceof NetworkError ? t('networkDown') : t('somethingWrong', { message: (error as Error)?.message ?? String(error) });
  return (
    <div className="alert" role="alert">
      <p>{message}</p>
      {retry && <button onClick={retry}>{t('retry')}</button>}
    </div>
  );
}
