import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { User, UserManager } from 'oidc-client-ts';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from './api';
import { userManager } from './auth';
import { loadConfig, type WebConfig } from './config';
import { Catalogue } from './Catalogue';
import { Dashboard } from './Dashboard';
import { switchLanguage } from './i18n';
import { Register } from './Register';
import { DashboardQuery } from './documents';
import { SessionContext, useQuery, useSession, type Session } from './session';
import { Failure, Loading } from './Status';

/** Loads the run-time configuration, completes a sign-in coming back from the provider, then shows the person's page. */
export function App() {
  const [boot, setBoot] = useState<{ config: WebConfig; manager: UserManager; user: User | null } | { error: unknown } | null>(null);
  const start = useCallback(() => {
    setBoot(null);
    (async () => {
      const config = await loadConfig();
      const manager = userManager(config);
      let user: User | null;
      if (window.location.pathname === '/callback') {
        user = await manager.signinRedirectCallback();
        window.history.replaceState(null, '', '/');
      } else {
        user = await manager.getUser();
        if (user?.expired) {
          await manager.removeUser();
          user = null;
        }
      }
      setBoot({ config, manager, user });
    })().catch((error: unknown) => setBoot({ error }));
  }, []);
  useEffect(start, [start]);

  const session = useMemo<Session | null>(() => {
    if (!boot || 'error' in boot) return null;
    const run = <T, V>(document: TypedDocumentNode<T, V>, variables: V) =>
      request(boot.config.gatewayUrl, document, variables, boot.user?.access_token);
    return { ...boot, run };
  }, [boot]);

  const [view, setView] = useState<'home' | 'catalogue'>('home');
  return (
    <div className="app">
      <Header manager={session?.manager} signedIn={Boolean(session?.user)} />
      <Tabs view={view} onChange={setView} />
      <main>
        {!boot && <Loading />}
        {boot && 'error' in boot && <Failure error={boot.error} retry={start} />}
        {session && <SessionContext.Provider value={session}>{view === 'catalogue' ? <Catalogue /> : <Home />}</SessionContext.Provider>}
      </main>
    </div>
  );
}

function Header({ manager, signedIn }: { manager?: UserManager; signedIn: boolean }) {
  const { t } = useTranslation();
  return (
    <header className="top">
      <span className="brand">{t('appName')}</span>
      <span className="actions">
        <button className="link" onClick={() => void switchLanguage()} lang={t('switchLanguage') === 'English' ? 'en' : 'id'}>
          {t('switchLanguage')}
        </button>
        {manager && signedIn && (
          <button className="link" onClick={() => void manager.signoutRedirect()}>
            {t('signOut')}
          </button>
        )}
      </span>
    </header>
  );
}

/** Home (sign-in or the participant's page) and the public catalogue, open to everyone. */
function Tabs({ view, onChange }: { view: 'home' | 'catalogue'; onChange: (view: 'home' | 'catalogue') => void }) {
  const { t } = useTranslation();
  return (
    <nav className="tabs" aria-label={t('appName')}>
      {(['home', 'catalogue'] as const).map((v) => (
        <button key={v} className={view === v ? 'current' : ''} aria-current={view === v ? 'page' : undefined} onClick={() => onChange(v)}>
          {t(v === 'home' ? 'catalogue.home' : 'catalogue.tab')}
        </button>
      ))}
    </nav>
  );
}

function Home() {
  const { t } = useTranslation();
  const { user, manager } = useSession();
  if (!user) {
    return (
      <section className="card welcome">
        <h1>{t('appName')}</h1>
        <p>{t('welcome')}</p>
        <button onClick={() => void manager.signinRedirect()}>{t('signIn')}</button>
        <button className="secondary" onClick={() => void manager.signinRedirect({ extraQueryParams: { screen: 'signup' } })}>
          {t('signUp')}
        </button>
      </section>
    );
  }
  if ((user.profile as { role?: string }).role !== 'participant') return <p className="card">{t('notParticipant')}</p>;
  return <ParticipantHome />;
}

/** A signed-in participant: the registration form until they have registered, then their dashboard. */
function ParticipantHome() {
  const dashboard = useQuery(DashboardQuery, {});
  if (dashboard.loading && !dashboard.data) return <Loading />;
  if (dashboard.error) return <Failure error={dashboard.error} retry={dashboard.reload} />;
  if (!dashboard.data?.me) return <Register onRegistered={dashboard.reload} />;
  return <Dashboard me={dashboard.data.me} reload={dashboard.reload} />;
}
